import $ from "jquery";
import DOMPurify from "dompurify";
import { renderComment } from "./templates.js";

const query = new URLSearchParams(window.location.search);
const TRUSTED_ORIGINS = ["https://app.example.com", "https://admin.example.com"];

export function showWelcome() {
  const user = query.get("user") || "guest";
  // ruleid: js/dom-xss
  document.querySelector("#welcome").innerHTML = "<b>Welcome back, " + user + "</b>";
}

export function showWelcomeText() {
  const user = query.get("user") || "guest";
  // ok: js/dom-xss
  document.querySelector("#welcome").textContent = "Welcome back, " + user;
}

export function showSection() {
  const section = location.hash.substring(1);
  // ruleid: js/dom-xss
  $("#section-title").html(decodeURIComponent(section));
}

export function showSectionSafely() {
  const section = location.hash.substring(1);
  // ok: js/dom-xss
  $("#section-title").text(decodeURIComponent(section));
}

export function showComment() {
  const comment = query.get("comment");
  // ruleid: js/dom-xss
  $("#comments").append(renderComment(comment));
}

export function showCleanComment() {
  const comment = DOMPurify.sanitize(query.get("comment"));
  // ok: js/dom-xss
  $("#comments").append(renderComment(comment));
}

export function showVersion() {
  const version = "4.2.0";
  // ok: js/dom-xss
  document.getElementById("version").innerHTML = "<code>" + version + "</code>";
}

export function trackReferrer() {
  const from = document.referrer;
  // ruleid: js/dom-xss
  document.write('<img src="/pixel.gif?from=' + from + '">');
}

export function trackReferrerSafely() {
  // ok: js/dom-xss
  document.write('<img src="/pixel.gif?from=' + encodeURIComponent(document.referrer) + '">');
}

window.addEventListener("message", (event) => {
  const { type, html } = event.data;
  if (type === "render") {
    // ruleid: js/dom-xss
    document.getElementById("frame-content").innerHTML = html;
  }
});

window.addEventListener("message", (event) => {
  if (!TRUSTED_ORIGINS.includes(event.origin)) return;
  // ok: js/dom-xss
  document.getElementById("frame-content").innerHTML = event.data.html;
});

export function continueToNext() {
  const next = query.get("next");
  // ruleid: js/open-redirect
  window.location.assign(next);
}

export function continueToNextLocal() {
  const next = query.get("next") || "";
  if (!next.startsWith("/") || next.startsWith("//")) return;
  // ok: js/open-redirect
  window.location.assign(next);
}

export function openDocs() {
  const page = query.get("page");
  // ok: js/open-redirect
  window.open("https://docs.example.com/" + encodeURIComponent(page), "_blank");
}

export function restoreTheme() {
  const theme = document.cookie.split("; ").find((c) => c.startsWith("theme="))?.split("=")[1];
  // ruleid: js/dom-xss
  document.body.insertAdjacentHTML("afterbegin", `<style>body { --theme: ${theme} }</style>`);
}

export function filterList() {
  const pattern = query.get("filter") || "";
  // ruleid: js/redos
  const re = new RegExp(pattern);
  return [...document.querySelectorAll("li")].filter((li) => re.test(li.textContent));
}

export function filterListLiterally() {
  const pattern = query.get("filter") || "";
  // ok: js/redos
  return [...document.querySelectorAll("li")].filter((li) => li.textContent.includes(pattern));
}
