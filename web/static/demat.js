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

// Previews: zoom in and out; the box of the focused field drawn on its page.
document.querySelectorAll(".preview").forEach((preview) => {
  preview.querySelectorAll("[data-zoom-by]").forEach((button) => {
    button.addEventListener("click", () => {
      const zoom = Math.min(4, Math.max(0.5, Number(preview.dataset.zoom) + Number(button.dataset.zoomBy)));
      preview.dataset.zoom = String(zoom);
      preview.querySelectorAll("figure.page").forEach((figure) => { figure.style.width = `${zoom * 100}%`; });
    });
  });
});

function showBox(input) {
  const item = input.closest(".review-item, .document");
  if (!item) return;
  item.querySelectorAll("figure.page .box").forEach((box) => { box.hidden = true; });
  if (!input.dataset.box) return;
  const figure = item.querySelector(`figure.page[data-page="${input.dataset.page}"]`);
  if (!figure) return;
  const img = figure.querySelector("img");
  if (!img.naturalWidth) {  // not drawn yet: place the box once it is
    img.loading = "eager";
    img.addEventListener("load", () => { if (document.activeElement === input) showBox(input); }, { once: true });
    return;
  }
  const [x0, top, x1, bottom] = input.dataset.box.split(",").map(Number);
  const box = figure.querySelector(".box");
  const perPoint = (img.clientWidth / img.naturalWidth) * Number(figure.dataset.scale || 2);
  Object.assign(box.style, { left: `${x0 * perPoint}px`, top: `${top * perPoint}px`,
                             width: `${(x1 - x0) * perPoint}px`, height: `${(bottom - top) * perPoint}px` });
  box.hidden = false;
  box.scrollIntoView({ block: "nearest", inline: "nearest" });
}
document.querySelectorAll("input[data-box]").forEach((input) => {
  input.addEventListener("focus", () => showBox(input));
});

// Review queue keys: j next, k previous, c confirm, f first failed field (not while typing).
const items = Array.from(document.querySelectorAll(".review-item"));
if (items.length) {
  let current = Math.max(0, items.findIndex((item) => `#${item.id}` === window.location.hash));
  const go = (index) => {
    current = Math.min(items.length - 1, Math.max(0, index));
    items.forEach((item, i) => item.classList.toggle("current", i === current));
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "start" });
  };
  go(current);
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, select, textarea");
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing) {
      if (event.key === "Escape") { event.target.blur(); items[current].focus({ preventScroll: true }); }
      return;
    }
    const item = items[current];
    if (event.key === "j") go(current + 1);
    else if (event.key === "k") go(current - 1);
    else if (event.key === "c") { const b = item.querySelector("button.confirm"); if (b) b.click(); }
    else if (event.key === "f") {
      const field = item.querySelector("tr.failed input") || item.querySelector(".correction input:not([type=hidden])");
      if (field) field.focus();
    } else return;
    event.preventDefault();
  });
}
