/*
 * Read aloud: the browser's own speech synthesis reads a lesson, a scene or a question in
 * the language of its text, sentence by sentence, and marks the sentence it is reading.
 * Nothing leaves the device: no outside speech service is asked.
 *
 * The control is rendered hidden and only shown when the browser can speak and has a voice
 * for the text's language; without one, a Dutch text read by an English voice would be
 * harder to follow than no reading at all.
 *
 * One utterance per sentence: the highlight can follow the reading, and Chromium stops
 * long utterances after about fifteen seconds. The sentence is marked with the CSS Custom
 * Highlight API, which leaves the page's markup alone; where the browser lacks it, the
 * paragraph being read gets a class instead.
 */
(function () {
  "use strict";

  var HIGHLIGHT = "signaal-reading";
  var BLOCK_CLASS = "signaal-read-aloud-block";
  var STOP_EVENT = "signaal:read-aloud-stop";
  var REFRESH_EVENT = "signaal:read-aloud-refresh";
  // Text a listener does not need to hear: controls, hidden parts, the control itself. A
  // button whose label is part of the text (a scene's choices) says so with
  // data-read-aloud-include.
  var SKIP = "button:not([data-read-aloud-include]), input, select, textarea, script, style, svg, [hidden], [aria-hidden='true'], [data-read-aloud]";
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, figcaption, th, td, legend, summary";
  // A sentence runs to its closing mark (and any quote or bracket after it), or to the end.
  var SENTENCE = /[^.!?…]+(?:[.!?…]+["'”’)\]]*|$)/g;

  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }

  function baseLanguage(code) {
    return String(code || "").toLowerCase().replace("_", "-").split("-")[0];
  }

  function voiceFor(lang) {
    var wanted = baseLanguage(lang);
    var voices = synth.getVoices() || [];
    var matching = voices.filter(function (voice) {
      return baseLanguage(voice.lang) === wanted;
    });
    var preferred = matching.filter(function (voice) {
      return voice.localService;
    });
    return preferred[0] || matching[0] || null;
  }

  function textNodes(roots) {
    var nodes = [];
    roots.forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          if (!node.data.trim() || node.parentElement.closest(SKIP)) {
            return NodeFilter.FILTER_REJECT;
          }
          return NodeFilter.FILTER_ACCEPT;
        },
      });
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node);
      }
    });
    return nodes;
  }

  // The text split into sentences, each with the range it covers, never across two blocks.
  function sentences(roots) {
    var result = [];
    var group = [];
    var groupBlock = null;

    function flush() {
      if (!group.length) {
        return;
      }
      var text = "";
      var pieces = group.map(function (node) {
        var piece = { node: node, start: text.length };
        text += node.data;
        return piece;
      });

      function position(offset, atEnd) {
        for (var i = pieces.length - 1; i >= 0; i--) {
          var piece = pieces[i];
          if (offset > piece.start || (!atEnd && offset === piece.start)) {
            return { node: piece.node, offset: offset - piece.start };
          }
        }
        return { node: pieces[0].node, offset: 0 };
      }

      var match;
      SENTENCE.lastIndex = 0;
      while ((match = SENTENCE.exec(text)) !== null) {
        if (!match[0]) {
          SENTENCE.lastIndex++;
          continue;
        }
        var spoken = match[0].trim();
        if (!spoken) {
          continue;
        }
        var start = match.index + (match[0].length - match[0].replace(/^\s+/, "").length);
        var from = position(start, false);
        var to = position(start + spoken.length, true);
        var range = document.createRange();
        range.setStart(from.node, from.offset);
        range.setEnd(to.node, to.offset);
        result.push({ text: spoken.replace(/\s+/g, " "), range: range, block: groupBlock });
      }
      group = [];
    }

    textNodes(roots).forEach(function (node) {
      var block = node.parentElement.closest(BLOCKS) || node.parentElement;
      if (block !== groupBlock) {
        flush();
        groupBlock = block;
      }
      group.push(node);
    });
    flush();
    return result;
  }

  function setUp(control) {
    if (control.hasAttribute("data-read-aloud-ready")) {
      return;
    }
    control.setAttribute("data-read-aloud-ready", "");
    var lang = control.getAttribute("data-read-aloud-lang") || document.documentElement.lang;
    var selector = control.getAttribute("data-read-aloud-target");
    var play = control.querySelector("[data-read-aloud-play]");
    var pause = control.querySelector("[data-read-aloud-pause]");
    var stop = control.querySelector("[data-read-aloud-stop]");
    var playLabel = play.textContent;
    var resumeLabel = play.getAttribute("data-resume-label") || playLabel;
    var queue = [];
    var index = 0;
    var state = "idle"; // idle, reading, paused
    var marked = null;

    function mark(sentence) {
      if (marked && marked.block) {
        marked.block.classList.remove(BLOCK_CLASS);
      }
      marked = sentence;
      if (window.CSS && CSS.highlights && typeof window.Highlight === "function") {
        if (sentence) {
          CSS.highlights.set(HIGHLIGHT, new Highlight(sentence.range));
        } else {
          CSS.highlights.delete(HIGHLIGHT);
        }
      } else if (sentence && sentence.block) {
        sentence.block.classList.add(BLOCK_CLASS);
      }
    }

    function show(newState) {
      state = newState;
      control.setAttribute("data-read-aloud-state", state);
      play.disabled = state === "reading";
      pause.disabled = state !== "reading";
      stop.disabled = state === "idle";
      play.textContent = state === "paused" ? resumeLabel : playLabel;
    }

    function finish() {
      mark(null);
      queue = [];
      index = 0;
      show("idle");
    }

    function speakNext() {
      if (state === "idle") {
        return;
      }
      if (index >= queue.length) {
        finish();
        return;
      }
      var sentence = queue[index];
      var utterance = new SpeechSynthesisUtterance(sentence.text);
      utterance.lang = lang;
      var voice = voiceFor(lang);
      if (voice) {
        utterance.voice = voice;
      }
      utterance.onstart = function () {
        mark(sentence);
        if (sentence.block && sentence.block.scrollIntoView) {
          sentence.block.scrollIntoView({ block: "nearest" });
        }
      };
      utterance.onend = function () {
        if (queue[index] === sentence) {
          index++;
          speakNext();
        }
      };
      utterance.onerror = utterance.onend;
      synth.speak(utterance);
    }

    play.addEventListener("click", function () {
      if (state === "paused") {
        show("reading");
        synth.resume();
        return;
      }
      synth.cancel();
      queue = sentences(Array.prototype.slice.call(document.querySelectorAll(selector)));
      index = 0;
      show("reading");
      speakNext();
    });
    pause.addEventListener("click", function () {
      show("paused");
      synth.pause();
    });
    function silence() {
      if (state === "idle") {
        return;
      }
      show("idle");
      synth.cancel();
      finish();
    }
    stop.addEventListener("click", function () {
      silence();
      play.focus();
    });
    control.addEventListener(STOP_EVENT, silence);
    // Leaving the page (the quick exit among others) must silence it at once.
    window.addEventListener("pagehide", function () {
      synth.cancel();
    });

    // Offered when there is a voice and something to read: a quiz swaps its question for
    // the feedback, which this control does not read.
    function offerWhenVoiced() {
      control.hidden = !voiceFor(lang) || !document.querySelector(selector);
    }
    control.addEventListener(REFRESH_EVENT, offerWhenVoiced);
    offerWhenVoiced();
    // Voices load after the page in most browsers.
    if (typeof synth.addEventListener === "function") {
      synth.addEventListener("voiceschanged", offerWhenVoiced);
    }
    show("idle");
  }

  function init(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("[data-read-aloud]")) {
      setUp(scope);
    }
    Array.prototype.forEach.call(scope.querySelectorAll("[data-read-aloud]"), setUp);
  }

  function readyControls() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-read-aloud-ready]"));
  }

  // A quiz brings each next question in with htmx, below a control that stays: reading
  // stops when what it reads is replaced, and the control reads the new question next.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.querySelector) {
      return;
    }
    readyControls().forEach(function (control) {
      var selector = control.getAttribute("data-read-aloud-target");
      if (target.contains(control) || target.querySelector(selector) || target.matches(selector)) {
        control.dispatchEvent(new CustomEvent(STOP_EVENT));
      }
    });
  });
  document.addEventListener("htmx:afterSettle", function () {
    readyControls().forEach(function (control) {
      control.dispatchEvent(new CustomEvent(REFRESH_EVENT));
    });
  });
  document.addEventListener("htmx:load", function (event) {
    init(event.detail && event.detail.elt);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
})();
