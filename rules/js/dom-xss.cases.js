import DOMPurify from "dompurify";

const params = new URLSearchParams(location.search);

export function showGreeting() {
  const name = params.get("name");
  // ruleid: js/dom-xss
  document.getElementById("greeting").innerHTML = "Hello " + name;
}

export function showError() {
  const message = decodeURIComponent(location.hash.slice(1));
  // ruleid: js/dom-xss
  document.querySelector(".error").insertAdjacentHTML("beforeend", message);
}

export function showReferrer() {
  // ruleid: js/dom-xss
  $("#ref").html(document.referrer);
}

window.addEventListener("message", (event) => {
  // ruleid: js/dom-xss
  document.getElementById("chat").innerHTML = event.data.text;
});

export function showGreetingSafely() {
  // ok: js/dom-xss
  document.getElementById("greeting").textContent = "Hello " + params.get("name");
}

export function showSanitised() {
  // ok: js/dom-xss
  document.getElementById("bio").innerHTML = DOMPurify.sanitize(params.get("bio"));
}

window.addEventListener("message", (event) => {
  if (event.origin !== "https://app.example.com") return;
  // ok: js/dom-xss
  document.getElementById("chat").innerHTML = event.data.text;
});

export function showStatic() {
  // ok: js/dom-xss
  document.getElementById("banner").innerHTML = "<b>Welcome</b>";
}
