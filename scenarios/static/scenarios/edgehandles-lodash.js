/*
 * cytoscape-edgehandles' browser build takes two lodash functions from `window._`
 * (memoize and throttle). Rather than ship all of lodash to the page editor for two small
 * functions, this gives it just those, with the behaviour it relies on: memoize keyed by a
 * resolver, and throttle that runs at once and again after the last call of a burst.
 */
(function () {
  "use strict";

  if (window._ && window._.memoize && window._.throttle) {
    return;
  }

  function memoize(fn, resolver) {
    const cache = new Map();
    return function memoized(...args) {
      const key = resolver ? resolver.apply(this, args) : args[0];
      if (!cache.has(key)) {
        cache.set(key, fn.apply(this, args));
      }
      return cache.get(key);
    };
  }

  function throttle(fn, wait) {
    const interval = Number(wait) > 0 ? Number(wait) : 0;
    let last = 0;
    let timer = null;
    let pending = null;
    return function throttled(...args) {
      const now = Date.now();
      const remaining = interval - (now - last);
      if (remaining <= 0) {
        clearTimeout(timer);
        timer = null;
        last = now;
        fn.apply(this, args);
        return;
      }
      pending = [this, args];
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          last = Date.now();
          const [context, latest] = pending;
          fn.apply(context, latest);
        }, remaining);
      }
    };
  }

  window._ = Object.assign(window._ || {}, { memoize, throttle });
})();
