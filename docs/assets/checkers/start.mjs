// Tool pages only (overrides/tool.html puts this in their <head>, async): start the checker runtime at the
// page's first idle moment, without waiting for the rest of the page's scripts. The widget (widget.mjs) shares
// the same client (client.mjs is one module per page) and shows the progress once it mounts.
// Guide pages never load this file: their embedded widgets start the runtime only when the reader reaches for them.

import { checker } from "./client.mjs";

// The worker thread and its own small modules now (no runtime byte), so it is waiting when the page is idle.
checker().warm();
const start = () => checker().start();
if ("requestIdleCallback" in window) window.requestIdleCallback(start, { timeout: 200 });
else setTimeout(start, 0);
