import React, { useEffect } from "react";

const TRUSTED_ORIGIN = "https://widgets.example.com";

export function reportHeight() {
  // ruleid: js/postmessage-any-origin
  window.parent.postMessage({ type: "resize", height: document.body.scrollHeight }, "*");
}

export function shareSession(popup, session) {
  // ruleid: js/postmessage-any-origin
  popup.postMessage({ token: session.accessToken }, { targetOrigin: "*" });
}

// ruleid: js/postmessage-any-origin
window.addEventListener("message", (event) => {
  if (event.data.type === "navigate") window.location.href = event.data.url;
});

function onWidgetMessage({ data }) {
  document.getElementById("status").innerText = data.status;
}
// ruleid: js/postmessage-any-origin
window.addEventListener("message", onWidgetMessage);

// ruleid: js/postmessage-any-origin
window.onmessage = function (e) {
  store.dispatch(e.data);
};

export function Checkout({ onPaid }) {
  useEffect(() => {
    const handle = (event) => {
      // ok: js/postmessage-any-origin
      if (event.origin !== TRUSTED_ORIGIN) return;
      if (event.data.status === "paid") onPaid(event.data.receipt);
    };
    // ok: js/postmessage-any-origin
    window.addEventListener("message", handle);
    return () => window.removeEventListener("message", handle);
  }, [onPaid]);
  return <iframe title="checkout" src={`${TRUSTED_ORIGIN}/checkout`} />;
}

export function notifyParent(result) {
  // ok: js/postmessage-any-origin
  window.parent.postMessage({ type: "result", result }, TRUSTED_ORIGIN);
}

export function startWorker(job) {
  const worker = new Worker("/worker.js");
  // ok: js/postmessage-any-origin
  worker.postMessage(job, [job.buffer]);
  // ok: js/postmessage-any-origin
  worker.addEventListener("message", (e) => render(e.data));
  return worker;
}

// ok: js/postmessage-any-origin
window.addEventListener("message", ({ data, source }) => source === frame.contentWindow && render(data));
