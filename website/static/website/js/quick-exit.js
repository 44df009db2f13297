/*
 * Quick exit: someone reading about exploitation may be watched by the person exploiting
 * them. A click on the button, Escape, or Shift pressed three times in a row replaces this
 * page with a neutral site. location.replace() swaps the current history entry; the pages
 * visited before it replace themselves too when Back reaches them, because the tab
 * remembers that it left (see website/quick_exit.py, which reads the same storage key).
 *
 * Escape is left alone while someone types or picks in a form control: it closes a select
 * or undoes a text field's autocomplete there, and a learner writing an answer must not be
 * thrown out by it. Shift three times works everywhere, since typing never presses Shift
 * three times with nothing between.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "signaal-quick-exit";
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 1500;
  // htmx keeps copies of pages it swapped in, for its own Back handling.
  var HTMX_HISTORY_KEY = "htmx-history-cache";

  function isFormControl(element) {
    return Boolean(
      element &&
        element.closest &&
        element.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])")
    );
  }

  function init() {
    var button = document.querySelector("[data-quick-exit]");
    if (!button) {
      return;
    }
    var target = button.getAttribute("href");
    var shiftTimes = [];

    function leave() {
      try {
        window.sessionStorage.setItem(STORAGE_KEY, target);
        window.localStorage.removeItem(HTMX_HISTORY_KEY);
      } catch (error) {
        // Storage may be switched off; leaving matters more than what Back shows later.
      }
      document.documentElement.style.visibility = "hidden";
      document.title = "";
      window.location.replace(target);
    }

    // Also for a Ctrl-click: a new tab would leave this page open behind it.
    button.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        shiftTimes = [];
      }
      if (event.key === "Escape") {
        if (!event.defaultPrevented && !event.isComposing && !isFormControl(event.target)) {
          leave();
        }
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

    // The sticky bar's height, for scroll-padding: anchors and focused elements then land
    // below it, also when its text wraps at a large font size.
    var bar = button.closest(".signaal-quick-exit");
    if (bar && window.ResizeObserver) {
      new ResizeObserver(function () {
        document.documentElement.style.setProperty(
          "--signaal-sticky-block-size",
          bar.getBoundingClientRect().height + "px"
        );
      }).observe(bar);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
