export function renderComment(text) {
  return `<li class="comment">${text}</li>`;
}
