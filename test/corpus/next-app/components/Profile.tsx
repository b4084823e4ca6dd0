import { useRouter } from "next/router";
import DOMPurify from "dompurify";
import { marked } from "marked";

type Props = { bio: string; website: string };

export function Profile({ bio, website }: Props) {
  const router = useRouter();
  const { tab, note, link } = router.query as Record<string, string>;
  return (
    <section>
      {/* ruleid: js/dom-xss */}
      <div className="note" dangerouslySetInnerHTML={{ __html: note }} />
      {/* ok: js/dom-xss */}
      <div className="note" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked.parse(note ?? "") as string) }} />
      {/* ok: js/dom-xss */}
      <div className="bio" dangerouslySetInnerHTML={{ __html: bio }} />
      {/* ruleid: js/dom-xss */}
      <a href={link}>Continue</a>
      {/* ok: js/dom-xss */}
      <a href={`/profile?tab=${encodeURIComponent(tab ?? "")}`}>Tab</a>
      {/* ok: js/dom-xss */}
      <a href={website}>Website</a>
      <p>{tab}</p>
    </section>
  );
}
