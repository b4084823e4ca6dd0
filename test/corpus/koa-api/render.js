// Builds small HTML pages without a template engine.
function renderPage(name) {
  return "<!doctype html><html><body><h1>Hello " + name + "</h1></body></html>";
}

module.exports = { renderPage };
