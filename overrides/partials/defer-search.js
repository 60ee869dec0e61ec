// Tool pages only (overrides/tool.html, inline so it runs before the theme's bundle). The theme's search builds
// its whole index in a worker as soon as a page loads: CPU that the checker's runtime needs at the same moment
// on a phone. Here the search worker is created only once the checker has settled (the client announces
// "checker-settled" once it is ready and has had no request for a moment, or has failed), when the reader goes
// for the search box, or after 20 s at the latest. Messages posted before then are kept in order and delivered, so no query is lost.
(() => {
  const Native = window.Worker;
  if (typeof Native !== "function" || typeof EventTarget !== "function") return;
  const waiting = [];
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    for (const worker of waiting.splice(0)) worker.start();
  };

  class DeferredWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.args = [url, options];
      this.queue = [];
      this.real = null;
      this.ended = false;
      waiting.push(this);
    }
    start() {
      if (this.real || this.ended) return;
      const real = new Native(...this.args);
      for (const type of ["message", "messageerror", "error"]) {
        real.addEventListener(type, (event) => {
          const copy = type === "error"
            ? new ErrorEvent("error", { message: event.message, filename: event.filename, lineno: event.lineno })
            : new MessageEvent(type, { data: event.data });
          this.dispatchEvent(copy);
          if (typeof this["on" + type] === "function") this["on" + type](copy);
        });
      }
      for (const args of this.queue.splice(0)) real.postMessage(...args);
      this.real = real;
    }
    postMessage(...args) {
      if (this.real) this.real.postMessage(...args);
      else this.queue.push(args);
    }
    terminate() {
      this.ended = true;
      this.queue = [];
      if (this.real) this.real.terminate();
    }
  }

  window.Worker = function Worker(url, options) {
    const search = String(url).includes("/assets/javascripts/workers/search.");
    return search && !released ? new DeferredWorker(url, options) : new Native(url, options);
  };
  window.Worker.prototype = Native.prototype;

  window.addEventListener("checker-settled", release, { once: true });
  const reach = (event) => {
    const target = event.target;
    if (target instanceof Element && target.closest(".md-search, label[for='__search'], #__search")) release();
  };
  for (const type of ["focusin", "pointerdown", "keydown", "change"]) document.addEventListener(type, reach, true);
  document.addEventListener("keydown", (event) => {
    // The theme's shortcuts that open the search: f, s and /.
    if (["f", "s", "/"].includes(event.key) && !(event.target instanceof HTMLInputElement)) release();
  }, true);
  window.addEventListener("load", () => setTimeout(release, 20000), { once: true });
})();
