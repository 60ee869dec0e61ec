// Course checker widget: plan selector, paste box, prior-diploma box for 专升本, verdict table with
// what is missing. The pasted text is data for Python and is only ever shown with textContent.

import { checker } from "./client.mjs";
import { courses as words, requestFailed } from "./messages.mjs";
import { clear, el, showState } from "./ui.mjs";

/** A message ({level, message}) as one line of text. */
function describe(item) {
  return typeof item === "object" && item !== null ? String(item.message ?? "") : String(item ?? "");
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
        prior_diploma: prior.checked,
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
    const rows = clear($(".checker__rows"));
    for (const course of res.courses ?? []) {
      const row = el("tr", { class: `checker__course checker__course--${course.status}` });
      row.dataset.courseCode = course.code ?? "";
      row.dataset.status = course.status ?? "";
      const status = el("td");
      status.append(el("span", { class: "checker__badge" }, course.status_label ?? course.status));
      const name = el("td", {}, course.name ?? "");
      if (course.message) name.append(el("span", { class: "checker__course-note" }, course.message));
      row.append(el("td", { class: "checker__code" }, course.code ?? ""), name,
        el("td", { class: "checker__credits" }, course.credits ?? ""), status);
      rows.append(row);
    }
    const messages = clear($(".checker__messages"));
    for (const m of res.messages ?? []) {
      messages.append(el("li", { class: `checker__msg checker__msg--${m.level ?? "info"}` }, describe(m)));
    }
    $(".checker__note").textContent = words.disclaimer;
    result.hidden = false;
    showState(root, { phase: "message", text: "" });
  }

  function showPrior() {
    const needs = select.selectedOptions[0]?.dataset.prior === "1";
    prior.closest("label").hidden = !needs;
    if (!needs) prior.checked = false;
  }

  button.addEventListener("click", () => check());
  paste.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) check();
  });
  showPrior();
  select.addEventListener("change", () => {
    showPrior();
    if (root.dataset.verdict) check();
  });
  prior.addEventListener("change", () => root.dataset.verdict && check());
}
