function renderComment(engine, template, comment) {
  const view = engine.compile(template);
  // ruleid: security/detect-disable-mustache-escape
  view.escapeMarkup = false;
  return view.render({ body: comment.body });
}

function configure(engine) {
  // ruleid: security/detect-disable-mustache-escape
  engine.settings.escapeMarkup = false;
}

function renderSafely(engine, template, comment) {
  const view = engine.compile(template);
  // ok: security/detect-disable-mustache-escape
  view.escapeMarkup = true;
  return view.render({ body: comment.body });
}

function toggle(view, trusted) {
  // ok: security/detect-disable-mustache-escape
  view.escapeHtml = false;
  return trusted;
}

module.exports = { renderComment, configure, renderSafely, toggle };
