// Run checker operations under real Pyodide in Node, through the same engine as the browser worker.
//
//   node runtime/node/run.mjs JOB.json          (or JOB on stdin with "-"): boot, run JOB, print one JSON object
//   node runtime/node/run.mjs --session         one interpreter, many requests: a JSON line in, a JSON line out
//
// JOB: {"index": "/abs/runtime/dir/", "runtime": {stdlib, lockfile, package},
//       "stdlib": "/abs/other_stdlib.zip" (optional), "trace": false, "imports": ["re", ...] (optional),
//       "snapshot": false (optional: run the cases on an engine booted from a memory snapshot of a fresh one),
//       "cases": [{"op": "check_photo", "args": {"data": {"$file": "/abs/a.jpg"}, ...}}, ...]}
// Any {"$file": path} inside args is replaced by the file's bytes (a Uint8Array).
// Output: {"boot_ms", "snapshot"?: {bytes, packed_bytes, gzip_bytes, make_ms, restore_ms}, "results": [{ok, result} | {ok: false, error}],
//          "imported", "stderr", "fetched", "modules"?}.
// With "trace": true, "modules" lists every file of the standard library zip that was imported.
//
// Session (runtime/node_session.py NodeSession; the build's reference run and both compile steps share one boot):
//   request  {"id": 1, "op": "run", "job": JOB}        boots the engine and runs JOB, as the one-shot form does;
//                                                       once per session, and first
//   request  {"id": 2, "op": "compile", "job": {input, output, mode}}   runtime/node/compile.mjs on the same
//                                                       interpreter; refused before the run, so the trace is
//                                                       taken before compiling imports anything
//   reply    {"id", "ok": true, "result": ...} | {"id", "ok": false, "error": {"type", "message"}}
// One request at a time; the session ends when stdin closes.

import diagnostics from "node:diagnostics_channel";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { compileZip } from "./compile.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "..", "..");
const { startEngine, engineError } = await import(
  pathToFileURL(path.join(root, "docs/assets/checkers/engine.mjs")).href
);
const { pack } = await import(pathToFileURL(path.join(root, "docs/assets/checkers/snapshot.mjs")).href);

function materialize(value) {
  if (Array.isArray(value)) return value.map(materialize);
  if (value && typeof value === "object") {
    if (typeof value.$file === "string") return new Uint8Array(readFileSync(value.$file));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
  }
  return value;
}

const TRACE = `
import sys
def _stdlib_files():
    zips = [p for p in sys.path if p.endswith(".zip")]
    found = set()
    for name, module in list(sys.modules.items()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None)
        if not isinstance(origin, str):
            continue
        for z in zips:
            if origin.startswith(z + "/"):
                found.add(origin[len(z) + 1:])
    return sorted(found)
_stdlib_files()
`;

// Every request Node's fetch makes is recorded (undici reports them on a diagnostics channel, so fetch is left
// as it is): in Node, Pyodide should read our runtime files from disk, never a URL.
const fetched = [];
diagnostics.subscribe("undici:client:beforeConnect", ({ connectParams }) => {
  fetched.push(`${connectParams.protocol}//${connectParams.host}`);
});
diagnostics.subscribe("undici:request:create", ({ request }) => fetched.push(request.origin + request.path));

/** Boot an engine for JOB, run its cases; returns the engine (for a session's later requests) and the output. */
async function run(job) {
  const index = job.index.endsWith("/") ? job.index : job.index + "/";
  const { loadPyodide } = await import(pathToFileURL(path.join(index, "pyodide.mjs")).href);
  const t0 = performance.now();
  let engine = await startEngine({
    loadPyodide, indexURL: index, runtime: job.runtime, stdLibURL: job.stdlib, snapshots: !!job.snapshot,
  });
  const bootMs = performance.now() - t0;
  let snapshot;
  if (job.snapshot) {
    const t1 = performance.now();
    const bytes = engine.snapshot();
    const t2 = performance.now();
    engine = await startEngine({ loadPyodide, indexURL: index, runtime: job.runtime, stdLibURL: job.stdlib, snapshot: bytes });
    const restoreMs = performance.now() - t2;
    // As the browser stores it (non-zero pages, snapshot.mjs) and as a server would send it (gzip): what a first
    // visit would have to download to skip Python's start-up (bench/first.py reports it).
    const packed = pack(bytes);
    snapshot = { bytes: bytes.byteLength, packed_bytes: packed.byteLength, gzip_bytes: gzipSync(packed).byteLength,
                 make_ms: t2 - t1, restore_ms: restoreMs, boot: engine.boot };
  }

  // Modules the checkers name in import statements (some only inside functions): import each one so the
  // trace sees it; names that are attributes (typing.Any) fail here with the full stdlib too.
  const imported = {};
  if (job.imports?.length) {
    const probe = engine.pyodide.runPython(`
import importlib
def _probe(names):
    ok = {}
    for name in names:
        try:
            importlib.import_module(name)
            ok[name] = True
        except ImportError:
            ok[name] = False
    return ok
_probe`);
    const res = probe(job.imports);
    Object.assign(imported, res.toJs({ dict_converter: Object.fromEntries }));
    res.destroy();
    probe.destroy();
  }

  const results = [];
  for (const c of job.cases ?? []) {
    const started = performance.now();
    try {
      const result = engine.call(c.op, materialize(c.args ?? {}));
      results.push({ ok: true, result, ms: performance.now() - started });
    } catch (err) {
      const e = err.type ? err : engineError(err);
      results.push({ ok: false, error: { type: e.type, message: e.message }, ms: performance.now() - started });
    }
  }
  const out = { boot_ms: bootMs, snapshot, results, imported, stderr: engine.stderr, fetched: [...fetched] };
  if (job.trace) {
    const files = engine.pyodide.runPython(TRACE);
    out.modules = files.toJs();
    files.destroy();
  }
  return { engine, out };
}

async function session() {
  let engine = null;
  const reply = (message) => process.stdout.write(JSON.stringify(message) + "\n");
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let id = null;
    try {
      const request = JSON.parse(line);
      id = request.id ?? null;
      let result;
      if (request.op === "run") {
        if (engine) throw new Error("this session has run its cases already: start a new session for another run");
        ({ engine, out: result } = await run(request.job));
      } else if (request.op === "compile") {
        if (!engine) throw new Error("compile runs on the session's interpreter after its run: send the run first");
        result = compileZip(engine.pyodide, request.job);
      } else {
        throw new Error(`unknown op ${JSON.stringify(request.op)}: expected "run" or "compile"`);
      }
      reply({ id, ok: true, result });
    } catch (err) {
      // The whole message (a Python error's is its traceback): the build prints it when it stops.
      reply({ id, ok: false, error: { type: err.type ?? err.name ?? "Error", message: String(err.message ?? err) } });
    }
  }
}

if (process.argv[2] === "--session") {
  await session();
} else {
  const arg = process.argv[2];
  const job = JSON.parse(!arg || arg === "-" ? readFileSync(0, "utf8") : readFileSync(arg, "utf8"));
  process.stdout.write(JSON.stringify((await run(job)).out));
}
