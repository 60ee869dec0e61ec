// Where the worker keeps its Pyodide memory snapshot: this origin's Cache API, one entry per runtime build
// (the key is inside the runtime's hashed directory, so a new build never boots an old snapshot).
// Every failure (no Cache API, quota, corrupt entry) is reported as "no snapshot": the caller boots fresh.

const CACHE = "zikao-checkers-snapshot";
const SIZE = "x-snapshot-bytes";

/** The stored snapshot for ``key`` (a URL), or null; an unreadable entry is deleted. */
export async function loadSnapshot(key) {
  try {
    if (typeof caches === "undefined") return null;
    const cache = await caches.open(CACHE);
    const response = await cache.match(key);
    if (!response) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength === 0 || String(bytes.byteLength) !== response.headers.get(SIZE)) {
      await dropSnapshot(key);
      return null;
    }
    return bytes;
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
    const estimate = await navigator.storage?.estimate?.();
    if (estimate?.quota && estimate.quota - (estimate.usage ?? 0) < 2 * bytes.byteLength) return false;
    const cache = await caches.open(CACHE);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    const headers = { "content-type": "application/octet-stream", [SIZE]: String(bytes.byteLength) };
    await cache.put(key, new Response(bytes, { headers }));
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
