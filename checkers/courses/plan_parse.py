"""Turn the lines of a pasted plan into courses: names joined across lines, kinds, practicals' theory courses."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from checkers.courses.plan_lines import Item, Lines, Row

THESIS = re.compile(r"毕业论文|毕业设计|毕业考核|临床考核|综合考核|论文答辩|毕业实习")
PRACTICAL_SUFFIX = re.compile(r"（实践）$|（实验）$|（上机）$")
OPEN_BRACKET = re.compile(r"[（、，和与及]$")


@dataclass(frozen=True)
class ParsedCourse:
    """One course as understood from the paste; ``guessed`` and ``unreadable`` name the fields concerned."""

    code: str
    name: str
    credits: float | None
    kind: str  # theory | practical | thesis
    theory: str | None
    seq: str | None
    line: int
    category: str | None
    remark: str
    guessed: tuple[str, ...]
    unreadable: tuple[str, ...]
    replaces: tuple[tuple[str, str], ...] = ()  # (code, name) of old courses this one replaces, from the table

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["guessed"], out["unreadable"] = list(self.guessed), list(self.unreadable)
        out["replaces"] = [{"code": c, "name": n} for c, n in self.replaces]
        return out


def join(parts: list[str]) -> str:
    """Pieces of one name: a space survives only between two Latin letters or digits."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    out = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", out)
    return re.sub(r"\s+", " ", out)


def _incomplete(row: Row) -> bool:
    name = join(row.name_parts)
    return not row.name_on_line or bool(OPEN_BRACKET.search(name)) or name.count("（") > name.count("）")


def _segments(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """Items after the previous row (until a heading or total line) and items before the next row (after one)."""
    stops = [i for i, item in enumerate(items) if item.kind == "stop"]
    if not stops:
        return items, items
    return items[:stops[0]], items[stops[-1] + 1:]


def resolve(lines: Lines) -> dict[str, set[str]]:
    """Attach fragments, lone sequence numbers and 不计学分 words to the rows they belong to; returns guesses per code."""
    rows = lines.rows
    gaps: dict[int, list[Item]] = {}
    for n, item in lines.items:
        gaps.setdefault(n, []).append(item)
    guessed: dict[str, set[str]] = {r.code: set(r.guessed) for r in rows}
    prefix: dict[int, list[str]] = {}
    suffix: dict[int, list[str]] = {}
    category: str | None = None
    for n in range(len(rows) + 1):
        a = rows[n - 1] if n > 0 else None
        b = rows[n] if n < len(rows) else None
        after_a, before_b = _segments(gaps.get(n, []))
        both = after_a is before_b
        for item in before_b:
            if item.kind == "category":
                category = item.text
        if b is not None and b.category is None and category is not None:
            b.category = category
        in_a = {id(i) for i in after_a}
        # The row's own number is the one nearest to it: a number further up (in a sentence or heading) is not it.
        # Above the first row (title, rule sentence, header) a number counts only on the line just before it.
        numbers = [i for i in before_b if i.kind == "seq" and (a is not None or b is None or i.line >= b.line - 1)]
        in_b = {id(i) for i in numbers[-1:]}
        for item in after_a + ([] if both else before_b):
            if item.kind == "nocredit":
                target = a if a is not None and a.credits is None and id(item) in in_a else b
                if target is not None and target.credits is None and item.text in ("不计", "不计学分"):
                    target.no_credit = True
            elif item.kind == "seq":
                _seq(item.text, a if id(item) in in_a else None, b if id(item) in in_b else None)
        near = [i for i in (after_a if both else after_a + before_b) if i.kind == "frag"
                and ((a is not None and i.line <= a.line + 2) or (b is not None and i.line >= b.line - 2))]
        frags = [i.text for i in near]
        if not both:  # after a heading or total line, only the next row's empty name can take fragments
            frags_a = [i.text for i in after_a if i.kind == "frag" and a is not None and i.line <= a.line + 2]
            frags_b = [i.text for i in before_b if i.kind == "frag" and b is not None and i.line >= b.line - 2]
            if a is not None and frags_a and _incomplete(a):
                suffix.setdefault(n - 1, []).extend(frags_a)
            if b is not None and frags_b and not b.name_on_line:
                prefix.setdefault(n, []).extend(frags_b)
            continue
        if not frags:
            continue
        a_open = a is not None and _incomplete(a)
        b_open = b is not None and not b.name_on_line
        if b_open and not a_open:
            prefix.setdefault(n, []).extend(frags)
        elif a_open and not b_open:
            suffix.setdefault(n - 1, []).extend(frags)
        elif a_open and b_open:
            half = len(prefix.get(n - 1, [])) or (len(frags) + 1) // 2
            suffix.setdefault(n - 1, []).extend(frags[:half])
            prefix.setdefault(n, []).extend(frags[half:])
            guessed[a.code].add("name")  # type: ignore[union-attr]
            guessed[b.code].add("name")  # type: ignore[union-attr]
        elif a is not None and b is not None and all(len(f) <= 12 and not re.search(r"[，。；:：]", f) for f in frags):
            suffix.setdefault(n - 1, []).extend(frags)
            guessed[a.code].add("name")
    for i, row in enumerate(rows):
        row.name_parts = prefix.get(i, []) + row.name_parts + suffix.get(i, [])
    return guessed


def _seq(text: str, a: Row | None, b: Row | None) -> None:
    if a is not None and b is not None and a.seq is None and b.seq is None:
        a.seq = b.seq = text
    elif b is not None and b.seq is None:
        b.seq = text
    elif a is not None and a.seq is None:
        a.seq = text


def courses(lines: Lines) -> tuple[list[ParsedCourse], list[dict[str, object]]]:
    """The understood courses (first row per code) and problems with the rest."""
    guessed = resolve(lines)
    problems: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    rows: list[Row] = []
    for row in lines.rows:
        if row.code in seen:
            problems.append({"line": row.line, "code": row.code, "message": f"课程代码 {row.code} 重复出现（第一次在第 {seen[row.code]} 行），只按第一次读取"})
            continue
        seen[row.code] = row.line
        rows.append(row)
    out: list[ParsedCourse] = []
    by_name: dict[str, str] = {}
    for row in rows:
        name = join(row.name_parts)
        credits = row.credits
        bad: list[str] = []
        kind = "theory"
        if row.no_credit or credits == 0 or (credits is None and THESIS.search(name)):
            kind = "thesis"
            credits = None
        elif (row.method or "").startswith("实践") or PRACTICAL_SUFFIX.search(name) or row.method == "实验":
            kind = "practical"
        if credits is None and kind != "thesis":
            bad.append("credits")
        if not name:
            bad.append("name")
        if kind == "theory":
            by_name[name] = row.code
        out.append(ParsedCourse(row.code, name, credits, kind, None, row.seq, row.line, row.category,
                                join(row.remark), tuple(sorted(guessed[row.code])), tuple(bad),
                                tuple((c, join([n])) for c, n in row.old if c != row.code)))
    return _theories(out), problems


def _theories(found: list[ParsedCourse]) -> list[ParsedCourse]:
    """A practical belongs to the theory course of the same name, else to the theory course sharing its row number."""
    names = {c.name: c.code for c in found if c.kind == "theory"}
    out = []
    for i, c in enumerate(found):
        if c.kind != "practical":
            out.append(c)
            continue
        base = PRACTICAL_SUFFIX.sub("", c.name)
        theory = names.get(base) if base != c.name else None
        guess = c.guessed
        if theory is None and c.seq is not None:
            same = [x for x in found if x.seq == c.seq and x.kind == "theory" and x is not c]
            if len(same) == 1:
                theory, guess = same[0].code, tuple(sorted({*guess, "theory"}))
        out.append(ParsedCourse(c.code, c.name, c.credits, c.kind, theory, c.seq, c.line, c.category, c.remark,
                                guess, c.unreadable, c.replaces))
    return out
