// Photo checker widget: file picker and drag-and-drop, spec selector, preview with framing guides,
// one row per check. Everything the reader provides (the file, its name) is shown with textContent.

import { checker } from "./client.mjs";
import { photo as words, requestFailed, statusWords } from "./messages.mjs";
import { clear, el, showState } from "./ui.mjs";

// Guides must stand out on any background colour: a white under-stroke and a saturated dashed line.
const GUIDE = {
  y: { stroke: "#d6006e", fill: "rgba(214, 0, 110, 0.16)", name: "品红线" },
  x: { stroke: "#ff7a00", fill: "rgba(255, 122, 0, 0.14)", name: "橙色线" },
};

export function mountPhoto(root, reachedFor) {
  const $ = (selector) => root.querySelector(selector);
  const select = $(".checker__select");
  const input = $(".checker__file");
  const drop = $(".checker__drop");
  const result = $(".checker__result");
  let file = null;
  let run = 0;

  checker().subscribe((state) => {
    if (state.phase === "ready" && root.dataset.busy) showState(root, { phase: "message", text: words.checking });
    else if (!(state.phase === "ready" && root.dataset.verdict)) showState(root, state);
  });

  async function check() {
    if (!file) return;
    if (!select.value) {
      showState(root, { phase: "message", text: "请先选择照片规格，然后会自动检查。" });
      return;
    }
    const mine = ++run;
    delete root.dataset.verdict;
    result.hidden = true;
    root.dataset.busy = "1";
    const client = checker();
    showState(root, client.state.phase === "ready" ? { phase: "message", text: words.checking } : client.state);
    reachedFor();
    try {
      const answer = await client.request("photo", { file, spec: select.value });
      if (mine === run) render(answer);
    } catch (err) {
      if (mine === run) {
        root.dataset.state = "error";
        showState(root, { phase: "error", text: client.state.phase === "failed" ? err.message : requestFailed + err.message });
      }
    } finally {
      if (mine === run) delete root.dataset.busy;
    }
  }

  function render({ result: res, info, guides, preview }) {
    const counts = { pass: 0, fail: 0, warn: 0, skip: 0 };
    const list = clear($(".checker__checks"));
    for (const item of res.checks) {
      counts[item.status] = (counts[item.status] ?? 0) + 1;
      const row = el("li", { class: `checker__check checker__check--${item.status}` });
      row.dataset.checkId = item.id;
      row.dataset.status = item.status;
      row.append(
        el("span", { class: "checker__badge" }, statusWords[item.status] ?? item.status),
        el("strong", { class: "checker__check-label" }, res.labels?.[item.id] ?? item.id),
        el("span", { class: "checker__check-message" }, item.message),
      );
      list.append(row);
    }
    const verdict = $(".checker__verdict");
    verdict.textContent = counts.fail
      ? words.fail(counts.fail, counts.warn)
      : counts.warn ? words.okWithWarnings(counts.warn) : words.ok;
    root.dataset.verdict = res.ok ? "ok" : "fail";
    root.dataset.state = "done";
    drawPreview(info, guides, preview);
    $(".checker__note").textContent = words.disclaimer;
    result.hidden = false;
    showState(root, { phase: "message", text: "" });
  }

  function drawPreview(info, guides, preview) {
    const figure = $(".checker__preview");
    const canvas = $(".checker__canvas");
    const caption = $(".checker__caption");
    if (!preview) {
      figure.hidden = true;
      return;
    }
    canvas.width = preview.width;
    canvas.height = preview.height;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(preview, 0, 0);
    const sx = preview.width / info.width;
    const sy = preview.height / info.height;
    preview.close(); // its width and height read 0 from here on
    const legend = [];
    for (const band of guides?.bands ?? []) {
      ctx.fillStyle = GUIDE[band.axis]?.fill ?? GUIDE.y.fill;
      if (band.axis === "y") ctx.fillRect(0, band.from * sy, canvas.width, (band.to - band.from) * sy);
      else ctx.fillRect(band.from * sx, 0, (band.to - band.from) * sx, canvas.height);
    }
    const width = Math.max(1.5, canvas.width / 200);
    for (const line of guides?.lines ?? []) {
      const style = GUIDE[line.axis] ?? GUIDE.y;
      const path = new Path2D();
      if (line.axis === "y") {
        path.moveTo(0, line.at * sy);
        path.lineTo(canvas.width, line.at * sy);
      } else {
        path.moveTo(line.at * sx, 0);
        path.lineTo(line.at * sx, canvas.height);
      }
      ctx.setLineDash([]);
      ctx.lineWidth = width * 2.5;
      ctx.strokeStyle = "rgba(255, 255, 255, 0.85)";
      ctx.stroke(path);
      ctx.setLineDash([width * 4, width * 3]);
      ctx.lineWidth = width;
      ctx.strokeStyle = style.stroke;
      ctx.stroke(path);
      legend.push(`${style.name}：${line.label}`);
    }
    canvas.setAttribute("aria-label", `照片预览，${info.width}×${info.height} 像素`);
    caption.textContent = [words.previewCaption, ...legend].join("；");
    figure.hidden = false;
  }

  function choose(files) {
    if (!files?.length) return;
    file = files[0];
    $(".checker__filename").textContent = words.chosen + file.name;
    if (files.length > 1) showState(root, { phase: "message", text: words.tooMany });
    check();
  }

  input.addEventListener("change", () => choose(input.files));
  select.addEventListener("change", () => check());
  for (const type of ["dragenter", "dragover"]) {
    root.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("checker__drop--over");
    });
  }
  root.addEventListener("dragleave", (event) => {
    if (!root.contains(event.relatedTarget)) drop.classList.remove("checker__drop--over");
  });
  root.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("checker__drop--over");
    choose(event.dataTransfer?.files);
  });
}
