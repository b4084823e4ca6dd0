// Browser code for the storefront.
function showBanner() {
  const banner = document.getElementById("banner");
  const message = decodeURIComponent(window.location.hash.slice(1));
  banner.innerHTML = "<strong>" + message + "</strong>";
}

function showTitle(title) {
  document.getElementById("title").textContent = title;
}

function notifyParent(cart) {
  window.parent.postMessage({ type: "cart", items: cart }, "*");
}

window.addEventListener("message", (event) => {
  const box = document.getElementById("messages");
  box.innerHTML = event.data.html;
});

showBanner();
showTitle(document.title);
notifyParent([]);

// @threat T1
// @exposes shopper-session to T2
// @threat T3 (no such threat in public/.threatmodel.yaml: reported as an unknown reference)
