import { useEffect, useRef } from "react";
import { useSearchParams } from "react-router-dom";

export function SearchResults() {
  const [params] = useSearchParams();
  const heading = useRef<HTMLHeadingElement>(null);
  const q = params.get("q") ?? "";
  useEffect(() => {
    if (!heading.current) return;
    // ruleid: js/dom-xss
    heading.current.innerHTML = `Results for <em>${q}</em>`;
  }, [q]);
  useEffect(() => {
    if (!heading.current) return;
    // ok: js/dom-xss
    heading.current.textContent = `Results for ${q}`;
  }, [q]);
  return <h2 ref={heading} />;
}
