import { initAll } from '/lib/nhsuk/nhsuk-frontend.min.js';

initAll();

// A refresh swapped in by htmx (the board every 10 seconds, the live alert) morphs the page in place, keeping its
// elements; the browser can still drop focus to the page while an element is moved. Give it back to the element the
// reader was on, without scrolling, so a refresh never takes their place.
let focusedBeforeSwap = null;
document.addEventListener('htmx:beforeSwap', () => { focusedBeforeSwap = document.activeElement; });
document.addEventListener('htmx:afterSettle', () => {
  const was = focusedBeforeSwap;
  focusedBeforeSwap = null;
  if (was && was !== document.body && was.isConnected && document.activeElement !== was) {
    was.focus({ preventScroll: true });
  }
});

// Signing out drops the copy of a carer's round kept on the phone for working offline (round-worker.js). What the
// carer recorded and has not yet sent stays, kept for them, until they next sign in.
document.querySelectorAll('form[action="/account/logout"]').forEach((form) => form.addEventListener('submit', () => {
  if ('caches' in window) caches.delete('homeward-round-v1');
}));
