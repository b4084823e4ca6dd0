import { useSearchParams } from "next/navigation";

export function Preview() {
  const searchParams = useSearchParams();
  const html = searchParams.get("html") ?? "";
  const homepage = searchParams.get("homepage") ?? "";
  return (
    <div>
      {/* ruleid: js/dom-xss */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
      {/* ruleid: js/dom-xss */}
      <a href={homepage}>Homepage</a>
      {/* ok: js/dom-xss */}
      <p>{html}</p>
      {/* ok: js/dom-xss */}
      <a href={`/users/${encodeURIComponent(homepage)}`}>Profile</a>
    </div>
  );
}
