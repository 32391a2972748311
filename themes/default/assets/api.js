// API pages: draws the definition embedded in the page (script#api-spec, JSON) with the vendored viewer the page
// loads — Swagger UI for OpenAPI, AsyncAPI's standalone component for AsyncAPI. A classic deferred script, so that it
// runs from file:// too; the definition is in the page, never fetched. Until the viewer has drawn, and whenever it
// cannot, the page shows its server-written summary and source. #api-viewer gets data-state="ready" once drawn (or
// "failed"), which the browser tests wait for.
(() => {
'use strict';
  const section = document.querySelector('.api-definition[data-viewer]');
  const target = document.getElementById('api-viewer');
  const data = document.getElementById('api-spec');
  if (!section || !target || !data) return;

  let spec;
  try {
    spec = JSON.parse(data.textContent);
  } catch (e) {
    return;
  }

  // Shown once the viewer has drawn: the viewer repeats the title, description and operations, so the summary
  // folds and the overview hides (api.css); the source stays below.
  function ready() {
    if (target.dataset.state) return;
    target.dataset.state = 'ready';
    section.classList.add('viewer-ready');
    const summary = section.querySelector('details.api-summary');
    if (summary) summary.open = false;
  }

  function failed(error) {
    target.dataset.state = 'failed';
    target.hidden = true;
    if (window.console) console.warn('The API viewer could not draw this definition:', error);
  }

  function swaggerUi() {
    if (!window.SwaggerUIBundle) return false;
    target.hidden = false;
    window.SwaggerUIBundle({
      domNode: target,
      spec: spec,
      // No call to swagger.io's validator, no settings read from the address, no deep links rewriting it.
      validatorUrl: null,
      queryConfigEnabled: false,
      deepLinking: false,
      docExpansion: 'list',
      defaultModelsExpandDepth: 1,
      defaultModelExpandDepth: 2,
      // "Try it out" stays a click away; nothing is sent until the user presses Execute.
      tryItOutEnabled: false,
      // The definition is complete as embedded: a reference to another file is not fetched from anywhere.
      requestInterceptor: (request) => {
        if (request.loadSpec) throw new Error('not fetched: ' + request.url);
        return request;
      },
      onComplete: ready,
    });
    return true;
  }

  function asyncApi() {
    const component = window.AsyncApiStandalone;
    if (!component) return false;
    target.hidden = false;
    // The component parses the definition, then draws; it says neither, so its first content marks it drawn.
    const drawn = () => target.querySelector('#introduction, .aui-root #introduction, .aui-root section');
    const observer = new MutationObserver(() => {
      if (drawn()) {
        observer.disconnect();
        ready();
      }
    });
    observer.observe(target, { childList: true, subtree: true });
    component.render({
      schema: spec,
      config: {
        show: { sidebar: false, info: true, servers: true, operations: true, messages: true, schemas: true,
          errors: true, messageExamples: true },
      },
    }, target);
    return true;
  }

  try {
    const started = section.dataset.viewer === 'swagger-ui' ? swaggerUi()
      : section.dataset.viewer === 'asyncapi' ? asyncApi() : false;
    if (!started) failed('its script did not load');
  } catch (e) {
    failed(e);
  }
})();
