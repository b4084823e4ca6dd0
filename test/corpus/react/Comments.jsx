import React, { useEffect, useState } from "react";
import { useParams, useLocation } from "react-router-dom";
import sanitizeHtml from "sanitize-html";

function useQuery() {
  return new URLSearchParams(useLocation().search);
}

export function CommentThread() {
  const { threadId } = useParams();
  const query = useQuery();
  const highlight = query.get("highlight");
  const [comments, setComments] = useState([]);

  useEffect(() => {
    fetch(`/api/threads/${encodeURIComponent(threadId)}/comments`)
      .then((r) => r.json())
      .then(setComments);
  }, [threadId]);

  return (
    <div>
      {/* ruleid: js/dom-xss */}
      <div className="highlight" dangerouslySetInnerHTML={{ __html: highlight }} />
      {/* ok: js/dom-xss */}
      <div className="highlight" dangerouslySetInnerHTML={{ __html: sanitizeHtml(highlight) }} />
      {/* ok: js/dom-xss */}
      <div className="highlight">{highlight}</div>
      {comments.map((c) => (
        <p key={c.id}>{c.text}</p>
      ))}
    </div>
  );
}

export function BackLink() {
  const query = useQuery();
  const back = query.get("back");
  return (
    <nav>
      {/* ruleid: js/dom-xss */}
      <a href={back}>Back</a>
      {/* ok: js/dom-xss */}
      <a href={"/threads?page=" + encodeURIComponent(back)}>Threads</a>
      {/* ok: js/dom-xss */}
      <a href="/help">Help</a>
    </nav>
  );
}

export function Embed() {
  const { videoId } = useParams();
  return (
    // ok: js/dom-xss
    <iframe src={`https://player.example.com/embed/${videoId}`} title="video" />
  );
}

export function EmbedAnywhere() {
  const query = useQuery();
  return (
    // ruleid: js/dom-xss
    <iframe src={query.get("embed")} title="embed" />
  );
}
