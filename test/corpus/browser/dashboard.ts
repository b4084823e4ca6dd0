// A small single-page dashboard: hash routing, an embedded help widget, user preferences.
type Route = { name: string; render(params: URLSearchParams): void };

const app = document.getElementById("app") as HTMLElement;
const ALLOWED_WIDGET_ORIGIN = "https://widgets.example.com";

function paramsFromHash(): URLSearchParams {
  return new URLSearchParams(location.hash.replace(/^#\/?[^?]*\??/, ""));
}

function setTitle(title: string) {
  // ruleid: js/dom-xss
  app.querySelector("h1")!.innerHTML = title;
}

function setTitleText(title: string) {
  // ok: js/dom-xss
  app.querySelector("h1")!.textContent = title;
}

const routes: Record<string, Route> = {
  report: {
    name: "report",
    render(params) {
      setTitle(`Report: ${params.get("name")}`);
      setTitleText(`Report: ${params.get("name")}`);
    },
  },
};

export function route() {
  const params = paramsFromHash();
  const name = location.hash.slice(2).split("?")[0] ?? "";
  const r = routes[name];
  if (r) r.render(params);
  else {
    // ruleid: js/dom-xss
    app.innerHTML = `<p>No page called ${name}</p>`;
  }
}

export function notFoundSafe() {
  const name = location.hash.slice(2);
  const p = document.createElement("p");
  // ok: js/dom-xss
  p.textContent = `No page called ${name}`;
  app.replaceChildren(p);
}

window.addEventListener("message", (e: MessageEvent) => {
  if (e.origin !== ALLOWED_WIDGET_ORIGIN) return;
  if (e.data?.type === "resize") app.style.height = `${Number(e.data.height)}px`;
  // ok: js/open-redirect
  if (e.data?.type === "navigate") window.location.href = e.data.url;
});

window.onmessage = (e: MessageEvent) => {
  if (e.data?.type === "navigate") {
    // ruleid: js/open-redirect
    window.location.href = e.data.url;
  }
};

export function loadPreferences() {
  const raw = decodeURIComponent(document.cookie.replace(/(?:^|.*;\s*)prefs\s*=\s*([^;]*).*$/, "$1"));
  const prefs = JSON.parse(raw || "{}");
  const banner = document.getElementById("banner")!;
  // ruleid: js/dom-xss
  banner.innerHTML = prefs.greeting;
  // ok: js/dom-xss
  banner.title = prefs.greeting;
}

export function shareLink() {
  const target = new URL(location.href).searchParams.get("share");
  if (!target) return;
  // ruleid: js/open-redirect
  window.open(target, "_blank", "noopener");
}

export function shareLinkSafe() {
  const id = new URL(location.href).searchParams.get("id");
  // ok: js/open-redirect
  window.open(`https://share.example.com/items/${encodeURIComponent(id ?? "")}`, "_blank", "noopener");
}

export function searchBox() {
  const term = new URLSearchParams(location.search).get("q") ?? "";
  const input = document.querySelector<HTMLInputElement>("#search")!;
  // ok: js/dom-xss
  input.value = term;
  const results = document.querySelector("#results")!;
  // ruleid: js/dom-xss
  results.outerHTML = `<div id="results">Searching for ${term}…</div>`;
}
