/*
 * Interactive charts, static first.
 *
 * Every chart figure already shows build-time SVGs (light/dark, wide/narrow). This script
 * swaps in the interactive Plotly chart over the same box, without layout shift:
 *   - plotly.js (vendored, pinned) is fetched only on pages with a chart, and only after the
 *     page has loaded, when a chart comes near the viewport or the reader interacts with it;
 *   - the figure (figure.js, beside the chart's static images) is loaded with plotly.js, so the
 *     page's HTML carries no chart data; both are scripts, so this works from file:// too;
 *   - it re-runs after Material's instant navigation (document$), rendering each chart once;
 *   - it follows the light/dark palette toggle and the phone/desktop width.
 */
(function () {
  "use strict";

  var PLOTLY = "../vendor/plotly/plotly-basic-4.1.1.min.js";
  var NARROW_MAX = 480;
  var scriptUrl = document.currentScript && document.currentScript.src;
  var plotlyPromise = null;
  var observer = null;
  var pageLoaded = document.readyState === "complete";
  var pending = [];

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (plotlyPromise) return plotlyPromise;
    plotlyPromise = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL(PLOTLY, scriptUrl || document.baseURI).href;
      tag.async = true;
      tag.onload = function () { resolve(window.Plotly); };
      tag.onerror = function () { plotlyPromise = null; reject(new Error("plotly.js failed to load")); };
      document.head.appendChild(tag);
    });
    return plotlyPromise;
  }

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function variant(figure) {
    var narrow = figure.clientWidth > 0 && figure.clientWidth <= NARROW_MAX;
    return scheme() + (narrow ? "-narrow" : "");
  }

  // The figure (figure.js: it sets window.chartFigures[id]) sits beside the static images, whose
  // address the site generator has already made right for this page and for instant navigation.
  // A script, not a fetch: a saved copy of the site draws its charts from file:// too.
  function loadFigure(figure) {
    var id = figure.getAttribute("data-chart");
    var figures = window.chartFigures || {};
    if (figures[id]) return Promise.resolve(figures[id]);
    if (!figure._specPromise) {
      figure._specPromise = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = new URL("figure.js", figure.querySelector("img.chart__static").src).href;
        tag.async = true;
        tag.onload = function () {
          var chart = (window.chartFigures || {})[id];
          if (chart) resolve(chart); else reject(new Error("figure.js did not define chart " + id));
        };
        tag.onerror = function () { figure._specPromise = null; reject(new Error("figure.js failed to load")); };
        document.head.appendChild(tag);
      });
    }
    return figure._specPromise;
  }

  function draw(figure) {
    if (figure.getAttribute("data-rendered") === "pending") return;
    figure.setAttribute("data-rendered", "pending");
    Promise.all([loadPlotly(), loadFigure(figure)]).then(function (loaded) {
      var Plotly = loaded[0];
      var chart = loaded[1];
      var plot = figure.querySelector(".chart__plot");
      var chosen = variant(figure);
      var layout = Object.assign({}, chart.layouts[chosen], { autosize: true, height: undefined, width: undefined });
      // No mode bar: drawn over the plot, it covered labels and legends (issue 14). Downloads are
      // under every chart; a drag zooms and a double-click resets the axes.
      var config = { responsive: true, displaylogo: false, displayModeBar: false };
      // A language edition's figure carries its locale (month and day names of date axes and
      // hovers; build_scripts/charts/language.py): registered inline, nothing more is fetched.
      if (chart.locale) {
        Plotly.register(chart.locale);
        config.locale = chart.locale.name;
      }
      figure._config = config;
      return Plotly.newPlot(plot, chart.data, layout, config).then(function () {
        figure._variant = chosen;
        figure.setAttribute("data-rendered", "interactive");
        label(plot, figure);
      });
    }).catch(function (error) {
      figure.setAttribute("data-rendered", "static");
      if (window.console) console.warn("Chart stays static:", error.message);
    });
  }

  // Plotly's own SVG has no accessible name (plotly.js#6920): name the graph after the figure,
  // and let screen readers use the description and data table instead of the drawing.
  function label(plot, figure) {
    var svgs = plot.querySelectorAll("svg.main-svg");
    for (var i = 0; i < svgs.length; i++) {
      svgs[i].setAttribute("aria-hidden", "true");
      svgs[i].setAttribute("focusable", "false");
    }
    var buttons = plot.querySelectorAll(".modebar-btn");
    for (var j = 0; j < buttons.length; j++) {
      var name = buttons[j].getAttribute("data-title");
      if (name) buttons[j].setAttribute("aria-label", name);
    }
  }

  function restyle() {
    var figures = document.querySelectorAll('figure.chart[data-rendered="interactive"]');
    for (var i = 0; i < figures.length; i++) {
      var figure = figures[i];
      var chosen = variant(figure);
      if (chosen === figure._variant) continue;
      figure._variant = chosen;
      var chart = window.chartFigures[figure.getAttribute("data-chart")];
      var layout = Object.assign({}, chart.layouts[chosen], { autosize: true, height: undefined, width: undefined });
      window.Plotly.react(figure.querySelector(".chart__plot"), chart.data, layout, figure._config);
    }
  }

  function watch(figure) {
    if (figure._watched) return;
    figure._watched = true;
    var interact = function () { draw(figure); };
    figure.addEventListener("pointerenter", interact, { once: true });
    figure.addEventListener("focusin", interact, { once: true });
    figure.addEventListener("touchstart", interact, { once: true, passive: true });
    if (!pageLoaded) { pending.push(figure); return; }
    if (!("IntersectionObserver" in window)) { draw(figure); return; }
    observer = observer || new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "200px 0px" });
    observer.observe(figure);
  }

  function scan() {
    var figures = document.querySelectorAll("figure.chart:not([data-rendered])");
    for (var i = 0; i < figures.length; i++) watch(figures[i]);
  }

  window.addEventListener("load", function () {
    pageLoaded = true;
    var waiting = pending.splice(0);
    waiting.forEach(function (figure) { figure._watched = false; watch(figure); });
  });

  new MutationObserver(restyle).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(restyle, 150);
  });

  // Scan once the document is ready (this alone covers file:// pages, where Material's document$
  // may never emit), and again after every instant navigation. scan() is idempotent.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(scan);
  }
})();
