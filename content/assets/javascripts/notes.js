/*
 * Notes that serve a phone (issue 14).
 *
 * On a narrow screen, the footnote markers after a sentence become one button ("1–3"), at least
 * 24 x 24 px (WCAG 2.2 target size). Tapping it opens the notes in place, in a popover under the
 * sentence, instead of jumping to the end of the page; a tap on "Close", a tap outside, or Esc
 * closes it and gives the focus back to the button. The original markers stay in the page
 * (hidden), so the notes' back-links still find them; wider screens keep them as they are, with
 * Material's tooltips on hover and focus.
 *
 * The notes themselves arrive after the page has loaded (build_scripts/postbuild/notes.py): the
 * page carries a link to its notes.html, and each marker points at its note there, which is what
 * a reader without JavaScript follows. Once the page has loaded, this script fetches notes.html,
 * puts the notes where the link stood and points the markers and back-links at them again.
 *
 * No dependencies; runs again after Material's instant navigation (document$).
 */
(function () {
  "use strict";
  // The words a reader sees, in the page's language (the Spanish edition's pages are lang="es").
  var WORDS = {
    en: { note: "Note ", notes: "Notes ", close: "Close" },
    es: { note: "Nota ", notes: "Notas ", close: "Cerrar" },
  }[document.documentElement.lang.slice(0, 2)] || { note: "Note ", notes: "Notes ", close: "Close" };

  var PHONE = "(max-width: 44.984375em)";
  var popover = null;
  var opener = null;
  var notesReady = Promise.resolve();

  // Each part the build moved to notes.html (the notes, a chart's long table or sources) is a
  // placeholder here: <div class="notes-deferred" data-notes="notes.html" data-part="ID">.
  function bringNotes() {
    var slots = document.querySelectorAll(".notes-deferred[data-notes]:not([data-loading])");
    if (!slots.length) return notesReady;
    var file = slots[0].getAttribute("data-notes");
    slots.forEach(function (slot) { slot.setAttribute("data-loading", "true"); });
    var notesUrl = new URL(file, location.href).href.split("#")[0];
    notesReady = fetch(notesUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(file + ": HTTP " + response.status);
      return response.text();
    }).then(function (text) {
      var source = new DOMParser().parseFromString(text, "text/html");
      source.querySelectorAll('article a[href^="./#"]').forEach(function (a) {
        a.setAttribute("href", a.getAttribute("href").slice(2));
      });
      slots.forEach(function (slot) {
        if (!slot.isConnected) return;
        var part = slot.getAttribute("data-part");
        if (part === "notes") {
          var notes = source.querySelector("article .footnote");
          if (notes) slot.replaceWith(document.importNode(notes, true));
          return;
        }
        var section = source.getElementById(part);
        if (!section) return;
        var heading = section.querySelector(":scope > h3");  // the notes page's own heading
        if (heading) heading.remove();
        var pieces = document.createDocumentFragment();
        Array.prototype.forEach.call(section.childNodes, function (child) {
          pieces.appendChild(document.importNode(child, true));
        });
        // As Material wraps the tables it finds at start: a box that scrolls, not the table.
        pieces.querySelectorAll("table:not([class])").forEach(function (table) {
          var wrap = document.createElement("div");
          wrap.className = "md-typeset__scrollwrap";
          var inner = document.createElement("div");
          inner.className = "md-typeset__table";
          table.parentNode.insertBefore(wrap, table);
          inner.appendChild(table);
          wrap.appendChild(inner);
        });
        slot.replaceWith(pieces);
      });
      // The markers (and any link to a moved part) point here again. Material's instant navigation
      // may have made the links absolute: compare the addresses they resolve to.
      document.querySelectorAll("a[href]").forEach(function (a) {
        if (a.hash && a.href.split("#")[0] === notesUrl) a.setAttribute("href", a.hash);
      });
      document.dispatchEvent(new CustomEvent("site:content-added"));  // a11y.js looks again
      // An address that names a note (kingpin/#fn:…) lands on it now that it is in the page.
      if (location.hash.indexOf("#fn") === 0) {
        var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        if (target) target.scrollIntoView();
      }
    }).catch(function (error) {
      slots.forEach(function (slot) { slot.removeAttribute("data-loading"); });  // the links stay
      if (window.console) console.warn("Notes stay on their own page:", error.message);
    });
    return notesReady;
  }

  function bringNotesAfterLoad() {
    if (document.readyState === "complete") bringNotes();
    else window.addEventListener("load", bringNotes, { once: true });
  }

  function markerGroups(root) {
    // Runs of <sup><a class="footnote-ref"></sup> with nothing (or only spaces) between them; in a
    // table only when it reads as cards on a phone (table-cards.js), not in cells that scroll.
    var groups = [];
    root.querySelectorAll("sup > a.footnote-ref").forEach(function (link) {
      var sup = link.parentElement;
      if (sup.closest(".fn-group, th, .first-screen__questions h2")) return;
      if (sup.closest("td") && !sup.closest(".table-cards")) return;
      var last = groups.length ? groups[groups.length - 1] : null;
      var prev = sup.previousSibling;
      while (prev && prev.nodeType === 3 && !prev.textContent.trim()) prev = prev.previousSibling;
      if (last && prev === last[last.length - 1]) last.push(sup);
      else groups.push([sup]);
    });
    return groups;
  }

  function label(numbers) {
    // "1–4" for a run of consecutive notes, "4, 2" otherwise.
    var run = numbers.length > 2 && numbers.every(function (n, i) {
      return i === 0 || parseInt(n, 10) === parseInt(numbers[i - 1], 10) + 1;
    });
    return run ? numbers[0] + "\u2013" + numbers[numbers.length - 1] : numbers.join(",\u2009");
  }

  function merge(root) {
    markerGroups(root).forEach(function (sups) {
      var links = sups.map(function (s) { return s.querySelector("a.footnote-ref"); });
      var numbers = links.map(function (a) { return a.textContent.trim(); });
      var group = document.createElement("span");
      group.className = "fn-group";
      sups[0].parentNode.insertBefore(group, sups[0]);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fn-group__button";
      // The accessible name is the visible label after a hidden "Note(s)": "Notes 1–3".
      var word = document.createElement("span");
      word.className = "fn-group__word";
      word.textContent = numbers.length === 1 ? WORDS.note : WORDS.notes;
      button.appendChild(word);
      button.appendChild(document.createTextNode(label(numbers)));
      button.setAttribute("aria-haspopup", "dialog");
      button.setAttribute("aria-expanded", "false");
      button.dataset.notes = links.map(function (a) { return a.getAttribute("href").split("#")[1]; }).join(" ");
      group.appendChild(button);
      sups.forEach(function (sup) { sup.classList.add("fn-group__marker"); group.appendChild(sup); });
      keepWithWord(group);
    });
  }

  function keepWithWord(group) {
    // The button never starts a line on its own: the word before it goes with it ("action.[1–4]").
    var before = group.previousSibling;
    if (!before || before.nodeType !== 3) return;
    var word = before.textContent.match(/\S+$/);
    if (!word) return;
    var keep = document.createElement("span");
    keep.className = "fn-group__keep";
    group.parentNode.insertBefore(keep, group);
    keep.appendChild(before.splitText(before.textContent.length - word[0].length));
    keep.appendChild(group);
  }

  function close(returnFocus) {
    if (!popover) return;
    popover.remove();
    popover = null;
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (returnFocus) opener.focus();
    }
    opener = null;
  }

  function open(button) {
    close(false);
    opener = button;
    popover = document.createElement("div");
    popover.className = "fn-popover";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", button.textContent);
    var list = document.createElement("ol");
    list.className = "fn-popover__list";
    button.dataset.notes.split(" ").forEach(function (id) {
      var note = document.getElementById(id);
      if (!note) return;
      var item = document.createElement("li");
      item.value = Array.prototype.indexOf.call(note.parentElement.children, note) + 1;
      Array.prototype.forEach.call(note.childNodes, function (child) { item.appendChild(child.cloneNode(true)); });
      item.querySelectorAll(".footnote-backref, [id]").forEach(function (el) {
        if (el.classList.contains("footnote-backref")) el.remove();
        else el.removeAttribute("id");
      });
      list.appendChild(item);
    });
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "fn-popover__close md-button";
    shut.textContent = WORDS.close;
    shut.addEventListener("click", function () { close(true); });
    popover.appendChild(list);
    popover.appendChild(shut);
    // In place: right after the block (paragraph, list item) that holds the marker.
    var block = button.closest("p, li, dd, td, blockquote, figcaption") || button.parentElement;
    block.appendChild(popover);
    button.setAttribute("aria-expanded", "true");
    shut.focus({ preventScroll: true });
  }

  function setUp() {
    close(false);
    bringNotesAfterLoad();
    var content = document.querySelector(".md-content");
    if (!content || !window.matchMedia(PHONE).matches) return;
    if (!content.querySelector(".fn-group")) merge(content);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".fn-group__button");
    if (button) {
      event.preventDefault();
      if (opener === button) close(true);
      else notesReady.then(function () { open(button); });
      return;
    }
    if (popover && !popover.contains(event.target)) close(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover) {
      event.stopPropagation();
      close(true);
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
