// Start Swagger UI on the OpenAPI document named by the page (no inline script: CSP).
"use strict";
(function () {
  const box = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: box.dataset.openapiUrl, dom_id: "#swagger-ui" });
})();
