/*
 * Load the search index when the reader first reaches for search, not with every page.
 *
 * Material for MkDocs fetches search/search_index.json (about 75 KiB gzip here) and starts its
 * search worker (12 KiB) on every page load. This script, loaded in <head> before Material's
 * bundle, holds the index request back until the reader focuses or opens the search box or
 * presses a search shortcut (/ s f), and starts the worker only when Material first talks to it
 * (which it does once the index has arrived). Material shows "Initializing search" for the
 * moment this takes. Nothing else is changed.
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

  // The search worker: a stand-in that creates the real Worker on the first postMessage.
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(\?|$)/;
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!SEARCH_WORKER.test(String(url))) return new RealWorker(url, options);
      var real = null, listeners = [], stub = {
        onmessage: null, onerror: null,
        addEventListener: function (type, fn, opts) {
          listeners.push([type, fn, opts]);
          if (real) real.addEventListener(type, fn, opts);
        },
        removeEventListener: function (type, fn, opts) {
          listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== fn; });
          if (real) real.removeEventListener(type, fn, opts);
        },
        postMessage: function () {
          if (!real) {
            real = new RealWorker(url, options);
            listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
            real.addEventListener("message", function (e) { if (stub.onmessage) stub.onmessage(e); });
            real.addEventListener("error", function (e) { if (stub.onerror) stub.onerror(e); });
          }
          return real.postMessage.apply(real, arguments);
        },
        terminate: function () { if (real) real.terminate(); },
        dispatchEvent: function (event) { return real ? real.dispatchEvent(event) : true; }
      };
      return stub;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

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
