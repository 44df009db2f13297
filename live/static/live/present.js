// The presenter's full-screen button: shown only where the browser can go full screen.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".live-fullscreen");
  if (!button || !document.documentElement.requestFullscreen) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen();
  });
});
