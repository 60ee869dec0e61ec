// Where the worker keeps its Pyodide memory snapshot: this origin's Cache API, one entry per runtime build
// (the key is inside the runtime's hashed directory, so a new build never boots an old snapshot).
// Every failure (no Cache API, quota, corrupt entry) is reported as "no snapshot": the caller boots fresh.

const CACHE = "zikao-checkers-snapshot";
const SIZE = "x-snapshot-bytes";

// A memory snapshot is the whole WebAssembly heap, and most of its 64 KiB pages are zeros (about 60 % of the
// 31 MB here). Only the pages holding data are stored, so a repeat visit reads less than half the bytes:
//   "ZKSNAP01" | u32 snapshot length | u32 page size | u32 page count | u32 page numbers … | those pages' bytes
// (little-endian). Unpacking gives back the exact bytes Pyodide made.
const MAGIC = "ZKSNAP01";
const PAGE = 65536;
const HEAD = MAGIC.length + 12;

function isZero(bytes, start, end) {
  if (bytes.byteOffset % 4 === 0 && start % 4 === 0 && end % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + start, (end - start) / 4);
    for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
    return true;
  }
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The stored form of a snapshot: its non-zero pages behind an index. */
export function pack(bytes) {
  const pages = [];
  for (let start = 0; start < bytes.length; start += PAGE) {
    if (!isZero(bytes, start, Math.min(start + PAGE, bytes.length))) pages.push(start / PAGE);
  }
  const sizes = pages.map((n) => Math.min(PAGE, bytes.length - n * PAGE));
  const out = new Uint8Array(HEAD + 4 * pages.length + sizes.reduce((a, b) => a + b, 0));
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(MAGIC.length, bytes.length, true);
  view.setUint32(MAGIC.length + 4, PAGE, true);
  view.setUint32(MAGIC.length + 8, pages.length, true);
  let at = HEAD;
  for (const n of pages) {
    view.setUint32(at, n, true);
    at += 4;
  }
  pages.forEach((n, i) => {
    out.set(bytes.subarray(n * PAGE, n * PAGE + sizes[i]), at);
    at += sizes[i];
  });
  return out;
}

/** The snapshot's exact bytes from its stored form; throws on anything that is not a complete packed snapshot. */
export function unpack(stored) {
  const bad = (why) => new Error(`stored snapshot is damaged: ${why}`);
  if (stored.length < HEAD) throw bad("too short");
  for (let i = 0; i < MAGIC.length; i++) if (stored[i] !== MAGIC.charCodeAt(i)) throw bad("unknown format");
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const length = view.getUint32(MAGIC.length, true);
  const page = view.getUint32(MAGIC.length + 4, true);
  const count = view.getUint32(MAGIC.length + 8, true);
  if (page !== PAGE || length === 0 || count > Math.ceil(length / PAGE)) throw bad("bad header");
  const out = new Uint8Array(length);
  let at = HEAD + 4 * count;
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const n = view.getUint32(HEAD + 4 * i, true);
    const size = Math.min(PAGE, length - n * PAGE);
    if (n <= previous || size <= 0 || at + size > stored.length) throw bad("bad page index");
    out.set(stored.subarray(at, at + size), n * PAGE);
    at += size;
    previous = n;
  }
  if (at !== stored.length) throw bad("trailing bytes");
  return out;
}

/** The stored snapshot for ``key`` (a URL): null when there is none, else ``{bytes}``, a promise of its bytes
 * read in the background; it rejects when the entry is unreadable or incomplete (the caller drops it). */
export async function findSnapshot(key) {
  try {
    if (typeof caches === "undefined") return null;
    const cache = await caches.open(CACHE);
    const response = await cache.match(key);
    if (!response) return null;
    const size = response.headers.get(SIZE);
    const bytes = response.arrayBuffer().then((buffer) => {
      if (buffer.byteLength === 0 || String(buffer.byteLength) !== size) throw new Error("stored snapshot is incomplete");
      return unpack(new Uint8Array(buffer));
    });
    bytes.catch(() => {}); // the caller awaits it; this only keeps an early failure from being "unhandled"
    return { bytes };
  } catch (err) {
    console.warn("stored snapshot unreadable", err);
    await dropSnapshot(key);
    return null;
  }
}

/** Store ``bytes`` under ``key``, replacing the snapshots of other builds; false when there is no room. */
export async function saveSnapshot(key, bytes) {
  try {
    if (typeof caches === "undefined") return false;
    const packed = pack(bytes);
    const estimate = await navigator.storage?.estimate?.();
    if (estimate?.quota && estimate.quota - (estimate.usage ?? 0) < 2 * packed.byteLength) return false;
    const cache = await caches.open(CACHE);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    const headers = { "content-type": "application/octet-stream", [SIZE]: String(packed.byteLength) };
    await cache.put(key, new Response(packed, { headers }));
    return true;
  } catch (err) {
    console.warn("snapshot not stored", err);
    await dropSnapshot(key);
    return false;
  }
}

/** Delete the snapshot stored under ``key``, if any (never throws). */
export async function dropSnapshot(key) {
  try {
    if (typeof caches !== "undefined") await (await caches.open(CACHE)).delete(key);
  } catch {
    // nothing more to do: the next visit boots fresh again
  }
}
