// The page's side of the checker worker (the protocol is described at the top of worker.mjs): one worker per
// page, requests matched by id, loading progress reported to every widget. No runtime byte is loaded until
// start() (widget.mjs and start.mjs decide when); warm() only starts the worker thread with its own modules.
// Each loading step is also a User Timing mark ("checker:worker", "checker:download", "checker:boot",
// "checker:import", "checker:ready") at its first occurrence, for the bench and the browser's performance panel.

import { loadingError, stalled, unsupported } from "./messages.mjs";

const STALL_MS = 90_000; // no progress for this long while loading: give up with a clear message

class CheckerClient {
  /** @param {URL} workerURL the worker module (worker.mjs) */
  constructor(workerURL) {
    this.workerURL = workerURL;
    this.worker = null;
    this.broken = false; // the worker reported an error before start(): it cannot load
    this.ready = null; // the one ready promise, made by start()
    this.pending = new Map(); // request id -> {resolve, reject}
    this.nextId = 1;
    this.stall = null;
    this.marked = new Set();
    this.listeners = new Set();
    this.state = { phase: "idle", loaded: 0, total: 0 };
    this.kinds = new Set(); // the checks on this page ("photo", "courses"): the worker warms them up before ready
  }

  /** Say that this page shows the ``kind`` check; call it before start() so the worker warms that check up. */
  expect(kind) {
    this.kinds.add(kind);
    return this;
  }

  /** Subscribe to state changes ({phase, loaded, total, boot?, error?}); called at once with the current one. */
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Start the worker thread, which loads its own small modules and waits: no runtime byte is fetched until
   * start(). Tool pages call this as soon as their script runs. False when this browser cannot run it. */
  warm() {
    if (this.worker) return true;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") return false;
    try {
      this.worker = new Worker(this.workerURL, { type: "module" });
    } catch (err) {
      console.error("checker worker could not start", err);
      return false;
    }
    this._mark("worker");
    this.worker.onmessage = (event) => this._receive(event.data ?? {});
    // A module worker that cannot be fetched or parsed (e.g. runtime.mjs missing) reports here, and so does an
    // exception nobody caught while it loads; after "ready" the requests report their own errors.
    this.worker.onerror = (event) => {
      console.error("checker worker failed", event.message ?? event);
      if (this.state.phase === "idle") this.broken = true;
      else if (this.state.phase !== "ready") this._fail(loadingError);
    };
    return true;
  }

  /** Start loading the runtime (once); the promise resolves when the checkers are ready. */
  start() {
    if (!this.ready) {
      this.ready = this._boot();
      this.ready.catch(() => {}); // reported through the state; callers that await it see the rejection
    }
    return this.ready;
  }

  /** Run ``op`` with ``args`` in the worker; rejects with Error(message) and .type on failure. Sent at once, even
   * while the runtime loads: the worker answers it as soon as it can, ahead of its own warm-up. */
  async request(op, args) {
    const ready = this.start();
    if (!this.worker || this.state.phase === "failed") await ready; // rejects with the reason it cannot load
    const answer = this._send(op, args);
    await ready;
    return answer;
  }

  async _boot() {
    if (!this.warm()) throw this._fail(unsupported);
    if (this.broken) throw this._fail(loadingError);
    this._set({ phase: "download" });
    this._watch();
    let answer;
    try {
      answer = await this._send("boot", { warm: [...this.kinds] });
    } catch (err) {
      throw this._fail(err.message || loadingError);
    }
    clearTimeout(this.stall);
    noteRuntimeFetched();
    this._mark("ready");
    this._set({ phase: "ready", boot: answer.boot });
  }

  _send(op, args) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  _receive(message) {
    if (message.mark) {
      // The worker's own steps, on the page's timeline (both clocks count from their own time origin).
      performance.mark?.(`checker:${message.mark.name}`, { startTime: message.mark.at - performance.timeOrigin });
      return;
    }
    if (this.state.phase === "failed") return;
    if (message.progress) {
      this._watch();
      this._mark(message.progress.phase);
      this._set(message.progress);
      return;
    }
    const request = this.pending.get(message.id);
    if (!request) return;
    this.pending.delete(message.id);
    if (message.ok) request.resolve(message.result);
    else request.reject(Object.assign(new Error(message.error?.message ?? ""), { type: message.error?.type }));
  }

  /** Loading failed: every waiting request is rejected with ``message``; returns that error. */
  _fail(message) {
    if (this.state.phase !== "failed") {
      clearTimeout(this.stall);
      this._set({ phase: "failed", error: message });
      for (const { reject } of this.pending.values()) reject(new Error(message));
      this.pending.clear();
    }
    return new Error(this.state.error);
  }

  /** (Re)arm the stall watchdog: loading fails if no progress arrives for STALL_MS. */
  _watch() {
    clearTimeout(this.stall);
    this.stall = setTimeout(() => this._fail(stalled), STALL_MS);
  }

  _mark(step) {
    if (this.marked.has(step)) return;
    this.marked.add(step);
    performance.mark?.(`checker:${step}`);
  }

  _set(state) {
    this.state = { ...this.state, ...state };
    for (const listener of this.listeners) listener(this.state);
  }
}

/** The runtime is in this browser's HTTP cache now: a tool page need not preload its files on the next visit
 * (overrides/partials/preload-runtime.js reads this; the address of the WebAssembly is all that is kept). */
function noteRuntimeFetched() {
  const first = document.querySelector('meta[name="checker-runtime-file"]');
  if (!first) return;
  try {
    localStorage.setItem("zikao-checkers-runtime", new URL(first.content, document.baseURI).href);
  } catch {
    // no storage: the next visit preloads again, which costs time but nothing else
  }
}

let client = null;

/** The page's one checker client. */
export function checker() {
  client ??= new CheckerClient(new URL("./worker.mjs", import.meta.url));
  return client;
}
