// Tool pages only (overrides/tool.html puts this in their <head>, async): the reader came for the checker, so its
// worker and runtime start as soon as this runs, without waiting for the rest of the page (the worker is another
// thread; the page's own parsing and layout go on meanwhile). The widget (widget.mjs) shares the same client
// (client.mjs is one module per page) and shows the progress once it mounts.
// Guide pages never load this file: their embedded widgets start the runtime only when the reader reaches for them.

import { checker } from "./client.mjs";

// Which check this page shows (overrides/tool.html writes it before this script): the worker warms it up.
const kind = document.querySelector('meta[name="checker-kind"]')?.content;
if (kind) checker().expect(kind);
checker().start();
