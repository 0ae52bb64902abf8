/* The reading typeface (Source Serif 4, self-hosted, OFL; assets/vendor/source-serif-4/VENDOR.json).
   A page never changes typeface under the reader's eyes (that shift cost Lighthouse's layout-shift
   score) and never waits for it:
   - on a reader's first page, the text is in the system serif; once the page has loaded and the
     browser is idle, this script fetches the three font files into the browser's cache and notes
     it for the session;
   - on the pages after that, partials/reading-font.html (in <head>, before the first paint) puts
     the class "reading-font" on <html>, which names Source Serif 4 first (look.css); its
     @font-face rules use font-display: optional, so the browser uses the font from its cache at
     once or keeps the system serif for that page, never swapping after the first paint;
   - after Material's instant navigation, the new page's text takes the font at once.
   No other host is ever asked. */
(function () {
  "use strict";
  if (!("fonts" in document) || typeof FontFace !== "function") return;
  var KEY = "reading-font-cached";
  var root = document.documentElement;
  var script = document.currentScript;
  var base = script ? script.src.replace(/javascripts\/[^\/]*$/, "vendor/source-serif-4/") : null;
  if (!base) return;
  var FACES = [
    ["source-serif-4-latin-400-normal.woff2", { weight: "400", style: "normal" }],
    ["source-serif-4-latin-700-normal.woff2", { weight: "700", style: "normal" }],
    ["source-serif-4-latin-400-italic.woff2", { weight: "400", style: "italic" }],
  ];

  function cached() {
    try { return sessionStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  // Into the cache only: these FontFace objects are never added to the document.
  function fetchFonts() {
    Promise.all(FACES.map(function (face) {
      return new FontFace("Source Serif 4 (cache)", "url(" + base + face[0] + ") format('woff2')", face[1]).load();
    })).then(function () {
      try { sessionStorage.setItem(KEY, "1"); } catch (e) { /* storage may be off */ }
    }, function () { /* keep the system serif */ });
  }

  function later() {
    if ("requestIdleCallback" in window) window.requestIdleCallback(fetchFonts, { timeout: 3000 });
    else window.setTimeout(fetchFonts, 1000);
  }

  if (!cached()) {
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
  }
  // A page reached by instant navigation is a new page: it may take the font now.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      if (cached()) root.classList.add("reading-font");
    });
  }
})();
