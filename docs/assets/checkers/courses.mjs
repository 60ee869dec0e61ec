// Course checker widget: plan selector, paste box, prior-diploma box for 专升本, verdict table with
// what is missing. The pasted text is data for Python and is only ever shown with textContent.

import { checker } from "./client.mjs";
import { courses as words, requestFailed } from "./messages.mjs";
import { clear, el, showState } from "./ui.mjs";

/** A course's or a requirement's readable text, whatever shape the API gave it. */
function describe(item) {
  if (item === null || item === undefined) return "";
  if (typeof item !== "object") return String(item);
  return item.message ?? [item.code, item.name].filter(Boolean).join(" ") ?? JSON.stringify(item);
}

export function mountCourses(root, reachedFor) {
  const $ = (selector) => root.querySelector(selector);
  const select = $(".checker__select");
  const paste = $(".checker__paste");
  const prior = $(".checker__prior");
  const button = $(".checker__run");
  const result = $(".checker__result");
  if (!select || !paste || !button) return; // no plans in this build: the markup says so
  let run = 0;

  checker().subscribe((state) => {
    if (state.phase === "ready" && root.dataset.busy) showState(root, { phase: "message", text: words.checking });
    else if (!(state.phase === "ready" && root.dataset.verdict)) showState(root, state);
  });

  async function check() {
    if (!select.value) {
      showState(root, { phase: "message", text: "请先选择专业考试计划。" });
      return;
    }
    if (!paste.value.trim()) {
      showState(root, { phase: "message", text: words.empty });
      return;
    }
    const mine = ++run;
    delete root.dataset.verdict;
    result.hidden = true;
    root.dataset.busy = "1";
    reachedFor();
    const client = checker();
    showState(root, client.state.phase === "ready" ? { phase: "message", text: words.checking } : client.state);
    try {
      const answer = await client.request("check_courses", {
        text: paste.value,
        plan: select.value,
        prior_diploma: Boolean(prior?.checked),
      });
      if (mine === run) render(answer);
    } catch (err) {
      if (mine === run) {
        showState(root, { phase: "error", text: client.state.phase === "failed" ? err.message : requestFailed + err.message });
      }
    } finally {
      if (mine === run) delete root.dataset.busy;
    }
  }

  function render(res) {
    $(".checker__verdict").textContent = res.eligible ? words.eligible : words.notEligible;
    root.dataset.verdict = res.eligible ? "ok" : "fail";
    root.dataset.state = "done";
    $(".checker__summary").textContent = res.summary ?? "";
    const missing = clear($(".checker__missing"));
    for (const item of res.missing ?? []) missing.append(el("li", { class: "checker__missing-item" }, describe(item)));
    const rows = clear($(".checker__rows"));
    for (const course of res.courses ?? []) {
      const row = el("tr", { class: `checker__status--${course.status}` });
      row.dataset.courseCode = course.code ?? "";
      row.dataset.status = course.status ?? "";
      const status = el("td");
      status.append(el("span", { class: "checker__badge" }, course.status_label ?? course.status));
      row.append(el("td", {}, course.code ?? ""), el("td", {}, course.name ?? ""), status,
        el("td", {}, course.message ?? course.note ?? ""));
      rows.append(row);
    }
    const messages = clear($(".checker__messages"));
    for (const m of res.messages ?? []) messages.append(el("li", {}, describe(m)));
    $(".checker__note").textContent = words.disclaimer;
    result.hidden = false;
    showState(root, { phase: "message", text: "" });
  }

  button.addEventListener("click", () => check());
  paste.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) check();
  });
  select.addEventListener("change", () => root.dataset.verdict && check());
  prior?.addEventListener("change", () => root.dataset.verdict && check());
}
