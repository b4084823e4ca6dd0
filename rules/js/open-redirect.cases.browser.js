const params = new URLSearchParams(window.location.search);

export function continueAfterLogin() {
  const next = params.get("next");
  // ruleid: js/open-redirect
  window.location.href = next;
}

export function openHelp() {
  // ruleid: js/open-redirect
  window.open(location.hash.slice(1));
}

export function goHome() {
  // ok: js/open-redirect
  window.location.href = "/";
}

export function goToTab() {
  const tab = params.get("tab");
  // ok: js/open-redirect
  location.href = "/settings/" + encodeURIComponent(tab);
}
