// newstrace web UI: link each attribution's speaker, cue and content (hover or click one, see the
// others and its entry in the side panel). The pages read without it; nothing here loads anything.
"use strict";
(function () {
  const text = document.getElementById("text");
  if (!text) return;
  const ids = (el) => (el.getAttribute("data-att") || "").split(" ").filter(Boolean);
  let pinned = null;
  function show(list) {
    document.querySelectorAll(".linked").forEach((el) => el.classList.remove("linked"));
    list.forEach((id) => {
      document.querySelectorAll("[data-att]").forEach((el) => {
        if (ids(el).includes(id)) el.classList.add("linked");
      });
    });
  }
  function target(event) {
    return event.target instanceof Element ? event.target.closest("[data-att]") : null;
  }
  document.addEventListener("mouseover", (event) => {
    const el = target(event);
    if (el && !pinned) show(ids(el));
  });
  document.addEventListener("mouseout", (event) => {
    if (target(event) && !pinned) show([]);
  });
  document.addEventListener("click", (event) => {
    const el = target(event);
    if (!el) { pinned = null; show([]); return; }
    pinned = ids(el);
    show(pinned);
    const item = document.querySelector('.panel li[data-att="' + pinned[0] + '"]');
    if (item && el.closest("#text")) item.scrollIntoView({ block: "nearest" });
  });
})();
