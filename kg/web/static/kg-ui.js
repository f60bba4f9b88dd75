// The query page: YASGUI on this server's endpoint, one tab per example query, and every IRI in a
// result table linking to this server's entity page instead of the IRI itself.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("kg-config").textContent);

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null, // always start from the examples, not from a stale browser copy
    autoAddOnInit: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }] },
    yasqe: { autocompleters: ["prefixes", "variables"] }, // the others call services on the internet
  });

  const examples = config.examples.length ? config.examples : [{ title: "Query", query: config.fallback }];
  examples.forEach((example, index) => {
    yasgui.addTab(index === 0, {
      name: example.title.length > 40 ? example.title.slice(0, 38) + "…" : example.title,
      yasqe: { value: example.query },
      requestConfig: { endpoint: config.endpoint },
    });
  });

  function linkToEntityPages(root) {
    root.querySelectorAll(".yasr a[href^='http']:not([data-kg])").forEach((anchor) => {
      const iri = anchor.getAttribute("href");
      anchor.setAttribute("href", config.entityPage + "?iri=" + encodeURIComponent(iri));
      anchor.setAttribute("data-kg", "entity");
      anchor.setAttribute("title", iri);
      anchor.removeAttribute("target");
    });
  }
  new MutationObserver(() => linkToEntityPages(document)).observe(document.body, { childList: true, subtree: true });
  window.kgYasgui = yasgui; // for the browser test and the curious
})();
