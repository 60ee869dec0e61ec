// Compile Python sources to bytecode with Pyodide's own interpreter (the browser's Python version),
// so the site ships .pyc files and the browser does not spend its start-up compiling.
//
//   import { compileZip } from "./compile.mjs"   compileZip(pyodide, job) on an interpreter already booted
//                                                (runtime/node/run.mjs --session, after its traced run)
//
// JOB: {"input": "/abs/in.zip", "output": "/abs/out.zip", "mode": "stdlib" | "package"}
// Every NAME.py in the zip becomes NAME.pyc at the module's own place, sourceless (zipimport and the
// site-packages FileFinder both import it; no .py is shipped), compiled as `python -OO` does (optimize=2:
// no docstrings, no asserts; the standard library is tested that way), with a compact line table: each
// instruction maps to its function's first line. Exact line tables are about 40 % of the compressed
// bytes; tracebacks still name the file and function (at its first line), and the exception's last
// line, which the engine turns into {type, message}, is unchanged. Other members are copied.
//  - "stdlib": code objects name the file inside the standard library zip.
//  - "package": code objects name the file by its path in the wheel (checkers/web.py).
// Returns {"files": n, "cache_tag": "..."}.
// On a session's interpreter, which has already imported some of the modules it compiles, marshal may
// write a few shared objects differently: such a .pyc can differ by some bytes from a fresh interpreter's,
// with equal code objects. The same inputs give the same bytes on every build.

import { readFileSync, writeFileSync } from "node:fs";

// Runs in its own globals dict: the interpreter's __main__ is left as it was.
const COMPILER = `
import importlib.util
import marshal
import sys
import types
import zipfile

EPOCH = (2020, 1, 1, 0, 0, 0)


def coarse(code: types.CodeType) -> types.CodeType:
    """Same code with a line table that maps every instruction to co_firstlineno (format: Objects/locations.md)."""
    units = len(code.co_code) // 2
    table = bytearray()
    while units > 0:
        n = min(8, units)
        table += bytes((0x80 | (13 << 3) | (n - 1), 0))  # "no column" entry, line delta 0
        units -= n
    consts = tuple(coarse(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_linetable=bytes(table), co_consts=consts)


def _put(zout, name, data):
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zout.writestr(info, data, compresslevel=9)


def compile_zip(source, target, mode):
    stdlib_zip = next(p for p in sys.path if p.endswith(".zip"))
    count = 0
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            data = zin.read(info.filename)
            if not info.filename.endswith(".py"):
                _put(zout, info.filename, data)
                continue
            count += 1
            header = importlib.util.MAGIC_NUMBER + bytes(12)  # timestamp-based, no source to compare
            filename = f"{stdlib_zip}/{info.filename}" if mode == "stdlib" else info.filename
            code = compile(data, filename, "exec", dont_inherit=True, optimize=2)
            _put(zout, info.filename + "c", header + marshal.dumps(coarse(code)))
    return {"files": count, "cache_tag": sys.implementation.cache_tag}

compile_zip
`;

const MODES = new Set(["stdlib", "package"]);

/** Compile job.input (a zip on disk) into job.output with ``pyodide``'s Python; returns {files, cache_tag}. */
export function compileZip(pyodide, job) {
  if (!MODES.has(job.mode)) throw new Error(`compile mode must be "stdlib" or "package", not ${JSON.stringify(job.mode)}`);
  const source = "/tmp/compile-in.zip";
  const target = "/tmp/compile-out.zip";
  pyodide.FS.writeFile(source, new Uint8Array(readFileSync(job.input)));
  const globals = pyodide.toPy({});
  const compile = pyodide.runPython(COMPILER, { globals });
  try {
    const result = compile(source, target, job.mode);
    const out = result.toJs({ dict_converter: Object.fromEntries });
    result.destroy();
    writeFileSync(job.output, pyodide.FS.readFile(target));
    return out;
  } finally {
    compile.destroy();
    globals.destroy();
    for (const file of [source, target]) {
      if (pyodide.FS.analyzePath(file).exists) pyodide.FS.unlink(file);
    }
  }
}
