// Entry point of the checker widgets on a page. Loading policy: on a tool page (data-load="idle", the name kept
// from when it waited for the page's first idle moment) the runtime starts as soon as start.mjs in the tool pages'
// <head> runs, or at once when the reader picks a file; an embedded widget (data-load="interaction", folded in a
// <details> on guide pages) starts it only when the reader reaches for it: opens it, scrolls it into view,
// focuses or touches it, or picks a file.

import { checker } from "./client.mjs";

const MOUNTS = {
  photo: () => import("./photo.mjs").then((m) => m.mountPhoto),
  courses: () => import("./courses.mjs").then((m) => m.mountCourses),
};

function onReach(root, start) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    start();
  };
  const observer = "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && once())
    : null;
  observer?.observe(root);
  for (const type of ["pointerdown", "focusin", "dragenter"]) root.addEventListener(type, once, { once: true });
  return once;
}

async function mount(root) {
  const kind = root.dataset.checker;
  if (!MOUNTS[kind] || root.dataset.mounted) return;
  root.dataset.mounted = "1";
  checker().expect(kind);
  const start = () => checker().start();
  // How the runtime booted ("snapshot" or "fresh"), for tests and the bench.
  checker().subscribe((state) => {
    if (state.boot) root.dataset.boot = state.boot;
  });
  const reachedFor = root.dataset.load === "idle" ? start : onReach(root, start);
  (await MOUNTS[kind]())(root, reachedFor);
}

for (const root of document.querySelectorAll("[data-checker]")) mount(root);
