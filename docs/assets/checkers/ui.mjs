// Small DOM helpers shared by the widgets. Text always goes in through textContent, never as HTML.

import { phases } from "./messages.mjs";

/** A new element with attributes and optional text content. */
export function el(tag, attrs = {}, text = undefined) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Remove every child of ``node``; returns it. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/**
 * Show a loading state ({phase, loaded, total, error}) or a message ({phase: "message"|"error", text})
 * in the widget's status line and progress bar; sets the root's data-state.
 */
export function showState(root, state) {
  const bar = root.querySelector(".checker__progress");
  const message = root.querySelector(".checker__message");
  if (!message) return;
  root.dataset.initialMessage ??= message.textContent;
  const { phase } = state;
  let text = state.text ?? phases[phase] ?? "";
  bar.hidden = !["download", "boot", "import"].includes(phase);
  if (phase === "download" && state.total) {
    const share = Math.min(1, state.loaded / state.total);
    bar.value = share;
    // A percentage only: the byte counts are after decompression and would not match the "about 5 MB" we promise.
    text += ` ${Math.round(share * 100)}%`;
  } else if (phase === "boot" || phase === "import") {
    bar.removeAttribute("value"); // indeterminate
  }
  if (phase === "idle") text = root.dataset.initialMessage;
  if (phase === "failed" || phase === "error") {
    text = state.error ?? state.text ?? phases.failed;
    root.dataset.state = "error";
  } else if (phase !== "message") {
    root.dataset.state = phase === "ready" || phase === "idle" ? phase : "loading";
  }
  message.classList.toggle("checker__message--error", phase === "failed" || phase === "error");
  message.textContent = text;
  message.closest(".checker__state").hidden = !text && bar.hidden;
}
