/*
 * Quick exit: someone reading about exploitation may be watched by the person exploiting
 * them. A click on the button, Escape, or Shift pressed three times in quick succession
 * replaces this page with a neutral site. location.replace() swaps the current history
 * entry, so Back does not bring this page back.
 */
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 1500;

  function init() {
    var button = document.querySelector("[data-quick-exit]");
    if (!button) {
      return;
    }
    var target = button.getAttribute("href");
    var shiftTimes = [];

    function leave() {
      document.documentElement.style.visibility = "hidden";
      document.title = "";
      window.location.replace(target);
    }

    button.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        leave();
        return;
      }
      if (event.key !== "Shift" || event.repeat) {
        return;
      }
      var now = Date.now();
      shiftTimes = shiftTimes.filter(function (time) {
        return now - time < SHIFT_WINDOW_MS;
      });
      shiftTimes.push(now);
      if (shiftTimes.length >= SHIFT_PRESSES) {
        leave();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
