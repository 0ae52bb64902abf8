/* Forwarding pages for renamed addresses (build_scripts/postbuild/redirects.py): go to the new
   address at once, keeping the #section the old link asked for. */
(function () {
  "use strict";
  var script = document.currentScript;
  var target = script && script.getAttribute("data-target");
  if (target) {
    window.location.replace(new URL(target, window.location.href).href.split("#")[0] + window.location.hash);
  }
})();
