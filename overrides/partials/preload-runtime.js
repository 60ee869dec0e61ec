// Tool pages only (overrides/tool.html, inline at the top of the head): preload the checker runtime's files named
// by the page's <meta name="checker-runtime-file"> (the WebAssembly first), unless this browser already had this
// build's runtime ready on an earlier visit (client.mjs notes it in localStorage: the address of the WebAssembly,
// nothing else). Without localStorage (blocked, private window) the files are preloaded.
(() => {
  const files = [...document.querySelectorAll('meta[name="checker-runtime-file"]')]
    .map((meta) => new URL(meta.content, document.baseURI).href);
  if (!files.length) return;
  try {
    if (localStorage.getItem("zikao-checkers-runtime") === files[0]) return;
  } catch {
    // no storage: preload
  }
  for (const href of files) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = href;
    document.head.append(link);
  }
})();
