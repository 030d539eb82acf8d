// Live CSS for fingerprinted stylesheets, as a livereload.js plugin.
//
// livereload.js swaps a changed stylesheet by re-requesting its old URL, but the site publishes
// style.css under a content-hashed name, so a changed stylesheet has a new URL and the old one is
// gone. This plugin fetches the current page again, takes its stylesheet links and puts them in
// place of the old ones, each old link removed only once its successor has loaded (no flash).
// livereload.js picks up every window.LiveReloadPlugin* defined before it loads.
(function () {
  "use strict";

  var SHEETS = 'link[rel~="stylesheet"]:not([data-explainer-preview])';

  function ExplainerLiveCSS(window) {
    this.window = window;
  }
  ExplainerLiveCSS.identifier = "explainer-live-css";
  ExplainerLiveCSS.version = "1.0";

  ExplainerLiveCSS.prototype.reload = function (path, options) {
    if (!options.liveCSS || !/\.css$/i.test(path) || !this.window.fetch) {
      return false;
    }
    var window = this.window;
    var document = window.document;
    window.fetch(window.location.href, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new window.DOMParser().parseFromString(html, "text/html");
        var wanted = Array.prototype.map.call(fresh.querySelectorAll(SHEETS), function (link) {
          return link.getAttribute("href");
        });
        var current = document.querySelectorAll(SHEETS);
        if (wanted.length !== current.length) {
          window.location.reload();
          return;
        }
        Array.prototype.forEach.call(current, function (link, i) {
          if (link.href === new window.URL(wanted[i], window.location.href).href) {
            return;
          }
          var next = link.cloneNode(false);
          next.setAttribute("href", wanted[i]);
          next.addEventListener("load", function () { link.remove(); });
          next.addEventListener("error", function () { window.location.reload(); });
          link.after(next);
        });
      })
      .catch(function () {
        window.location.reload();
      });
    return true;
  };

  window.LiveReloadPluginExplainerLiveCSS = ExplainerLiveCSS;
})();
