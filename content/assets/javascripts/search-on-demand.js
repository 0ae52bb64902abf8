/*
 * Load the search index when the reader first reaches for search, not with every page.
 *
 * Material for MkDocs fetches search/search_index.json (about 75 KiB gzip here) on every page
 * load. This script, loaded in <head> before Material's bundle, holds that one request back
 * until the reader focuses or opens the search box or presses a search shortcut (/ s f); Material
 * shows "Initializing search" for the moment it then takes. Nothing else is changed.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var held = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (call) { call(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__searchIndex && !released) {
      var xhr = this, args = arguments;
      held.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function inSearch(target) {
    return target && target.closest && target.closest('.md-search, label[for="__search"]');
  }
  function typing(target) {
    return target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
  }

  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") release();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (!typing(event.target) && ["/", "s", "f", "S", "F"].indexOf(event.key) !== -1) release();
  }, true);
})();
