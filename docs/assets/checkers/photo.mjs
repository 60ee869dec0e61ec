// Photo checker widget: file picker and drag-and-drop, spec selector, preview with framing guides,
// one row per check. Everything the reader provides (the file, its name) is shown with textContent.

import { checker } from "./client.mjs";
import { fix as fixWords, photo as words, requestFailed, statusWords } from "./messages.mjs";
import { clear, el, showState } from "./ui.mjs";

// Guides must stand out on any background colour: a white under-stroke and a saturated dashed line.
const GUIDE = {
  y: { stroke: "#d6006e", fill: "rgba(214, 0, 110, 0.16)", name: "品红线" },
  x: { stroke: "#ff7a00", fill: "rgba(255, 122, 0, 0.14)", name: "橙色线" },
};

/** What this browser lacks for the fix (feature detection; never the user agent). */
function missingForFix() {
  const missing = [];
  if (typeof OffscreenCanvas !== "function") missing.push("OffscreenCanvas");
  if (typeof createImageBitmap !== "function") missing.push("createImageBitmap");
  if (typeof Blob !== "function" || typeof FileReader !== "function") missing.push("Blob");
  return missing;
}

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Whether a generated file can be downloaded through a[download]. In-app browsers (WeChat's among them) often
 * ignore it; they say so by lacking it, or an embedding page says so through globalThis.checkerFeatures. */
function canDownload() {
  const hook = globalThis.checkerFeatures?.download;
  if (typeof hook === "boolean") return hook;
  return "download" in HTMLAnchorElement.prototype;
}

export function mountPhoto(root, reachedFor) {
  const $ = (selector) => root.querySelector(selector);
  const select = $(".checker__select");
  const input = $(".checker__file");
  const drop = $(".checker__drop");
  const result = $(".checker__result");
  let file = null;
  let run = 0;
  let last = null; // the verdict shown, the "before" of a fix
  let fixedUrl = null;

  const pickSpec = { phase: "message", text: "请先选择照片规格，然后会自动检查。" };
  checker().subscribe((state) => {
    if (state.phase === "ready" && root.dataset.busy) showState(root, { phase: "message", text: words.checking });
    else if (state.phase === "ready" && file && !select.value) showState(root, pickSpec); // keep asking for the spec
    else if (!(state.phase === "ready" && root.dataset.verdict)) showState(root, state);
  });

  async function check() {
    if (!file) return;
    if (!select.value) {
      showState(root, pickSpec);
      return;
    }
    const mine = ++run;
    delete root.dataset.verdict;
    resetFix();
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
    last = res;
    offerFix(res);
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

  // --- the fix: 生成合格照片 ------------------------------------------------------------------------------

  function resetFix() {
    last = null;
    delete root.dataset.fixedVerdict;
    delete root.dataset.fixing;
    $(".checker__fix").hidden = true;
    $(".checker__fixed").hidden = true;
    $(".checker__fixed-preview").querySelector("img")?.remove();
    $(".checker__fix-message").textContent = "";
    fixedUrl = null;
  }

  // Python says whether the verdict has something a fix may change (the table of checks decides, not this file).
  async function offerFix(res) {
    const mine = run;
    const needs = await checker().request("fix_needs", { spec: res.spec, result: res }).catch(() => null);
    if (mine !== run || !needs?.offer) return;
    $(".checker__fix").hidden = false;
    const missing = missingForFix();
    $(".checker__fix-button").disabled = missing.length > 0;
    $(".checker__fix-message").textContent = missing.length ? fixWords.missing(missing.join("、")) : "";
    $(".checker__fix-fields").hidden = !needs.number;
    root.querySelector('[data-field="name"]').hidden = !needs.name;
    $(".checker__fix-rule").textContent = needs.help ? `该规格的命名规则：${needs.help}` : "";
  }

  async function runFix() {
    if (!file || !last || root.dataset.fixing) return;
    const mine = run;
    root.dataset.fixing = "1";
    delete root.dataset.fixedVerdict;
    $(".checker__fixed").hidden = true;
    $(".checker__fix-message").textContent = fixWords.working;
    try {
      const answer = await checker().request("fix", {
        file, spec: last.spec, before: last,
        number: root.querySelector('input[name="number"]').value, name: root.querySelector('input[name="name"]').value,
      });
      if (mine === run) await renderFix(answer, mine);
    } catch (err) {
      if (mine === run) $(".checker__fix-message").textContent = err.type === "NamingError" ? err.message : fixWords.failed + err.message;
    } finally {
      if (mine === run) delete root.dataset.fixing;
    }
  }

  async function renderFix(answer, mine) {
    const panel = $(".checker__fixed");
    $(".checker__fix-message").textContent = "";
    const actions = clear($(".checker__actions"));
    for (const action of answer.actions) actions.append(el("li", { "data-action-id": action.id }, action.text));
    const rows = clear($(".checker__fixed-checks"));
    let warns = 0;
    for (const item of answer.after?.checks ?? []) {
      if (item.status === "warn") warns += 1;
      const row = el("li", { class: `checker__check checker__check--${item.status}` });
      row.dataset.fixedCheck = item.id;
      row.dataset.status = item.status;
      row.append(
        el("span", { class: "checker__badge" }, statusWords[item.status] ?? item.status),
        el("strong", { class: "checker__check-label" }, answer.labels?.[item.id] ?? item.id),
        el("span", { class: "checker__check-message" }, item.message),
      );
      rows.append(row);
    }
    const unfixable = clear($(".checker__unfixable"));
    for (const item of answer.unfixable) {
      unfixable.append(el("li", { "data-unfixable": item.id }, `${answer.labels?.[item.id] ?? item.id}：${item.why}`));
    }
    const save = clear($(".checker__save"));
    const figure = $(".checker__fixed-preview");
    figure.hidden = true;
    figure.querySelector("img")?.remove();
    if (answer.ok && answer.data) {
      const blob = new Blob([answer.data], { type: "image/jpeg" });
      // A data: URL, not a blob: URL: the tool pages' CSP allows images from 'self' and data: only.
      fixedUrl = await dataUrl(blob);
      if (mine !== run) return;
      // Made only now: the widget holds no <img> until there is a fixed photo to show.
      const img = el("img", { class: "checker__fixed-img", alt: "修正后的照片", src: fixedUrl });
      figure.prepend(img);
      const size = answer.after.checks.find((c) => c.id === "dimensions")?.values ?? {};
      $(".checker__fixed-caption").textContent = fixWords.previewCaption(size.width, size.height, (blob.size / 1024).toFixed(1));
      figure.hidden = false;
      if (canDownload()) {
        const link = el("a", { href: fixedUrl, download: answer.filename, class: "md-button", "data-fixed": "" },
          fixWords.download(answer.filename));
        save.append(link);
      } else {
        img.dataset.fixedSave = "";
        save.append(el("span", { class: "checker__save-hint", "data-fallback": "long-press" }, fixWords.longPress));
      }
      save.append(el("span", { class: "checker__save-hint" }, " " + fixWords.rename(answer.filename)));
    }
    $(".checker__fixed-verdict").textContent = answer.ok
      ? (warns ? fixWords.okWithWarnings(warns) : fixWords.ok)
      : fixWords.refused;
    root.dataset.fixedVerdict = answer.ok ? "ok" : "fail";
    panel.hidden = false;
  }

  $(".checker__fix-button").addEventListener("click", runFix);

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
  // A photo chosen before this module ran (the input is in the page from the start; on a slow link the reader
  // may be quicker than the script): check it now.
  if (input.files?.length) choose(input.files);
}
