// demat: a little progressive enhancement; every page works without it.
"use strict";

// Department queues: changing a work state saves it at once.
document.querySelectorAll("form.work-state select").forEach((select) => {
  select.addEventListener("change", () => select.form.requestSubmit());
});

// Inbox: keep the pipeline counts fresh while the page is open.
const pipeline = document.querySelector("[data-refresh]");
if (pipeline) {
  setInterval(async () => {
    const response = await fetch(pipeline.dataset.refresh, { credentials: "same-origin" });
    if (!response.ok) return;
    const state = await response.json();
    pipeline.querySelectorAll("[data-key]").forEach((el) => {
      el.textContent = String(state[el.dataset.key]);
    });
  }, 5000);
}
