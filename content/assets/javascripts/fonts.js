/* The reading typeface (Source Serif 4, self-hosted, OFL; assets/vendor/source-serif-4/VENDOR.json).
   It is fetched only after the page's load event, when the browser is idle, so the first view stays within its budget and
   the text shows at once in the system serif; a reader's later pages take it from the cache
   straight away. No other host is ever asked. */
(function () {
  "use strict";
  if (!("fonts" in document) || typeof FontFace !== "function") return;
  var root = document.documentElement;
  var script = document.currentScript;
  var base = script ? script.src.replace(/javascripts\/[^\/]*$/, "vendor/source-serif-4/") : null;
  if (!base) return;
  var FACES = [
    ["source-serif-4-latin-400-normal.woff2", { weight: "400", style: "normal" }],
    ["source-serif-4-latin-700-normal.woff2", { weight: "700", style: "normal" }],
    ["source-serif-4-latin-400-italic.woff2", { weight: "400", style: "italic" }],
  ];
  var KEY = "reading-font-cached";

  function load() {
    var faces = FACES.map(function (face) {
      return new FontFace("Source Serif 4", "url(" + base + face[0] + ") format('woff2')", face[1]);
    });
    Promise.all(faces.map(function (f) { return f.load(); })).then(function (loaded) {
      loaded.forEach(function (f) { document.fonts.add(f); });
      root.classList.add("reading-font");
      try { sessionStorage.setItem(KEY, "1"); } catch (e) { /* storage may be off */ }
    }, function () { /* keep the system serif */ });
  }

  // After the load event, once the browser is idle: the page is usable before a byte of font.
  function later() {
    if ("requestIdleCallback" in window) window.requestIdleCallback(load, { timeout: 2000 });
    else window.setTimeout(load, 1000);
  }
  var cached = false;
  try { cached = sessionStorage.getItem(KEY) === "1"; } catch (e) { /* storage may be off */ }
  if (cached) load();
  else if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
})();
