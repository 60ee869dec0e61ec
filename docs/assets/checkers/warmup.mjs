// The checker worker's warm-up (worker.mjs): before it says ready, the worker runs the page's own checks on samples
// made here (a JPEG drawn and encoded with OffscreenCanvas, then read, inspected, decoded and checked by the same
// code as a reader's file; a score paste), so that the reader's first check finds the Python code imported and
// run, the catalog loaded, the browser's decoder started and the hot WebAssembly functions compiled. In small
// steps with a pause before each, so a request from the page waits for one step at most. Nothing here is fetched.

/** One macrotask's pause: a message from the page that is waiting is handled before the next step. */
export const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Run ``steps`` (functions, sync or async) one by one with a pause before each; stops as soon as ``stopped()``
 * (a request from the page has arrived). True when all ran. */
export async function stepwise(steps, stopped) {
  for (const step of steps) {
    await pause();
    if (stopped()) return false;
    await step();
  }
  return true;
}

// A score paste for the course check's warm-up: a header and a few rows (codes of the national common courses).
const SAMPLE_PASTE = "课程代码\t课程名称\t考试日期\t分数\n03708\t中国近现代史纲要\t202304\t75\n" +
  "03709\t马克思主义基本原理概论\t202310\t58\n00015\t英语（二）\t202404\t61\n";
const SAMPLE_SPEC = "national/graduation";

/** A portrait-like JPEG drawn here (light-blue backdrop, head and shoulders), as a File: the photo warm-up's input. */
async function samplePhoto() {
  const canvas = new OffscreenCanvas(480, 640);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#64c5ff";
  ctx.fillRect(0, 0, 480, 640);
  ctx.fillStyle = "#1e1e3c";
  ctx.beginPath();
  ctx.ellipse(240, 640, 230, 220, 0, 0, 2 * Math.PI);
  ctx.fill();
  ctx.fillStyle = "#cda087";
  ctx.beginPath();
  ctx.ellipse(240, 230, 96, 148, 0, 0, 2 * Math.PI);
  ctx.fill();
  // Sensor-like noise, as in a real photo (flat colours would leave parts of the analysis unused).
  const image = ctx.getImageData(0, 0, 480, 640);
  let seed = 20261129;
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const n = (seed >>> 24) % 25 - 12;
    for (let c = 0; c < 3; c++) image.data[i + c] = Math.max(0, Math.min(255, image.data[i + c] + n));
  }
  ctx.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.9 });
  return new File([blob], "warm-up.jpg", { type: "image/jpeg" });
}

/** The warm-up's samples for the checks ``kinds``, started at once (the worker asks for them as the runtime starts
 * to load, so drawing and encoding the photo overlaps the download instead of following the boot): {photo: a
 * promise of the sample File, or null where this browser cannot draw one}. */
export function prepareSamples(kinds) {
  const canDraw = typeof OffscreenCanvas === "function" && typeof createImageBitmap === "function";
  const photo = kinds.includes("photo") && canDraw ? samplePhoto() : null;
  photo?.catch(() => {}); // awaited by the warm-up, which reports a failure
  return { photo };
}

/** Before "ready": the checks the page shows (``kinds``: "photo", "courses") on the samples (``samples``, made by
 * prepareSamples), exactly as a request runs them (``checkPhoto`` is the worker's own); first their modules are
 * imported, one step each. Stops at the next step once ``stopped()``; ``mark`` records the steps (User Timing). */
export async function warmChecks(loaded, kinds, { checkPhoto, mark, stopped, samples }) {
  const { engine } = loaded;
  const imports = (prefix) => engine.warmSteps().filter((step) => step.startsWith(prefix))
    .map((step) => () => engine.warmStep(step));
  let file = null;
  let spec = SAMPLE_SPEC;
  let plan = null;
  const photoSample = samples.photo;
  const photoSteps = photoSample ? [
    ...imports("checkers.photo"),
    async () => {
      file = await photoSample;
      mark("sample-made");
      const ids = engine.call("specs", {}).map((s) => s.id);
      if (!ids.includes(spec)) spec = ids[0];
      mark("sample-spec");
    },
    // Twice after a fresh boot: the second run finds Python's code specialised and sends the hot WebAssembly
    // functions to the optimising compiler, as a reader's second check would. Once after booting from the
    // snapshot, whose heap was saved after these runs and whose compiled code the browser has kept.
    ...(loaded.boot === "snapshot" ? [1] : [1, 2]).map(() => async () => {
      const { result } = await checkPhoto(loaded, { file, spec });
      result.preview?.close();
    }),
  ] : [];
  const courseSteps = [
    ...imports("checkers.courses"),
    () => {
      plan = engine.call("plans", {})[0]?.id ?? null;
    },
    () => plan && engine.call("check_courses", { text: SAMPLE_PASTE, plan, prior_diploma: false }),
  ];
  mark("warm-up");
  try {
    const done = await stepwise([
      ...(kinds.includes("photo") ? photoSteps : []),
      ...(kinds.includes("courses") ? courseSteps : []),
    ], stopped);
    mark(done ? "warmed" : "warm-up-stopped");
  } catch (err) {
    console.warn("warm-up failed (the first check will be slower)", err); // never the reader's problem
    mark("warm-up-failed");
  }
}
