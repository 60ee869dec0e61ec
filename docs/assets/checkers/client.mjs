// The page's side of the checker worker: started once per page, requests matched by id, progress
// reported to every widget. No runtime byte is loaded until start() is called (see widget.mjs and start.mjs
// for when); warm() only starts the worker thread with its own modules.

import { loadingError, stalled, unsupported } from "./messages.mjs";

const STALL_MS = 90_000; // no progress for this long while loading: give up with a clear message

class CheckerClient {
  constructor() {
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.state = { phase: "idle", loaded: 0, total: 0 };
    this.ready = null;
    this.worker = null;
    this.workerError = null; // the worker's load error, if it reported one
    this.onMessage = null;
    this.onWorkerError = null;
    this.readyMs = null;
  }

  /** Subscribe to state changes ({phase, loaded, total, error?}); called at once with the current one. */
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  _set(state) {
    this.state = { ...this.state, ...state };
    for (const listener of this.listeners) listener(this.state);
    // Tells the page the runtime is done loading, either way (tool pages then let the theme's search start).
    if (state.phase === "ready" || state.phase === "failed") window.dispatchEvent(new Event("checker-settled"));
  }

  /** Start the worker thread, which loads its own small modules and waits: no runtime byte is fetched until
   * start(). Tool pages call this as soon as their script runs. False when this browser cannot run it. */
  warm() {
    if (this.worker) return true;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") return false;
    try {
      this.worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
    } catch (err) {
      console.error("checker worker could not start", err);
      return false;
    }
    this.worker.onmessage = (event) => this.onMessage?.(event);
    this.worker.onerror = (event) => {
      console.error("checker worker failed", event.message ?? event);
      this.workerError = String(event.message ?? "error");
      this.onWorkerError?.();
    };
    return true;
  }

  /** Start loading the runtime (once); resolves when the checkers are ready. */
  start() {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve, reject) => {
      const fail = (message) => {
        if (this.state.phase === "failed") return;
        clearTimeout(this.stall);
        this._set({ phase: "failed", error: message });
        for (const { reject: rejectRequest } of this.pending.values()) rejectRequest(new Error(message));
        this.pending.clear();
        reject(new Error(message));
      };
      const watchdog = () => {
        clearTimeout(this.stall);
        this.stall = setTimeout(() => fail(stalled), STALL_MS);
      };
      if (!this.warm()) {
        fail(unsupported);
        return;
      }
      if (this.workerError !== null) {
        fail(loadingError);
        return;
      }
      this._set({ phase: "download" });
      watchdog();
      this.onMessage = (event) => {
        const msg = event.data ?? {};
        if (this.state.phase === "failed") return;
        if (msg.type === "progress") {
          watchdog();
          this._set({ phase: msg.phase, loaded: msg.loaded, total: msg.total });
        } else if (msg.type === "ready") {
          clearTimeout(this.stall);
          this.readyMs = msg.ms;
          this._set({ phase: "ready", boot: msg.boot });
          resolve();
        } else if (msg.type === "failed") {
          fail(msg.error?.message ?? loadingError);
        } else if (this.pending.has(msg.id)) {
          const { resolve: done, reject: error } = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          if (msg.ok) {
            done(msg.result);
          } else {
            const err = new Error(msg.error?.message ?? "");
            err.type = msg.error?.type;
            error(err);
          }
        }
      };
      // A module worker that cannot be fetched or parsed (e.g. runtime.mjs missing) reports here.
      // So does an exception nobody caught while loading; after "ready" the requests report their own.
      this.onWorkerError = () => {
        if (this.state.phase !== "ready") fail(loadingError);
      };
      this.worker.postMessage({ type: "boot" });
    });
    this.ready.catch(() => {}); // reported through the state; callers that await it see the rejection
    return this.ready;
  }

  /** Run ``op`` in the worker once it is ready; rejects with Error(message) on failure. */
  async request(op, args) {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }
}

let client = null;

/** The page's one checker client. */
export function checker() {
  client ??= new CheckerClient();
  return client;
}
