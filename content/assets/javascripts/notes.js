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
 * No dependencies; runs again after Material's instant navigation (document$).
 */
(function () {
  "use strict";

  var PHONE = "(max-width: 44.984375em)";
  var popover = null;
  var opener = null;

  function markerGroups(root) {
    // Runs of <sup><a class="footnote-ref"></sup> with nothing (or only spaces) between them.
    var groups = [];
    root.querySelectorAll("sup > a.footnote-ref").forEach(function (link) {
      var sup = link.parentElement;
      if (sup.closest(".fn-group, td, th, .first-screen__questions h2")) return;
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
      word.textContent = numbers.length === 1 ? "Note " : "Notes ";
      button.appendChild(word);
      button.appendChild(document.createTextNode(label(numbers)));
      button.setAttribute("aria-haspopup", "dialog");
      button.setAttribute("aria-expanded", "false");
      button.dataset.notes = links.map(function (a) { return a.getAttribute("href").split("#")[1]; }).join(" ");
      group.appendChild(button);
      sups.forEach(function (sup) { sup.classList.add("fn-group__marker"); group.appendChild(sup); });
    });
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
    shut.textContent = "Close";
    shut.addEventListener("click", function () { close(true); });
    popover.appendChild(list);
    popover.appendChild(shut);
    // In place: right after the block (paragraph, list item) that holds the marker.
    var block = button.closest("p, li, dd, blockquote, figcaption") || button.parentElement;
    block.appendChild(popover);
    button.setAttribute("aria-expanded", "true");
    shut.focus({ preventScroll: true });
  }

  function setUp() {
    close(false);
    var content = document.querySelector(".md-content");
    if (!content || !window.matchMedia(PHONE).matches) return;
    if (!content.querySelector(".fn-group")) merge(content);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".fn-group__button");
    if (button) {
      event.preventDefault();
      if (opener === button) close(true);
      else open(button);
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
