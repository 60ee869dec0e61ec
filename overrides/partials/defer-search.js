// Tool pages only (overrides/tool.html, inline so it runs before the theme's bundle). The theme's search fetches
// its index (about 230 KB) and builds it in a worker as soon as a page loads: bytes and CPU that the checker's
// runtime needs at that moment, on a phone most of all, for a search the reader on a tool page seldom makes.
// Here both wait until the reader goes for the search (the search box, its button, the theme's f / s / shortcuts):
// the index is fetched and the worker created then. Messages posted before then are kept in order and delivered,
// so no query is lost.
(() => {
  const Native = window.Worker;
  if (typeof Native !== "function" || typeof EventTarget !== "function") return;
  const waiting = [];
  let released = false;
  let openGate;
  const opened = new Promise((resolve) => {
    openGate = resolve;
  });
  const release = () => {
    if (released) return;
    released = true;
    openGate();
    for (const worker of waiting.splice(0)) worker.start();
  };

  // The theme fetches its index on the page's thread (an XMLHttpRequest): that request waits for the reader too.
  const Request = window.XMLHttpRequest;
  if (typeof Request === "function") {
    const { open: nativeOpen, send: nativeSend } = Request.prototype;
    const forIndex = new WeakSet();
    Request.prototype.open = function open(method, url, ...rest) {
      if (String(url).includes("/search/search_index.json")) forIndex.add(this);
      return nativeOpen.call(this, method, url, ...rest);
    };
    Request.prototype.send = function send(...args) {
      if (released || !forIndex.has(this)) return nativeSend.apply(this, args);
      opened.then(() => nativeSend.apply(this, args));
    };
  }

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

  const reach = (event) => {
    const target = event.target;
    if (target instanceof Element && target.closest(".md-search, label[for='__search'], #__search")) release();
  };
  for (const type of ["focusin", "pointerdown", "keydown", "change"]) document.addEventListener(type, reach, true);
  document.addEventListener("keydown", (event) => {
    // The theme's shortcuts that open the search: f, s and /.
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement
      || event.target instanceof HTMLSelectElement || (event.target instanceof HTMLElement && event.target.isContentEditable);
    if (["f", "s", "/"].includes(event.key) && !typing) release();
  }, true);
})();
