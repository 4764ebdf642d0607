// Starts Pagefind's search UI on the /search/ page (a file, as the site allows
// no inline script). pagefind-ui.js, loaded just before, finds its index beside
// itself, so search works at the root of a host and under a sub-path alike.
// A large site's index is built in shards (briefing.searchshards): the bundle
// beside pagefind-ui.js lists the others in briefing-shards.json, and the UI
// merges them into one list of results.
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
  var script = document.querySelector('script[src$="pagefind-ui.js"]');
  var bundle = new URL("./", script ? script.src : window.location.href);

  // The other shards' bundles, as paths from the host's root (what Pagefind's
  // mergeIndex wants); none when the list is missing (one index).
  function mergedBundles(list) {
    var folders = (list && Array.isArray(list.merge)) ? list.merge : [];
    return folders.map(function (folder) {
      return { bundlePath: new URL(folder, bundle).pathname };
    });
  }

  function start(merge) {
    var ui = new PagefindUI({
      element: box,
      showSubResults: true,
      showImages: false,
      autofocus: true,
      processResult: labelWithKind,
      mergeIndex: merge,
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
  }

  fetch(new URL("briefing-shards.json", bundle))
    .then(function (response) { return response.ok ? response.json() : null; })
    .catch(function () { return null; })
    .then(function (list) { start(mergedBundles(list)); });
})();
