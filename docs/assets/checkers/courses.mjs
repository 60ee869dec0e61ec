// Course checker widget: plan selector, paste box, prior-diploma box for 专升本, verdict table with
// what is missing. The pasted text is data for Python and is only ever shown with textContent.

import { checker } from "./client.mjs";
import { courses as words, requestFailed } from "./messages.mjs";
import { clear, el, showState } from "./ui.mjs";

const pasteWords = {
  emptyPlan: "请先粘贴考试计划（“考试课程与学分”表）。",
  understood: (p) => `读到的计划：${p.name ?? "专业名称未读出"}（${p.level ?? "层次未读出"}${p.level_guessed ? "，猜测" : ""}${p.code ? "，" + p.code : ""}）` +
    `；最低 ${p.minimums.credits} 学分${p.minimums.credits_guessed ? "（猜测）" : ""}${p.minimums.courses ? "、" + p.minimums.courses + " 门" : ""}。` +
    "标“猜测”和“未读出”的地方请对照原文核对。",
  refused: "没有读取这份计划，因此没有核对结论。",
  eligible: "结论：按你粘贴的考试计划，已满足毕业的课程要求。",
  guessed: "猜测",
  unreadable: "未读出",
  noCredit: "不计学分",
};

/** A message ({level, message}) as one line of text. */
function describe(item) {
  return typeof item === "object" && item !== null ? String(item.message ?? "") : String(item ?? "");
}

export function mountCourses(root, reachedFor) {
  const $ = (selector) => root.querySelector(selector);
  const select = $(".checker__select");
  const paste = $(".checker__paste");
  const planText = $(".checker__plan-text");
  const understood = $(".checker__understood");
  const pasting = () => root.querySelector('input[name="plan_mode"]:checked')?.value === "paste";
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
    if (pasting() && !planText.value.trim()) {
      showState(root, { phase: "message", text: pasteWords.emptyPlan });
      return;
    }
    if (!pasting() && !select.value) {
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
    if (understood) understood.hidden = true;
    root.dataset.busy = "1";
    reachedFor();
    const client = checker();
    showState(root, client.state.phase === "ready" ? { phase: "message", text: words.checking } : client.state);
    try {
      const answer = pasting()
        ? await client.request("check_pasted_plan", { plan_text: planText.value, text: paste.value, prior_diploma: prior.checked })
        : await client.request("check_courses", { text: paste.value, plan: select.value, prior_diploma: prior.checked });
      if (mine === run) {
        if (answer.parsed_plan) renderPlan(answer.parsed_plan);
        if (answer.refused) {
          clear($(".checker__rows"));
          clear($(".checker__messages"));
          root.dataset.verdict = "refused";
          root.dataset.state = "done";
          showState(root, { phase: "message", text: "" });
        } else render(answer);
      }
    } catch (err) {
      if (mine === run) {
        showState(root, { phase: "error", text: client.state.phase === "failed" ? err.message : requestFailed + err.message });
      }
    } finally {
      if (mine === run) delete root.dataset.busy;
    }
  }

  /** What the parser understood, before any verdict: one row per course, guessed and unreadable cells marked. */
  function renderPlan(plan) {
    if (!understood) return;
    understood.hidden = false;
    understood.dataset.ok = plan.ok ? "1" : "0";
    $(".checker__understood-title").textContent = plan.ok ? pasteWords.understood(plan) : pasteWords.refused;
    $(".checker__refused").textContent = plan.refused ?? "";
    $(".checker__refused").hidden = !plan.refused;
    understood.querySelector(".checker__table-wrap").hidden = !plan.ok;
    const rows = clear($(".checker__plan-rows"));
    for (const c of plan.courses ?? []) {
      const row = el("tr", { class: "checker__plan-course" });
      row.dataset.courseCode = c.code;
      const guessed = (c.guessed ?? []).filter((g) => g !== "from_rule");
      const name = el("td", {}, c.name || pasteWords.unreadable);
      if (c.theory) name.append(el("span", { class: "checker__course-note" }, `实践，属于 ${c.theory}`));
      for (const r of c.replaces ?? []) name.append(el("span", { class: "checker__course-note" }, `顶替旧课程 ${r.code} ${r.name}`));
      if (guessed.length) name.append(el("span", { class: "checker__mark checker__mark--guessed" }, pasteWords.guessed));
      if ((c.unreadable ?? []).length) name.append(el("span", { class: "checker__mark checker__mark--unreadable" }, pasteWords.unreadable));
      const credits = c.kind === "thesis" ? pasteWords.noCredit : c.credits ?? pasteWords.unreadable;
      row.append(el("td", { class: "checker__code" }, c.code), name, el("td", { class: "checker__credits" }, credits),
        el("td", {}, c.kind_label ?? c.kind));
      rows.append(row);
    }
    const notes = clear($(".checker__plan-notes"));
    const lines = [...(plan.choices ?? []), ...(plan.groups ?? [])].map((x) => ["info", `规则：${x.label}`])
      .concat((plan.changes ?? []).map((x) => ["info", x]), (plan.notes ?? []).map((x) => ["info", x]),
        (plan.problems ?? []).map((p) => ["warning", `第 ${p.line} 行：${p.message}`]));
    for (const [level, text] of lines) notes.append(el("li", { class: `checker__msg checker__msg--${level}` }, text));
  }

  function render(res) {
    const yes = res.plan_source === "paste" ? pasteWords.eligible : words.eligible;
    $(".checker__verdict").textContent = res.eligible ? yes : words.notEligible;
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

  function showMode() {
    const on = pasting();
    $(".checker__field--list").hidden = on;
    const field = $(".checker__field--plan");
    if (field) field.hidden = !on;
    if (!on && understood) understood.hidden = true;
    showPrior();
  }

  function showPrior() {
    const needs = pasting() || select.selectedOptions[0]?.dataset.prior === "1";
    prior.closest("label").hidden = !needs;
    if (!needs) prior.checked = false;
  }

  button.addEventListener("click", () => check());
  paste.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) check();
  });
  for (const radio of root.querySelectorAll('input[name="plan_mode"]')) radio.addEventListener("change", showMode);
  showMode();
  select.addEventListener("change", () => {
    showPrior();
    if (root.dataset.verdict) check();
  });
  prior.addEventListener("change", () => root.dataset.verdict && check());
}
