// Starts Pagefind's search UI on the /search/ page (a file, as the site allows
// no inline script). pagefind-ui.js, loaded just before, finds its index beside
// itself, so search works at the root of a host and under a sub-path alike.
"use strict";

(function () {
  // "Person: Sun Weidong": the kind comes from each page's data-pagefind-meta
  // (a meta, not a filter: Pagefind writes filters in a different order each run)
  function labelWithKind(result) {
    if (result.meta && result.meta.kind && result.meta.title) {
      result.meta.title = result.meta.kind + ": " + result.meta.title;
    }
    return result;
  }

  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") {
    return; // not the search page, or the site was built without the index
  }
  var ui = new PagefindUI({
    element: box,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    processResult: labelWithKind,
  });
  // Pagefind's input carries only a title; the page's visible heading is its
  // label, so screen readers announce it and axe's label rules pass.
  var input = box.querySelector("input");
  if (input) {
    input.setAttribute("aria-labelledby", "search-h");
  }
  // search/?q=words opens with those words searched
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
