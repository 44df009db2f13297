// After htmx swaps in the next question, its feedback or a refusal, move keyboard and
// screen-reader focus to the new heading or message, as a full page load would.
document.addEventListener("htmx:afterSwap", () => {
  const target = document.querySelector("#quiz-panel [data-quiz-focus]");
  if (target) {
    target.focus();
  }
});
