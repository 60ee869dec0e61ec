// The photo fix's pixel work, in the checker worker: Python (checkers.photo.fix) decides and verifies, the
// browser decodes, scales and encodes. Nothing here touches the network: the photo is read from the File,
// decoded with createImageBitmap, encoded with OffscreenCanvas.convertToBlob, and handed back as bytes.
//
// 1. fix_prepare: the decode size for the plan; 2. decode upright (EXIF orientation applied) at that size;
// 3. fix_plan: crop, target size, file name, first encode, or why it cannot be fixed; 4. encode the crop at each
// quality (and size) fix_step names until it says which to keep; 5. fix_finish: JFIF density, no metadata,
// the same checks as any photo, and the file only if none fails.

const UPRIGHT = { imageOrientation: "from-image", colorSpaceConversion: "none", premultiplyAlpha: "none" };

function rgbOf(canvas) {
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const rgb = new Uint8Array(canvas.width * canvas.height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return { width: canvas.width, height: canvas.height, rgb };
}

async function bitmapCanvas(source, width, height, options = {}) {
  const bitmap = await createImageBitmap(source, { ...UPRIGHT, ...options });
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(bitmap, options.dx ?? 0, options.dy ?? 0);
  bitmap.close();
  return canvas;
}

/** The upright size: from the JPEG header (sides swapped for EXIF orientations 5–8), else by decoding. */
async function uprightSize(blob, info) {
  if (info.ok) {
    const turned = [5, 6, 7, 8].includes(info.orientation);
    return turned ? [info.height, info.width] : [info.width, info.height];
  }
  const bitmap = await createImageBitmap(blob, UPRIGHT);
  const size = [bitmap.width, bitmap.height];
  bitmap.close();
  return size;
}

/** The crop of the upright photo, scaled to width×height with the browser's high-quality resampling: from
 * ``small`` (the plan's decode) when it has enough pixels for that size, else from the file again. */
async function cropped(blob, full, small, crop, width, height) {
  const k = width / crop.width;
  const f = small.width / full[0];
  if (f >= k) {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(small, crop.x * f, crop.y * f, crop.width * f, crop.height * f, 0, 0, width, height);
    return canvas;
  }
  return bitmapCanvas(blob, width, height, {
    resizeWidth: Math.max(1, Math.round(full[0] * k)),
    resizeHeight: Math.max(1, Math.round(full[1] * k)),
    resizeQuality: "high",
    dx: -Math.round(crop.x * k),
    dy: -Math.round(crop.y * k),
  });
}

/** The "fix" request: {result: Python's answer (its "data" is the fixed file's bytes, or null), transfer}. */
export async function fixPhoto({ engine, limits }, args) {
  const result = await fix(engine, limits, args);
  return { result, transfer: result.data ? [result.data.buffer] : [] };
}

async function fix(engine, limits, { file, spec, number, name, before }) {
  if (typeof OffscreenCanvas !== "function" || typeof createImageBitmap !== "function") {
    const err = new Error("missing OffscreenCanvas or createImageBitmap in the worker");
    err.type = "Unsupported";
    throw err;
  }
  const bytes = new Uint8Array(await file.slice(0, limits.max_input_bytes + 1).arrayBuffer());
  const blob = new Blob([bytes], { type: file.type || "application/octet-stream" });
  const info = engine.call("inspect_photo", { data: bytes });
  const full = await uprightSize(blob, info);
  const prep = engine.call("fix_prepare", { spec, width: full[0], height: full[1] });
  const finish = (args) => engine.call("fix_finish", { spec, before, ...args });
  if (prep.refusal) {
    return finish({ encoded: null, filename: "", planned: { actions: [], unfixable: [{ id: "dimensions", why: prep.refusal }] } });
  }
  const small = await bitmapCanvas(blob, prep.decode_width, prep.decode_height, {
    resizeWidth: prep.decode_width, resizeHeight: prep.decode_height, resizeQuality: "high",
  });
  const planned = engine.call("fix_plan", {
    data: bytes, spec, filename: file.name, width: full[0], height: full[1], pixels: rgbOf(small), number, name,
  });
  if (!planned.ok) return finish({ encoded: null, filename: planned.filename, planned });
  const target = planned.plan.target;
  const tries = [];
  const encodes = [];
  let canvas = null;
  let step = planned.step;
  while (step.keep === null && step.refuse === null) {
    if (!canvas || canvas.width !== step.width || canvas.height !== step.height) {
      canvas = await cropped(blob, full, small, planned.plan.crop, step.width, step.height);
    }
    const out = await canvas.convertToBlob({ type: "image/jpeg", quality: step.quality / 100 });
    encodes.push(new Uint8Array(await out.arrayBuffer()));
    tries.push({ width: step.width, height: step.height, quality: step.quality, size: out.size });
    step = engine.call("fix_step", { spec, target, tries });
  }
  if (step.refuse !== null) return finish({ encoded: null, filename: planned.filename, planned, refused: step.refuse });
  const kept = encodes[step.keep];
  const keptTry = tries[step.keep];
  const decoded = await bitmapCanvas(new Blob([kept], { type: "image/jpeg" }), keptTry.width, keptTry.height);
  return finish({ encoded: kept, filename: planned.filename, planned, tries: [keptTry], pixels: rgbOf(decoded) });
}
