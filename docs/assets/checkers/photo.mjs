// Photo checker widget: file picker and drag-and-drop, spec selector, preview with framing guides,
// one row per check. Everything the reader provides (the file, its name) is shown with textContent.

import { checker } from "./client.mjs";
import { photo as words, requestFailed, statusWords } from "./messages.mjs";
import { clear, el, showState } from "./ui.mjs";

const GUIDE_FILL = { head_top: "rgba(0, 150, 255, 0.18)", centre: "rgba(255, 170, 0, 0.16)" };

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
    preview.close();
    const sx = preview.width / info.width;
    const sy = preview.height / info.height;
    let drawn = 0;
    for (const band of guides?.bands ?? []) {
      ctx.fillStyle = GUIDE_FILL[band.id] ?? "rgba(0, 150, 255, 0.15)";
      if (band.axis === "y") ctx.fillRect(0, band.from * sy, canvas.width, (band.to - band.from) * sy);
      else ctx.fillRect(band.from * sx, 0, (band.to - band.from) * sx, canvas.height);
    }
    ctx.lineWidth = Math.max(1, canvas.width / 240);
    ctx.setLineDash([ctx.lineWidth * 4, ctx.lineWidth * 3]);
    for (const line of guides?.lines ?? []) {
      ctx.strokeStyle = line.axis === "y" ? "#0077dd" : "#e08a00";
      ctx.beginPath();
      if (line.axis === "y") {
        ctx.moveTo(0, line.at * sy);
        ctx.lineTo(canvas.width, line.at * sy);
      } else {
        ctx.moveTo(line.at * sx, 0);
        ctx.lineTo(line.at * sx, canvas.height);
      }
      ctx.stroke();
      drawn++;
    }
    canvas.setAttribute("aria-label", `照片预览，${info.width}×${info.height} 像素`);
    caption.textContent = words.previewCaption + (drawn ? "；" + words.guidesCaption : "");
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
