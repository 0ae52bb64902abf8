/*
 * Accessible tooltips (WCAG 2.1 SC 1.4.13: content on hover or focus).
 *
 * Glossary terms (a.glossary-term, marked by the build from glossary.yml) get a tooltip with
 * their definition that
 *   - opens on pointer hover and on keyboard focus;
 *   - stays open while the pointer is over the term or over the tooltip (hoverable), and until
 *     the pointer leaves and focus moves on (persistent);
 *   - closes with Esc, without moving the pointer or the focus (dismissible);
 *   - on a touch screen, opens on the first tap; a second tap follows the link to the Glossary.
 * The term points to the tooltip with aria-describedby while it is open.
 *
 * Footnotes keep Material's own tooltips (theme feature content.footnote.tooltips), which open
 * on hover and focus and stay while hovered but have no Esc: Esc here hides them, and Material's
 * other tooltips (content.tooltips), until the pointer reaches another trigger or focus moves.
 *
 * No dependencies; works again after Material's instant navigation (document$).
 */
(function () {
  "use strict";

  var SELECTOR = "a.glossary-term";
  var MATERIAL_TIPS = ".md-tooltip2--active, .md-tooltip--active";
  var MATERIAL_HOSTS = "a.footnote-ref, [title], [aria-describedby], [aria-controls]";
  var DISMISSED = "reader-tooltips-dismissed";
  var HIDE_DELAY = 300;          // ms: time to move the pointer from the term onto the tooltip
  var GAP = 8;                   // px between term and tooltip, and from the viewport's edges
  var tip = null;
  var current = null;            // the term whose tooltip is open
  var dismissed = null;          // the term closed with Esc (stays closed until left)
  var dismissedHost = null;      // the element whose Material tooltip Esc hid
  var hideTimer = null;
  var hovering = false;          // the pointer is over the open term or over the tooltip
  var lastPointer = "mouse";
  var openBeforeTap = false;     // the tapped term's tooltip was already open when the tap began

  function tooltip() {
    if (tip && document.body.contains(tip)) return tip;
    tip = document.createElement("div");
    tip.id = "reader-tooltip";
    tip.className = "reader-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    tip.addEventListener("mouseenter", function () { hovering = true; cancelHide(); });
    tip.addEventListener("mouseleave", function () { hovering = false; scheduleHide(); });
    document.body.appendChild(tip);
    return tip;
  }

  function term(node) {
    var element = node && node.nodeType === 1 ? node : node && node.parentElement;
    return element && element.closest ? element.closest(SELECTOR) : null;
  }

  function fill(target, box) {
    box.textContent = "";
    var name = document.createElement("strong");
    name.className = "reader-tooltip__term";
    name.textContent = target.getAttribute("data-term") || target.textContent;
    var text = document.createElement("span");
    text.textContent = " " + (target.getAttribute("data-definition") || "");
    box.appendChild(name);
    box.appendChild(text);
  }

  function place() {
    if (!current || !tip || tip.hidden) return;
    var rect = current.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var height = window.innerHeight;
    tip.style.maxWidth = Math.min(352, width - 2 * GAP) + "px";
    tip.style.left = "0px";
    tip.style.top = "0px";
    var box = tip.getBoundingClientRect();
    var left = rect.left + rect.width / 2 - box.width / 2;
    left = Math.max(GAP, Math.min(left, width - box.width - GAP));
    var below = rect.bottom + GAP;
    var above = rect.top - GAP - box.height;
    var top = below + box.height <= height - GAP || above < GAP ? below : above;
    tip.setAttribute("data-side", top === below ? "below" : "above");
    tip.style.left = Math.round(left + window.scrollX) + "px";
    tip.style.top = Math.round(top + window.scrollY) + "px";
  }

  function show(target) {
    if (target === dismissed) return;
    cancelHide();
    var box = tooltip();
    if (current === target && !box.hidden) return;
    if (current && current !== target) release(current);
    fill(target, box);
    current = target;
    box.hidden = false;
    target.setAttribute("aria-describedby", box.id);
    target.setAttribute("data-tooltip-open", "");
    place();
  }

  function release(target) {
    if (target.getAttribute("aria-describedby") === "reader-tooltip") target.removeAttribute("aria-describedby");
    target.removeAttribute("data-tooltip-open");
  }

  function hide() {
    cancelHide();
    if (tip) tip.hidden = true;
    if (current) release(current);
    current = null;
    hovering = false;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = setTimeout(function () {
      if (current && (current === document.activeElement || hovering)) return;  // still focused or hovered
      hide();
    }, HIDE_DELAY);
  }

  function cancelHide() {
    if (hideTimer) { clearTimeout(hideTimer); hideTimer = null; }
  }

  function undismissMaterial(element) {
    if (!dismissedHost) return;
    var host = element && element.closest ? element.closest(MATERIAL_HOSTS) : null;
    if (host === dismissedHost || (host && dismissedHost.contains(host))) return;
    if (!host && element !== null) return;   // plain text: nothing new to show yet
    document.documentElement.classList.remove(DISMISSED);
    dismissedHost = null;
  }

  // ---- events ----------------------------------------------------------------------------
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    var target = term(event.target);
    openBeforeTap = !!target && target === current && !!tip && !tip.hidden;
  }, true);

  document.addEventListener("mouseover", function (event) {
    undismissMaterial(event.target);
    if (lastPointer === "touch") return;
    var target = term(event.target);
    if (target) {
      hovering = true;
      show(target);
    }
  });

  document.addEventListener("mouseout", function (event) {
    var target = term(event.target);
    if (!target || (event.relatedTarget && target.contains(event.relatedTarget))) return;
    if (target === dismissed) dismissed = null;
    if (target === current && !(tip && tip.contains(event.relatedTarget))) {
      hovering = false;
      scheduleHide();
    }
  });

  document.addEventListener("focusin", function (event) {
    if (dismissedHost && event.target !== dismissedHost) undismissMaterial(null);
    var target = term(event.target);
    if (target) show(target);
    else if (current && !(tip && tip.contains(event.target))) hide();
  });

  document.addEventListener("focusout", function (event) {
    var target = term(event.target);
    if (!target) return;
    if (target === dismissed) dismissed = null;
    if (target === current && !term(event.relatedTarget)) scheduleHide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var handled = false;
    var open = document.querySelector(MATERIAL_TIPS);
    if (open && open.id) {
      dismissedHost = document.querySelector('[aria-describedby="' + open.id + '"], [aria-controls="' + open.id + '"]') ||
        document.activeElement;
      document.documentElement.classList.add(DISMISSED);
      handled = true;
    }
    if (current && tip && !tip.hidden) {
      dismissed = current;
      hide();
      handled = true;
    }
    if (handled) event.stopPropagation();
  }, true);

  // Touch: the first tap on a term shows its definition; a second tap follows the link. (Capture
  // phase, so the first tap never reaches Material's instant navigation on document.body.)
  document.addEventListener("click", function (event) {
    var target = term(event.target);
    if (lastPointer === "touch" && target && !openBeforeTap) {   // (the tap's focus already opened it)
      event.preventDefault();
      event.stopPropagation();
      dismissed = null;
      show(target);
      return;
    }
    if (current && !target && !(tip && tip.contains(event.target))) hide();
  }, true);

  var ticking = false;
  function reposition() {
    if (ticking || !current) return;
    ticking = true;
    window.requestAnimationFrame(function () { ticking = false; place(); });
  }
  window.addEventListener("resize", reposition);
  window.addEventListener("scroll", reposition, { passive: true });

  // Material's instant navigation swaps the page: close whatever was open.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      dismissed = null;
      hide();
      document.documentElement.classList.remove(DISMISSED);
      dismissedHost = null;
    });
  }
})();
