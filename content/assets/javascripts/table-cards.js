/*
 * Tables that read as cards on a phone (issue 14): a table inside <div class="table-cards">
 * ("Who argues what" on the home page, the ladder of options) becomes one card per row on a narrow
 * screen (look.css): the first cell is the card's title, each other cell sits under its column's
 * heading, and cells that hold only a dash ("—") are left out. The script only labels the cells
 * with their column's heading (data-label) and marks the table (data-cards; an attribute, not a
 * class, so the table keeps Material's table style); wider screens and readers without JavaScript
 * get the table itself, which scrolls sideways.
 * Runs again after Material's instant navigation (document$).
 */
(function () {
  "use strict";

  function label(root) {
    root.querySelectorAll(".md-typeset .table-cards table:not([data-cards])").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) return;
      var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
      table.setAttribute("data-cards", "");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.setAttribute("data-label", names[index] || "");
          if (cell.textContent.trim() === "\u2014") cell.classList.add("table-cards__none");
        });
      });
    });
  }

  function setUp() { label(document); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
