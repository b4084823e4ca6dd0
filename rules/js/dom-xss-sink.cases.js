import React from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

export function renderComment(comment) {
  const el = document.createElement("div");
  // ruleid: js/dom-xss-sink
  el.innerHTML = `<p class="author">${comment.author}</p><p>${comment.body}</p>`;
  return el;
}

export function showSearchTerm(term) {
  // ruleid: js/dom-xss-sink
  document.getElementById("results-title").innerHTML = "Results for " + term;
  // ruleid: js/dom-xss-sink
  document.write("<h1>" + term + "</h1>");
}

export function appendRow(table, row) {
  // ruleid: js/dom-xss-sink
  table.insertAdjacentHTML("beforeend", `<tr><td>${row.name}</td></tr>`);
}

export function replaceCard(card, html) {
  // ruleid: js/dom-xss-sink
  card.outerHTML = html;
}

export function Markdown({ source }) {
  // ruleid: js/dom-xss-sink
  return <div className="md" dangerouslySetInnerHTML={{ __html: marked(source) }} />;
}

export function SafeMarkdown({ source }) {
  // ok: js/dom-xss-sink
  return <div className="md" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked(source)) }} />;
}

export function Greeting({ name }) {
  // ok: js/dom-xss-sink
  return <p>Hello, {name}</p>;
}

export function safeRender(el, user) {
  // ok: js/dom-xss-sink
  el.innerHTML = `<b>${escapeHtml(user.name)}</b>`;
  // ok: js/dom-xss-sink
  el.innerHTML = "";
  // ok: js/dom-xss-sink
  el.textContent = user.bio;
  // ok: js/dom-xss-sink
  el.insertAdjacentHTML("afterbegin", "<hr>");
  // ok: js/dom-xss-sink
  el.innerHTML = template.innerHTML;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
