// The checkers' Python engine: boots Pyodide from our own runtime files, installs the checkers
// wheel (checked against its sha256 in pyodide-lock.json) and calls checkers.web. Shared by the
// browser worker (worker.mjs) and the Node test runner (web/node/run.mjs), so both run the same code.

/**
 * @param {object} options
 * @param {Function} options.loadPyodide  loadPyodide from the runtime's pyodide.mjs
 * @param {string} options.indexURL       the runtime directory (URL or path), ending in "/"
 * @param {object} options.runtime        the build's runtime descriptor (runtime.mjs): stdlib, lockfile, package
 * @param {string} [options.stdLibURL]    override of the standard library zip (tests)
 * @param {(phase: string) => void} [options.onPhase]
 */
export async function startEngine({ loadPyodide, indexURL, runtime, stdLibURL, onPhase }) {
  const phase = onPhase ?? (() => {});
  const stderr = [];
  phase("boot");
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL: stdLibURL ?? indexURL + runtime.stdlib,
    lockFileURL: indexURL + runtime.lockfile,
    // Wheels are resolved against our runtime directory; nothing is fetched from a CDN.
    packageBaseUrl: indexURL,
    packages: [runtime.package],
    stdout: () => {},
    stderr: (line) => stderr.push(line),
  });
  // A wheel that fails its sha256 check (or its download) is only logged by Pyodide: stop here, clearly.
  if (!Object.hasOwn(pyodide.loadedPackages, runtime.package)) {
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

  return { pyodide, call, stderr };
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
