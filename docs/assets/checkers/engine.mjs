// The checkers' Python engine: boots Pyodide from our own runtime files, installs the checkers
// wheel (checked against its sha256 in pyodide-lock.json) and calls checkers.web. Shared by the
// browser worker (worker.mjs) and the Node test runner (runtime/node/run.mjs), so both run the same code.

/**
 * @param {object} options
 * @param {Function} options.loadPyodide  loadPyodide from the runtime's pyodide.mjs
 * @param {string} options.indexURL       the runtime directory (URL or path), ending in "/"
 * @param {object} options.runtime        the build's runtime descriptor (runtime.mjs): stdlib, lockfile, package
 * @param {string} [options.stdLibURL]    override of the standard library zip (tests)
 * @param {(phase: string) => void} [options.onPhase]
 * @param {Uint8Array|Promise<Uint8Array>} [options.snapshot] a memory snapshot made by engine.snapshot() of
 *                                        this same runtime (or a promise of one, awaited by loadPyodide):
 *                                        boot from it (no wheel install, no imports); throws if unusable
 * @param {boolean} [options.snapshots]   boot so that engine.snapshot() can be called afterwards
 */
export async function startEngine({ loadPyodide, indexURL, runtime, stdLibURL, onPhase, snapshot, snapshots }) {
  const phase = onPhase ?? (() => {});
  const stderr = [];
  phase("boot");
  const common = {
    indexURL,
    stdLibURL: stdLibURL ?? indexURL + runtime.stdlib,
    lockFileURL: indexURL + runtime.lockfile,
    // Wheels are resolved against our runtime directory; nothing is fetched from a CDN.
    packageBaseUrl: indexURL,
    stdout: () => {},
    stderr: (line) => stderr.push(line),
  };
  const pyodide = snapshot
    ? await loadPyodide({ ...common, _loadSnapshot: snapshot })
    : await loadPyodide({ ...common, packages: [runtime.package], _makeSnapshot: !!snapshots });
  if (snapshot) {
    // The snapshot holds the imported checkers, not their files: it must have been made after web.warm().
    if (!hasModule(pyodide, "checkers.web")) throw new Error("snapshot has no checkers");
  } else if (!Object.hasOwn(pyodide.loadedPackages, runtime.package)) {
    // A wheel that fails its sha256 check (or its download) is only logged by Pyodide: stop here, clearly.
    throw new Error(`${runtime.package} was not installed (download failed or sha256 mismatch): ${stderr.join(" ")}`);
  }
  phase("import");
  const web = pyodide.pyimport("checkers.web");
  phase("ready");

  /** Run one operation; returns plain JS data or throws an Error with .type (the Python exception). */
  function call(op, args) {
    let out;
    try {
      out = web.call(op, args ?? {});
    } catch (err) {
      throw engineError(err);
    }
    if (out === null || out === undefined || typeof out !== "object" || !out.toJs) {
      return out;
    }
    try {
      return nullify(out.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false }));
    } finally {
      out.destroy();
    }
  }

  /** The steps of checkers.web.warm() (module imports, the catalog, argument-free operations), as names. */
  function warmSteps() {
    const steps = web.warm_steps();
    try {
      return steps.toJs();
    } finally {
      steps.destroy();
    }
  }

  const warmed = new Set(); // steps run; the snapshot needs them all
  const skipped = [];

  /** Run one warm-up step (see warmSteps); each is short, so a waiting request is never held up for long. */
  function warmStep(step) {
    if (warmed.has(step)) return;
    warmed.add(step);
    if (!web.warm_step(step)) skipped.push(step);
  }

  /** The whole heap as bytes, after every warm-up step (booted with snapshots: true). Call it before any
   * user request, so no user data is in the heap it copies. */
  function makeSnapshot() {
    for (const step of warmSteps()) warmStep(step);
    if (skipped.length) console.warn("not in the snapshot:", skipped.join(", "));
    // Pyodide's snapshot check wants no package recorded as loaded; the wheel's modules are all in memory.
    const loaded = { ...pyodide.loadedPackages };
    for (const name of Object.keys(loaded)) delete pyodide.loadedPackages[name];
    try {
      return pyodide.makeMemorySnapshot();
    } finally {
      Object.assign(pyodide.loadedPackages, loaded);
    }
  }

  return { pyodide, call, stderr, warmSteps, warmStep, snapshot: makeSnapshot, boot: snapshot ? "snapshot" : "fresh" };
}

/** Whether Python has imported ``name`` (sys.modules), asked without running any Python source. */
function hasModule(pyodide, name) {
  const sys = pyodide.pyimport("sys");
  const modules = sys.modules;
  try {
    return modules.has(name);
  } finally {
    modules.destroy();
    sys.destroy();
  }
}

/** Python's None arrives as undefined: make it null, so results equal the CLI's JSON key for key. */
function nullify(value) {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(nullify);
  if (value && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key of Object.keys(value)) value[key] = nullify(value[key]);
  }
  return value;
}

/** A Python exception becomes {type, message}; message is the exception's last line, not the traceback. */
export function engineError(err) {
  const type = err?.type ?? err?.name ?? "Error";
  const text = String(err?.message ?? err);
  const lines = text.trim().split("\n");
  const last = lines[lines.length - 1] || text;
  const e = new Error(last.startsWith(type + ":") ? last.slice(type.length + 1).trim() : last);
  e.type = type;
  e.detail = text;
  return e;
}
