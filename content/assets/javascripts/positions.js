/*
 * "Who argues what" on a phone (issue 14): a table whose first column is headed "Voice" ("Voz" on a
 * Spanish page) reads as one card per voice on a narrow screen (look.css), each position under its question, and the
 * questions a voice has no statement on ("—") left out. The script only labels the cells with
 * their column's question (data-label) and marks the table (.positions-table); wider screens
 * and readers without JavaScript get the table itself, which scrolls sideways.
 * Runs again after Material's instant navigation (document$).
 */
(function () {
  "use strict";

  // The first column's heading that marks the table, in the table's language (the Spanish edition's
  // pages are lang="es"; a page not yet translated keeps its English text inside lang="en").
  var VOICE = { en: "Voice", es: "Voz" };

  function label(root) {
    root.querySelectorAll(".md-typeset table").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      var lang = ((table.closest("[lang]") || document.documentElement).lang || "en").slice(0, 2);
      if (!heads.length || heads[0].textContent.trim() !== (VOICE[lang] || VOICE.en) || table.classList.contains("positions-table")) return;
      var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
      table.classList.add("positions-table");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.setAttribute("data-label", names[index] || "");
          if (cell.textContent.trim() === "\u2014") cell.classList.add("positions-table__none");
        });
      });
    });
  }

  function setUp() { label(document); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
