// Show a question only the fields of its chosen type, in a bank's question form and in the
// questions of a quiz's edit screen. Panels name their types in `data-question-kinds`
// (quizzes/panels.py); the server ignores the other types' fields, so this only tidies.
(() => {
  const KIND_SELECT = 'select[name="kind"], select[name$="-kind"]';

  const scopeOf = (element) => element.closest("[data-inline-panel-child]") || element.form;

  const show = (select) => {
    const scope = scopeOf(select);
    if (!scope) {
      return;
    }
    scope.querySelectorAll("[data-question-kinds]").forEach((panel) => {
      const hide = !panel.dataset.questionKinds.split(" ").includes(select.value);
      panel.hidden = hide;
      panel.style.display = hide ? "none" : "";
    });
  };

  const showAll = (root) => {
    root.querySelectorAll(KIND_SELECT).forEach((select) => {
      if (scopeOf(select)?.querySelector("[data-question-kinds]")) {
        show(select);
      }
    });
  };

  document.addEventListener("change", (event) => {
    if (event.target.matches?.(KIND_SELECT)) {
      show(event.target);
    }
  });

  const start = () => {
    showAll(document);
    // A question added with "Add question" arrives later; set its fields as it appears.
    new MutationObserver((records) => {
      for (const record of records) {
        record.addedNodes.forEach((node) => {
          if (node.nodeType === Node.ELEMENT_NODE) {
            showAll(node.matches(KIND_SELECT) ? node.parentElement : node);
          }
        });
      }
    }).observe(document.body, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
