// Starts Swagger UI (#swagger-ui) or ReDoc (#redoc) on the spec URL of the element's data-spec.
(function () {
  "use strict";
  const swagger = document.getElementById("swagger-ui");
  if (swagger) {
    window.SwaggerUIBundle({
      url: swagger.dataset.spec,
      dom_id: "#swagger-ui",
      validatorUrl: null, // no call to an outside validator
      deepLinking: true,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
    });
  }
  const redoc = document.getElementById("redoc");
  if (redoc) {
    window.Redoc.init(redoc.dataset.spec, { hideDownloadButton: false }, redoc);
  }
})();
