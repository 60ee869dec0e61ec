// Module worker: on {type: "boot"} (or its first request) boots Pyodide from this site's own runtime directory,
// loads the checkers wheel and answers {id, op, args} with {id, ok, result} or {id, ok: false, error: {type, message}}.
// Progress while loading is posted as {type: "progress", phase, loaded, total}; then {type: "ready", ms,
// boot: "snapshot" | "fresh"} or {type: "failed", error}. A fresh boot ends by storing a memory snapshot
// (snapshot.mjs) before any request is served; the next visit boots from it, or fresh if it is unusable.
// Photos are decoded here by the browser, only after Python's inspect() has allowed it, and handed to Python
// as RGB bytes in the file's stored orientation.

import runtime from "./runtime.mjs";
import { engineError, startEngine } from "./engine.mjs";
import { decodeFailed, loadingError } from "./messages.mjs";
import { dropSnapshot, findSnapshot, saveSnapshot } from "./snapshot.mjs";
import { fixPhoto } from "./fixer.mjs";

const indexURL = new URL(runtime.dir, import.meta.url).href;
// Never fetched: the Cache API key of this build's snapshot, inside the build's hashed directory.
const snapshotKey = indexURL + "memory-snapshot";
// Bytes fetched through fetch() (the .mjs files are imported as modules and not counted).
const expected = Object.entries(runtime.bytes ?? {})
  .filter(([name]) => !name.endsWith(".mjs"))
  .reduce((sum, [, size]) => sum + size, 0);
let loaded = 0;
let phase = "download";
let posted = { phase: null, at: -Infinity };
// At most one progress message per PROGRESS_MS while a phase lasts: the bar moves smoothly, and a file
// read from the HTTP cache in hundreds of chunks does not flood the page with messages.
const PROGRESS_MS = 100;

function progress() {
  // Pyodide boots while its files stream in: until they are all here, the reader sees the download.
  const shown = (phase === "boot" || phase === "download") && loaded < expected ? "download" : phase;
  const now = performance.now();
  if (shown === posted.phase && now - posted.at < PROGRESS_MS && loaded < expected) return;
  posted = { phase: shown, at: now };
  self.postMessage({ type: "progress", phase: shown, loaded, total: expected });
}

// Count the bytes of our runtime files as they stream in, for the progress bar: a clone's body is read
// for the count, and Pyodide gets the original response (URL and HTTP-cache identity intact, so the
// browser can stream-compile and cache the WebAssembly). Other URLs pass untouched.
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await plainFetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith(indexURL) || !response.body) return response;
  const reader = response.clone().body.getReader();
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      loaded += value.byteLength;
      progress();
    }
  })().catch(() => {}); // a failed download is reported by Pyodide through the original response
  return response;
};

// --- before the page is idle: only what this browser already has -----------------------------------------
// Nothing is fetched from the network until the first {type: "boot"} message or request. The snapshot an
// earlier visit stored in this browser is looked up and read at once, off the page's thread.
const storedSnapshot = findSnapshot(snapshotKey);

let engine = null;
let limits = null;

async function boot() {
  progress();
  // Pyodide's loader and its Emscripten module load side by side (loadPyodide imports the same URL and finds it
  // loaded or loading); the stored snapshot, looked up when the worker started, is passed on as a promise of
  // its bytes, which loadPyodide awaits only once it needs them.
  import(indexURL + "pyodide.asm.mjs").catch(() => {}); // a failure is reported by loadPyodide's own import
  const [{ loadPyodide }, stored] = await Promise.all([import(indexURL + "pyodide.mjs"), storedSnapshot]);
  const options = {
    loadPyodide,
    indexURL,
    runtime,
    onPhase(p) {
      phase = p;
      progress();
    },
  };
  if (stored) {
    try {
      engine = await startEngine({ ...options, snapshot: stored.bytes });
      limits = engine.call("limits", {});
      return;
    } catch (err) {
      console.warn("stored snapshot unusable, booting fresh", err);
      engine = null;
      await dropSnapshot(snapshotKey);
    }
  }
  engine = await startEngine({ ...options, snapshots: typeof caches !== "undefined" });
  limits = engine.call("limits", {});
}
// The page may start this worker before it wants the runtime (tool pages do): see "before the page is idle".
let ready = null;
let started = null;

function begin() {
  if (ready) return ready;
  started = performance.now();
  ready = boot();
  ready.then(onReady, onFailed);
  return ready;
}

function onReady() {
  self.postMessage({ type: "ready", ms: performance.now() - started, boot: engine.boot });
  // Runs before any request is served (requests wait on the same promise, registered after this), so the
  // snapshot holds no user data.
  if (engine.boot === "fresh" && typeof caches !== "undefined") {
    let bytes = null;
    try {
      bytes = engine.snapshot();
    } catch (err) {
      console.warn("no memory snapshot", err);
    }
    if (bytes) saveSnapshot(snapshotKey, bytes);
  }
}

function onFailed(err) {
  console.error("checker runtime failed to load", err);
  self.postMessage({ type: "failed", error: { type: err?.name ?? "Error", message: loadingError } });
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
  const sideways = undo !== undefined && orientation >= 5;
  const options = { ...DECODE };
  if (width !== info.width || height !== info.height) {
    options.resizeWidth = sideways ? height : width;
    options.resizeHeight = sideways ? width : height;
    options.resizeQuality = "high";
  }
  const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/jpeg" }), options);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (undo) ctx.setTransform(...undo(width, height));
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return { pixels: { width, height, rgb }, bitmap: canvas.transferToImageBitmap() };
}

const PREVIEW_SIDE = 720;

/** Check one File against a spec: inspect the header, decode only if allowed, run every check. */
async function checkPhoto({ file, spec }) {
  // As the CLI: read at most max_input_bytes + 1 bytes, and pass the real size along.
  const bytes = new Uint8Array(await file.slice(0, limits.max_input_bytes + 1).arrayBuffer());
  const info = engine.call("inspect_photo", { data: bytes });
  let decoded = null;
  let skipReason = null;
  if (info.ok && info.decode_allowed) {
    try {
      decoded = await decode(bytes, info);
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
  let guides = null;
  if (info.ok) {
    try {
      guides = engine.call("photo_guides", { spec, width: info.width, height: info.height });
    } catch (err) {
      console.warn("no framing guides", err);
    }
  }
  let preview = null;
  if (decoded) {
    const { width, height } = decoded.bitmap;
    const shrink = Math.min(1, PREVIEW_SIDE / Math.max(width, height));
    preview = shrink < 1
      ? await createImageBitmap(decoded.bitmap, {
        resizeWidth: Math.max(1, Math.round(width * shrink)),
        resizeHeight: Math.max(1, Math.round(height * shrink)),
        resizeQuality: "medium",
      })
      : decoded.bitmap;
    if (preview !== decoded.bitmap) decoded.bitmap.close();
  }
  return { result: { result, info, guides, preview }, transfer: preview ? [preview] : [] };
}

// --- requests -----------------------------------------------------------------------------------

self.onmessage = async (event) => {
  const { id, op, args, type } = event.data ?? {};
  if (type === "boot") {
    begin().catch(() => {}); // reported by onFailed
    return;
  }
  try {
    await begin();
  } catch {
    self.postMessage({ id, ok: false, error: { type: "LoadError", message: loadingError } });
    return;
  }
  try {
    if (op === "photo") {
      const { result, transfer } = await checkPhoto(args);
      self.postMessage({ id, ok: true, result }, transfer);
    } else if (op === "fix") {
      const result = await fixPhoto(engine, limits, args);
      self.postMessage({ id, ok: true, result }, result.data ? [result.data.buffer] : []);
    } else {
      self.postMessage({ id, ok: true, result: engine.call(op, args) });
    }
  } catch (err) {
    const e = err?.type ? err : engineError(err);
    console.error(`checker request ${op} failed`, e.detail ?? e);
    self.postMessage({ id, ok: false, error: { type: e.type, message: e.message } });
  }
};
