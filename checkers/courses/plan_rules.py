"""Rules a pasted plan states in its own words: either-or rows, elective groups, the closing count and credit sentence."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from checkers.courses.plan import Choice, Group, PlanPath
from checkers.courses.plan_lines import Lines
from checkers.courses.plan_parse import ParsedCourse

CHOICE = re.compile(r"任选(?:一|1)门|任选其一|任选一|[二两三四]选一|选考?一门|多选一")
MIN_COURSES = re.compile(r"(?:不少于|不低于|至少|最少)([0-9]+)门|([0-9]+)门(?:或)?以上")
MIN_CREDITS = re.compile(r"(?:不少于|不低于|至少|最少)([0-9]+)(?:个)?学分|([0-9]+)学分(?:或)?以上")
ALL = re.compile(r"全选|全考|全部选考|须全部")
LANGUAGE = re.compile(r"考(外语|英语|日语|俄语)者[，,]?(.*?)[；;]不考\1者(.*)")
LANGUAGE_NAME = re.compile(r"英语|日语|俄语|法语|德语|外语")
CLOSING = (
    re.compile(r"取得本专业考试计划规定的(?:不少于)?([0-9]+)门课程(?:的)?合格成绩[，,]?(?:学分)?(?:累计)?(?:达到|不少于|不低于)?([0-9]+)学分"),
    re.compile(r"考试课程(?:共)?([0-9]+)门[，,]?(?:总学分|共)(?:不少于)?([0-9]+)学分"),
)
CREDITS_ONLY = (
    re.compile(r"学分合计(?:不少于)?([0-9]+)学分"), re.compile(r"总学分(?:应)?(?:≥|>=|不少于|不低于|达到)?([0-9]+)"),
    re.compile(r"学分要求(?:不少于)?([0-9]+)"), re.compile(r"累计(?:达到|不少于|不低于)([0-9]+)学分"), re.compile(r"(?:累计|毕业)(?:总)?学分(?:达到|不少于|不低于)([0-9]+)"),
)
COUNT_ONLY = re.compile(r"(?:不少于)?([0-9]+)门课程(?:的)?合格成绩")
CATEGORY_OPTIONAL = re.compile(r"选")
LEVEL = re.compile(r"（(专升本|本科|专科|高起本|高起专)）|(专升本|专科|本科)(?:段|层次)")


@dataclass(frozen=True)
class Stated:
    """The closing rule as the text states it; a value is None when the text does not say it."""

    credits: int | None
    courses: int | None
    sentence: str | None


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text).replace(",", "，").replace(";", "；")


def closing(text: str) -> Stated:
    """The required course count and credit total from the text's own sentences."""
    f = flat(text)
    for pattern in CLOSING:
        m = pattern.search(f)
        if m:
            return Stated(int(m.group(2)), int(m.group(1)), m.group(0))
    credits = next((m for p in CREDITS_ONLY for m in [p.search(f)] if m), None)
    count = COUNT_ONLY.search(f)
    return Stated(int(credits.group(1)) if credits else None, int(count.group(1)) if count else None,
                  (credits or count).group(0) if (credits or count) else None)


def level(text: str, codes: set[str]) -> tuple[str | None, bool]:
    """专科 or 专升本 from the title words, else from the 思政 course codes (then guessed); None when neither says."""
    head = flat(text[:2000])
    m = LEVEL.search(head) or LEVEL.search(flat(text))
    if m:
        word = m.group(1) or m.group(2)
        return ("专科" if word in ("专科", "高起专") else "专升本"), False
    if codes & {"03706", "12656", "15041", "15042", "13124"}:
        return "专科", True
    if codes & {"03708", "03709", "15043", "15044", "13000"}:
        return "专升本", True
    return None, False


def title(text: str) -> tuple[str | None, str | None]:
    """Major name and code when the text names them (e.g. 汉语言文学专业（专升本）考试计划 …（专业代码：050101））."""
    f = flat(text[:3000])
    code = re.search(r"专业代码[:：]?([0-9]{6}[A-Z]{0,2})", f)
    name = re.search(r"([\u4e00-\u9fff（）]{2,30}?)专业(?:（[^）]{1,6}）)?(?:考试计划|课程设置|计划)", f)
    label = name.group(1) if name else None
    if label:
        label = re.sub(r"^.*(?:自学考试|自考|年)", "", label) or label
        label = re.sub(r"^(?:本科|专科|专升本)(?=..)", "", label)
    return label, code.group(1) if code else None


@dataclass
class Block:
    """Consecutive remark fragments (one rule), the lines they span, and a row number printed beside them."""

    text: str
    first: int
    last: int
    seq: str | None = None


def blocks(lines: Lines, found: list[ParsedCourse]) -> list[Block]:
    """Remark fragments inside the table joined into rules (fragments at most two lines apart)."""
    if not found:
        return []
    top, bottom = found[0].line, found[-1].line + 2
    frags: list[tuple[int, str]] = [(c.line, c.remark) for c in found if c.remark]
    seqs = {item.line: item.text for _, item in lines.items if item.kind == "seq"}
    frags += [(item.line, item.text) for _, item in lines.items if item.kind == "remark" and top - 1 <= item.line <= bottom]
    out: list[Block] = []
    for line, text in sorted(frags):
        if out and line - out[-1].last <= 2 and not CHOICE.search(out[-1].text):
            out[-1].text += text
            out[-1].last = line
        else:
            out.append(Block(text, line, line, seqs.get(line)))
    for b in out:
        b.text = flat(b.text)
    return [b for b in out if CHOICE.search(b.text) or MIN_COURSES.search(b.text) or MIN_CREDITS.search(b.text) or ALL.search(b.text)]


def _covered(block: Block, found: list[ParsedCourse]) -> list[ParsedCourse]:
    inside = [c for c in found if block.first <= c.line <= block.last and c.kind != "thesis"]
    if len(inside) >= 2:
        return inside
    if block.seq is not None:
        same = [c for c in found if c.seq == block.seq and c.kind != "thesis"]
        if len(same) >= 2:
            return same
    if not inside:
        above = [c for c in found if c.line < block.first and c.kind != "thesis"][-1:]
        below = [c for c in found if c.line > block.last and c.kind != "thesis"][:1]
        if above and above[0].seq is not None and CHOICE.search(block.text):  # the rule follows the first of one number's rows
            same = [c for c in found if c.seq == above[0].seq and c.kind != "thesis"]
            if len(same) >= 2:
                return same
        return above + below
    first = inside[0]
    start = found.index(first)
    if first.category and CATEGORY_OPTIONAL.search(first.category):
        same = [c for c in found if c.category == first.category and c.kind != "thesis"]
        if len(same) >= 2:
            return same
    run = [first]
    if CHOICE.search(block.text) and first.seq is None:  # no numbers: rows named alike (第二外语（俄语）、（日语）…), else two
        stem = _stem(first.name)
        alike = [first] + list(itertools.takewhile(lambda c: stem and _stem(c.name) == stem and not c.remark, found[start + 1:]))
        return alike if len(alike) >= 2 else found[start:start + 2]
    for c in found[start + 1:]:  # a merged cell copied from a web table: the rule sits on the first row only
        if c.kind == "thesis" or c.remark or (c.seq is not None and c.seq != first.seq and CHOICE.search(block.text)):
            break
        run.append(c)
    return run


def _stem(name: str) -> str:
    """The name before its bracket: 第二外语（俄语） → 第二外语; a name without a bracket has no stem."""
    return name.split("（", 1)[0] if "（" in name and not name.endswith("（实践）") else ""


def _names(rows: list[ParsedCourse]) -> str:
    return " 或 ".join(c.name or c.code for c in rows)


def _group(gid: str, label: str, rows: list[ParsedCourse], text: str) -> Group | None:
    n = next((int(a or b) for a, b in MIN_COURSES.findall(text)), None)
    credits = next((int(a or b) for a, b in MIN_CREDITS.findall(text)), None)
    if n is None and credits is None and ALL.search(text):
        n = sum(1 for c in rows if c.kind == "theory" or c.theory is None)
        if any(c.theory is not None for c in rows):  # all of them means their practicals too: every credit counts
            total = int(sum(c.credits or 0 for c in rows))
            return Group(gid, f"{label}：{n} 门全选（含实践，共 {total} 学分）", tuple(c.code for c in rows), n, total)
        return Group(gid, f"{label}：{n} 门全选", tuple(c.code for c in rows), n, None)
    if n is None and credits is None:
        return None
    need = "、".join(s for s in (f"不少于 {n} 门" if n else "", f"不少于 {credits} 学分" if credits else "") if s)
    return Group(gid, f"{label}：{need}", tuple(c.code for c in rows), n, credits)


def rules(lines: Lines, found: list[ParsedCourse]) -> tuple[list[Choice], list[Group], list[PlanPath], list[str]]:
    """Choices, groups and paths from the remark column; notes say what was read and from which lines."""
    choices: list[Choice] = []
    groups: list[Group] = []
    paths: list[PlanPath] = []
    notes: list[str] = []
    for block in blocks(lines, found):
        rows = _covered(block, found)
        codes = [c.code for c in rows]
        where = f"第 {block.first} 行" if block.first == block.last else f"第 {block.first}–{block.last} 行"
        if CHOICE.search(block.text) and len(rows) >= 2:
            theory = [c for c in rows if c.kind != "practical"] or rows
            cid = "language" if all(LANGUAGE_NAME.search(c.name) for c in theory) else f"choice-{len(choices) + 1}"
            label = ("外语：" if cid == "language" else "") + f"{_names(theory)} 任选一门"
            choices.append(Choice(cid, label, tuple(c.code for c in theory)))
            notes.append(f"{where}“{block.text}”：{'、'.join(c.code for c in theory)} 任选一门")
            continue
        lang = LANGUAGE.search(block.text)
        if lang and rows:
            word = lang.group(1)
            with_lang = _group("electives", f"选考课（考{word}者）", rows, lang.group(2))
            without = _group("electives-all", f"选考课（不考{word}者）", rows, lang.group(3))
            if with_lang is None or without is None:
                notes.append(f"{where}“{block.text}”：没有读懂这条选考规则，请自行核对")
                continue
            groups += [with_lang, without]
            language = next((c for c in choices if c.id == "language"), None)
            if language is not None:
                paths += [PlanPath("foreign-language", f"考{word}", (language.id,), ("electives",)),
                          PlanPath("no-foreign-language", f"不考{word}", (), ("electives-all",))]
            else:
                pick = [c for c in found if c.kind == "theory" and c.code not in codes and LANGUAGE_NAME.search(c.name)
                        and (word == "外语" or word in c.name)]
                groups.append(Group("language", f"{word}：{_names(pick)}", tuple(c.code for c in pick), 1))
                paths += [PlanPath("foreign-language", f"考{word}", (), ("language", "electives")),
                          PlanPath("no-foreign-language", f"不考{word}", (), ("electives-all",))]
            notes.append(f"{where}“{block.text}”：分“考{word}”和“不考{word}”两种选课方式，选考课为 {'、'.join(codes)}")
            continue
        group = _group(f"electives-{len(groups) + 1}" if groups else "electives", "选考课", rows, block.text)
        if group is None or not rows:
            notes.append(f"{where}“{block.text}”：没有读懂这条规则，请自行核对")
            continue
        groups.append(group)
        notes.append(f"{where}“{block.text}”：选考课 {'、'.join(codes)}，{group.label.split('：', 1)[1]}")
    free = tuple(c.id for c in choices if not any(c.id in x.choices for x in paths))
    if paths and free:  # an either-or outside the language rule holds on every path
        paths = [replace(x, choices=x.choices + free) for x in paths]
    return choices, groups, paths, notes
