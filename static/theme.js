/* Light or dark: the reader's choice, remembered.
 *
 * Loaded as a blocking script in <head>, so the saved choice is applied (as
 * <html data-theme="light|dark">) before anything is drawn: no flash of the other theme. With no
 * saved choice the page follows the system setting through CSS alone, and without JavaScript the
 * toggle stays hidden (it starts with the `hidden` attribute).
 *
 * The header's button (#theme-toggle, aria-pressed = "dark theme is on") switches to the other
 * theme and saves the choice in localStorage, shared by every explainer on the same site.
 */
(function () {
  "use strict";

  var KEY = "explainer-theme";
  var root = document.documentElement;
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function saved() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : "";
    } catch (error) {
      return ""; // storage can be blocked (private modes, strict settings)
    }
  }

  function save(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch (error) {
      // the choice then lasts for this page only
    }
  }

  function current() {
    return root.getAttribute("data-theme") || (system && system.matches ? "dark" : "light");
  }

  var choice = saved();
  if (choice) root.setAttribute("data-theme", choice);

  function setUp() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    function show() {
      button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      save(next);
      show();
    });
    if (system && system.addEventListener) system.addEventListener("change", show);
    // Another tab of the site changed the theme: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY) return;
      var value = saved();
      if (value) root.setAttribute("data-theme", value);
      else root.removeAttribute("data-theme");
      show();
    });
    show();
    button.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
