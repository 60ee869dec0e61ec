// The checker worker: Pyodide and the checkers, off the page's thread. Its protocol, the only way in or out
// (client.mjs is the page's side; modelled on Pyodide's web-worker example and JupyterLite's kernel worker):
//
//   page → worker   {id, op, args}                           op: "boot", "photo", or a checkers.web.OPS name
//   worker → page   {id, ok: true, result}                   the answer to request ``id``, in any order
//                   {id, ok: false, error: {type, message}}  type: the Python exception's class, or "LoadError"
//                   {progress: {phase, loaded, total}}       no id: while loading, phase download | boot | import
//                   {mark: {name, at}}                        no id: a step's timing (at: ms since the epoch)
//
// "boot" ({warm: ["photo" | "courses", …]}) loads the runtime, runs those checks on built-in samples (warmup.mjs)
// and answers {boot: "snapshot" | "fresh", ms}: the page's one ready promise is that answer. Any other op boots
// first too, and may be sent before "boot" is answered; if loading fails, every request is answered with a
// LoadError. Nothing is fetched before the first message: until then the worker only looks up the memory snapshot
// an earlier visit stored in this browser (snapshot.mjs). A snapshot that cannot boot is dropped and the worker
// boots fresh.
//
// The reader comes first. The warm-up runs in small steps with a pause between them, and stops for good as soon
// as a request from the page arrives: a request waits at most for the one step under way, never for the rest.
// After a fresh boot, once ready and undisturbed for SNAPSHOT_QUIET_MS, the rest of checkers.web.warm() runs step
// by step and the memory snapshot is stored for the next visit, only if no request from the page has arrived by
// then: no user data is ever in it. Each step is also a User Timing mark on the page ({mark}, client.mjs).
// Arguments are data, handed to Python's checkers.web.call(op, args) (engine.mjs); no source is ever built
// from them. "photo" ({file, spec}) decodes the photo here, with the browser's decoder, only after Python's
// inspect() has allowed it, and hands Python RGB bytes in the file's stored orientation. "fix" ({file, spec,
// number, name, before}) makes a compliant copy of the photo (fixer.mjs): {..., data: the file's bytes | null}.

import runtime from "./runtime.mjs";
import { engineError, startEngine } from "./engine.mjs";
import { decodeFailed, loadingError } from "./messages.mjs";
import { dropSnapshot, findSnapshot, saveSnapshot } from "./snapshot.mjs";
import { fixPhoto } from "./fixer.mjs";
import { pause, prepareSamples, stepwise, warmChecks } from "./warmup.mjs";

const indexURL = new URL(runtime.dir, import.meta.url).href;
// Never fetched: the Cache API key of this build's snapshot, inside the build's hashed directory.
const snapshotKey = indexURL + "memory-snapshot";
// Looked up as soon as the worker starts, read off the page's thread; awaited only when booting.
const storedSnapshot = findSnapshot(snapshotKey);

/** A User Timing mark of this worker's step ``name``, on the page's timeline as "checker:w:<name>" (client.mjs). */
function mark(name) {
  self.postMessage({ mark: { name: `w:${name}`, at: performance.timeOrigin + performance.now() } });
}

// --- progress -----------------------------------------------------------------------------------

// At most one progress message per PROGRESS_MS while a phase lasts: the bar moves smoothly, and a file
// read from the HTTP cache in hundreds of chunks does not flood the page with messages.
const PROGRESS_MS = 100;

/** The loading progress posted to the page: bytes of our runtime files fetched so far, and the phase. */
class Progress {
  constructor() {
    // Bytes fetched through fetch() (the .mjs files are imported as modules and not counted).
    this.total = Object.entries(runtime.bytes ?? {})
      .filter(([name]) => !name.endsWith(".mjs"))
      .reduce((sum, [, size]) => sum + size, 0);
    this.loaded = 0;
    this.phase = "download";
    this.posted = { phase: null, at: -Infinity };
  }

  set(phase) {
    this.phase = phase;
    this.post();
  }

  add(bytes) {
    this.loaded += bytes;
    this.post();
  }

  post() {
    // Pyodide boots while its files stream in: until they are all here, the reader sees the download.
    const { phase, loaded, total } = this;
    const shown = (phase === "boot" || phase === "download") && loaded < total ? "download" : phase;
    const now = performance.now();
    if (shown === this.posted.phase && now - this.posted.at < PROGRESS_MS && loaded < total) return;
    this.posted = { phase: shown, at: now };
    self.postMessage({ progress: { phase: shown, loaded, total } });
  }
}

/**
 * Run ``work`` while counting the bytes of the runtime's files (URLs under ``prefix``) as they stream in.
 * Pyodide 314's loadPyodide takes no fetch option: it fetches pyodide.asm.wasm, the standard library and the
 * wheel through the global fetch. So for the length of ``work`` only, and only in this worker's own scope, fetch
 * hands Pyodide the original response (URL and HTTP-cache identity intact, so the browser can stream-compile
 * and cache the WebAssembly) and reads a clone of its body for the count; afterwards fetch is the browser's again.
 */
async function countingDownloads(prefix, onBytes, work) {
  const browserFetch = self.fetch;
  self.fetch = async (input, init) => {
    const response = await browserFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(prefix) && response.body) {
      const reader = response.clone().body.getReader();
      (async () => {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) onBytes(chunk.value.byteLength);
      })().catch(() => {}); // a failed download is reported by Pyodide through the original response
    }
    return response;
  };
  try {
    return await work();
  } finally {
    self.fetch = browserFetch;
  }
}

// --- loading ------------------------------------------------------------------------------------

let loading = null; // the runtime: a promise of {engine, limits, boot, ms}, made by the first request
let readerCame = false; // a request from the page has arrived: no more warm-up, and no snapshot from this heap

function load() {
  if (!loading) {
    loading = boot();
    loading.catch((err) => console.error("checker runtime failed to load", err));
  }
  return loading;
}

async function boot() {
  const started = performance.now();
  const progress = new Progress();
  progress.post();
  // Pyodide's loader and its Emscripten module load side by side (loadPyodide imports the same URL and finds it
  // loaded or loading); the stored snapshot is passed on as a promise of its bytes, which loadPyodide awaits
  // only once it needs them.
  import(indexURL + "pyodide.asm.mjs").catch(() => {}); // a failure is reported by loadPyodide's own import
  const [{ loadPyodide }, stored] = await Promise.all([import(indexURL + "pyodide.mjs"), storedSnapshot]);
  mark("loader");
  // "ready" is the answer to "boot", after the warm-up: until then the page shows the import phase.
  const options = { loadPyodide, indexURL, runtime, onPhase: (phase) => phase !== "ready" && progress.set(phase) };
  const engine = await countingDownloads(indexURL, (n) => progress.add(n), async () => {
    if (stored) {
      try {
        return await startEngine({ ...options, snapshot: stored.bytes });
      } catch (err) {
        console.warn("stored snapshot unusable, booting fresh", err);
        await dropSnapshot(snapshotKey);
      }
    }
    return startEngine({ ...options, snapshots: typeof caches !== "undefined" });
  });
  mark("booted");
  return { engine, limits: engine.call("limits", {}), boot: engine.boot, ms: performance.now() - started };
}

// After a fresh boot, ready and undisturbed for this long: the rest of warm() and the snapshot (keepSnapshot).
const SNAPSHOT_QUIET_MS = 1000;
let snapshotDue = true;

/** After a fresh boot, store its memory snapshot for the next visit, unless a request from the page arrives first
 * (then this heap may hold user data, and the next fresh boot tries again). */
async function keepSnapshot({ engine }) {
  if (!snapshotDue) return;
  snapshotDue = false;
  if (engine.boot !== "fresh" || typeof caches === "undefined") return;
  await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_QUIET_MS));
  const steps = engine.warmSteps().map((step) => () => engine.warmStep(step));
  if (!(await stepwise(steps, () => readerCame))) return mark("snapshot-skipped");
  await pause();
  if (readerCame) return mark("snapshot-skipped");
  let bytes = null;
  try {
    mark("snapshot");
    bytes = engine.snapshot();
    mark("snapshot-made");
  } catch (err) {
    console.warn("no memory snapshot", err);
  }
  if (bytes) saveSnapshot(snapshotKey, bytes).then(() => mark("snapshot-saved"));
}

// --- photo decoding -----------------------------------------------------------------------------

// 2×1 white JPEG with EXIF orientation 6: decodes to 1×2 when the browser applies EXIF orientation.
const PROBE =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/4QAiRXhpZgAATU0AKgAAAAgAAQESAAMAAAABAAYAAAAAAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD0CiiigD//2Q==";
const DECODE = { imageOrientation: "from-image", colorSpaceConversion: "none", premultiplyAlpha: "none" };
let appliesOrientation = null;

async function browserAppliesOrientation() {
  if (appliesOrientation === null) {
    const bytes = Uint8Array.from(atob(PROBE), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/jpeg" }), DECODE);
    appliesOrientation = bitmap.width === 1 && bitmap.height === 2;
    bitmap.close();
  }
  return appliesOrientation;
}

// Canvas transform from the displayed (EXIF-applied) image back to the stored one, for a stored w×h.
const UNDO = {
  2: (w, h) => [-1, 0, 0, 1, w, 0],
  3: (w, h) => [-1, 0, 0, -1, w, h],
  4: (w, h) => [1, 0, 0, -1, 0, h],
  5: (w, h) => [0, 1, 1, 0, 0, 0],
  6: (w, h) => [0, -1, 1, 0, 0, h],
  7: (w, h) => [0, -1, -1, 0, w, h],
  8: (w, h) => [0, 1, -1, 0, w, 0],
};

/** Decode at the size Python chose, in stored orientation: {pixels: {width, height, rgb}, bitmap}. */
async function decode(bytes, info) {
  const width = info.decode_width;
  const height = info.decode_height;
  const orientation = info.orientation ?? 1;
  const undo = (await browserAppliesOrientation()) ? UNDO[orientation] : undefined;
  mark("photo-probed");
  const sideways = undo !== undefined && orientation >= 5;
  const options = { ...DECODE };
  if (width !== info.width || height !== info.height) {
    options.resizeWidth = sideways ? height : width;
    options.resizeHeight = sideways ? width : height;
    options.resizeQuality = "high";
  }
  const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/jpeg" }), options);
  mark("photo-bitmap");
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (undo) ctx.setTransform(...undo(width, height));
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  mark("photo-rgba");
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return { pixels: { width, height, rgb }, bitmap: canvas.transferToImageBitmap() };
}

const PREVIEW_SIDE = 720;

/** The preview the page draws: ``bitmap`` itself, or a copy at most PREVIEW_SIDE pixels on its long side. */
async function shrink(bitmap) {
  const { width, height } = bitmap;
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(width, height));
  if (scale === 1) return bitmap;
  const preview = await createImageBitmap(bitmap, {
    resizeWidth: Math.max(1, Math.round(width * scale)),
    resizeHeight: Math.max(1, Math.round(height * scale)),
    resizeQuality: "medium",
  });
  bitmap.close();
  return preview;
}

// --- requests -----------------------------------------------------------------------------------

/** Check one File against a spec: inspect the header, decode only if allowed, run every check. */
async function checkPhoto({ engine, limits }, { file, spec }) {
  // As the CLI: read at most max_input_bytes + 1 bytes, and pass the real size along.
  mark("photo");
  const bytes = new Uint8Array(await file.slice(0, limits.max_input_bytes + 1).arrayBuffer());
  mark("photo-read");
  const info = engine.call("inspect_photo", { data: bytes });
  mark("photo-inspected");
  let decoded = null;
  let skipReason = null;
  if (info.ok && info.decode_allowed) {
    try {
      decoded = await decode(bytes, info);
      mark("photo-decoded");
    } catch (err) {
      console.warn("decode failed", err);
      skipReason = decodeFailed;
    }
  }
  const result = engine.call("check_photo", {
    data: bytes,
    spec,
    filename: file.name,
    pixels: decoded?.pixels ?? null,
    skip_reason: skipReason,
    file_size: file.size,
  });
  mark("photo-checked");
  let guides = null;
  if (info.ok) {
    try {
      guides = engine.call("photo_guides", { spec, width: info.width, height: info.height });
    } catch (err) {
      console.warn("no framing guides", err);
    }
  }
  const preview = decoded ? await shrink(decoded.bitmap) : null;
  mark("photo-done");
  return { result: { result, info, guides, preview }, transfer: preview ? [preview] : [] };
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data ?? {};
  if (op !== "boot") {
    readerCame = true; // from now on the page's requests come first: the warm-up stops at its next step
    mark(`request:${op}`);
  }
  const booting = load();
  const kinds = op === "boot" && Array.isArray(args?.warm) ? args.warm : [];
  // The warm-up's sample photo is drawn while the runtime downloads (the worker waits on the network meanwhile).
  const samples = op === "boot" ? prepareSamples(kinds) : null;
  let loaded;
  try {
    loaded = await booting;
  } catch {
    self.postMessage({ id, ok: false, error: { type: "LoadError", message: loadingError } });
    return;
  }
  if (op === "boot") {
    await warmChecks(loaded, kinds, { checkPhoto, mark, samples, stopped: () => readerCame });
    self.postMessage({ id, ok: true, result: { boot: loaded.boot, ms: loaded.ms } });
    keepSnapshot(loaded);
    return;
  }
  try {
    const { result, transfer } = op === "photo" ? await checkPhoto(loaded, args)
      : op === "fix" ? await fixPhoto(loaded, args)
      : { result: loaded.engine.call(op, args), transfer: [] };
    mark(`answer:${op}`);
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (err) {
    const e = err?.type ? err : engineError(err);
    console.error(`checker request ${op} failed`, e.detail ?? e);
    self.postMessage({ id, ok: false, error: { type: e.type, message: e.message } });
  }
};
