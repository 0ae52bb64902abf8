/*
 * Accessibility fixes that need the page's layout (issue 6; tests/test_accessibility.py).
 *
 * scrollable-region-focusable (WCAG 2.1.1): Material wraps every table in a box that scrolls
 * sideways when the table is wider than the screen (phones). A box that scrolls must be
 * reachable by keyboard, so each one that overflows gets tabindex="0", role="region" and a name
 * (the table's caption, or the heading above it); one that fits loses them again.
 */
(function () {
  "use strict";
  // The words a reader's screen reader hears, in the page's language (Spanish edition: lang="es").
  var WORDS = {
    en: { table: "Table: ", scrolls: "Table (scrolls sideways)" },
    es: { table: "Tabla: ", scrolls: "Tabla (se desplaza horizontalmente)" },
  }[document.documentElement.lang.slice(0, 2)] || { table: "Table: ", scrolls: "Table (scrolls sideways)" };

  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset .chart__table";

  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return WORDS.table + caption.textContent.trim();
    var node = box;
    while (node && node !== document.body) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          return WORDS.table + previous.textContent.replace(/#\s*$/, "").trim();
        }
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return WORDS.scrolls;
  }

  function update() {
    var boxes = document.querySelectorAll(SCROLLERS);
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var overflows = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (overflows && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box));
        box.setAttribute("data-a11y-scroll", "");
      } else if (!overflows && box.hasAttribute("data-a11y-scroll")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("data-a11y-scroll");
      }
    }
  }

  function soon() {
    window.requestAnimationFrame(update);
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  // A closed <details> hides its table: check again when one opens.
  document.addEventListener("toggle", soon, true);
  // Tables that arrive after load (notes.js puts long chart tables back).
  document.addEventListener("site:content-added", soon);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(update, 0); });  // after Material wraps the tables
  } else {
    window.addEventListener("load", update);
  }
})();
