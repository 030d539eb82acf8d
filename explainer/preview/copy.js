// The preview's path buttons: a click copies the path (`content/people.yaml:12`) to the clipboard
// and says so in the status line next to it (role="status", read out by screen readers).
//
// Served by `build.py serve` only when it was started without --editor (with one, paths are links
// that open the editor). navigator.clipboard needs a secure context, which 127.0.0.1 and localhost
// are; elsewhere the text is copied through a selected text field, or the status says to copy it.
(function () {
  "use strict";

  var SHOWN_MS = 5000;
  var timers = [];

  function statusFor(button) {
    var box = button.closest(".explainer-preview-sources, .explainer-preview-errors");
    return box && box.querySelector("[data-explainer-preview-status]");
  }

  function say(status, message) {
    if (!status) {
      return;
    }
    timers.forEach(window.clearTimeout);
    // Emptied first, so that the same message twice is announced twice.
    status.textContent = "";
    timers = [
      window.setTimeout(function () { status.textContent = message; }, 50),
      window.setTimeout(function () { status.textContent = ""; }, SHOWN_MS),
    ];
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    field.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("not copied"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("button[data-explainer-copy]");
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-explainer-copy");
    var status = statusFor(button);
    copy(text).then(
      function () { say(status, "Copied " + text); },
      function () { say(status, "Could not copy: select " + text + " and copy it"); }
    );
  });
})();
