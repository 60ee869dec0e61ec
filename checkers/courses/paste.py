"""Parse a pasted score table, CSV or plain list of course codes into one best record per course code."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Callable, Literal

from checkers.courses.codes import CODE, width_table

MAX_CHARS = 50_000
PASS_MARK = 60.0

Outcome = Literal["passed", "exempted", "listed", "failed", "absent", "void"]
COUNTING = ("passed", "exempted", "listed")

# All of full-width ASCII (０-９, Ａ-Ｚ, ，．（）) and the ideographic space become their ASCII forms.
_WIDTH = width_table({i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)})
_SPLIT = re.compile(r"[\s,;|、\"']+")
_NUMBER = re.compile(r"([0-9]{1,3}(?:\.[0-9]{1,2})?)(?:分|\([^()]{0,8}\)|\*)?")
_DATE = re.compile(
    r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:[0-3][0-9])?"
    r"|(?:19|20)[0-9]{2}[-./年][01]?[0-9]月?(?:[-./][0-3]?[0-9]日?)?"
)
WORDS: dict[str, Outcome] = {
    "免考": "exempted", "免试": "exempted",
    "合格": "passed", "通过": "passed", "及格": "passed", "已通过": "passed", "已合格": "passed",
    "优秀": "passed", "良好": "passed", "中等": "passed", "顶替": "passed", "替代": "passed",
    "不合格": "failed", "未通过": "failed", "不及格": "failed", "未合格": "failed", "不通过": "failed",
    "缺考": "absent", "违纪": "void", "作弊": "void", "无效": "void", "作废": "void", "取消": "void",
}
NEUTRAL = {"考试", "笔试", "实践", "考核", "统考", "有效", "正常", "转入", "转考", "课程替代", "机考", "网考"}
HEADER = {
    "课程代码": "code", "代码": "code", "课程号": "code", "课程编号": "code",
    "课程名称": "name", "名称": "name", "课程": "name",
    "考试日期": "date", "日期": "date", "考试时间": "date", "考期": "date", "考试年月": "date",
    "通过方式": "method", "方式": "method", "考试方式": "method",
    "分数": "score", "成绩": "score", "考试成绩": "score", "得分": "score",
    "学分": "credits", "状态": "status", "成绩状态": "status", "序号": "index",
}
RANK = {"passed": 5, "exempted": 5, "listed": 4, "failed": 2, "absent": 1, "void": 0}


@dataclass(frozen=True)
class Record:
    """One course as the paste shows it; ``line`` is 1-based."""

    code: str
    name: str
    outcome: Outcome
    score: float | None
    mark: str | None  # the word in place of a score (免考, 合格 …), as pasted
    date: str | None
    line: int

    @property
    def counts(self) -> bool:
        return self.outcome in COUNTING

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Parsed:
    """Best record per code (first-seen order), how many rows were read, and lines that were skipped."""

    records: dict[str, Record]
    rows: int
    duplicates: int
    skipped: int
    header: tuple[str, ...]


def normalise(text: str) -> str:
    return text.translate(_WIDTH)


def _tokens(line: str) -> list[str]:
    out: list[str] = []
    for raw in _SPLIT.split(line):
        if raw:
            out.extend(p for p in CODE.split(raw) if p)
    return out


def _kind(token: str) -> str:
    if CODE.fullmatch(token):
        return "code"
    if _DATE.fullmatch(token):
        return "date"
    if _NUMBER.fullmatch(token):
        return "number"
    if token in WORDS:
        return "word"
    if token in NEUTRAL:
        return "neutral"
    return "text"


def _fields(line: str) -> list[str] | None:
    """The cells of a tab- or comma-separated line (empty cells kept), or None for a space-separated line."""
    sep = "\t" if "\t" in line else "," if "," in line else None
    return None if sep is None else [f.strip().strip("\"'").strip() for f in line.split(sep)]


def _positional(fields: list[str], columns: tuple[str | None, ...], line_no: int) -> Record | None:
    """A row read by the header's column positions (same cell count): an empty score cell stays empty."""
    cells = {label: cell for label, cell in zip(columns, fields) if label}
    code = cells.get("code", "")
    if not CODE.fullmatch(code):
        return None
    words = [t for f in fields for t in _SPLIT.split(f) if t in WORDS]
    score = cells.get("score", "")
    outcome, value, mark = _judge(code, [score] if score else [], words, ("score",), lambda c: None)
    date = cells.get("date") or None
    return Record(code, cells.get("name", "")[:60], outcome, value, mark, date, line_no)


def _header(tokens: list[str]) -> tuple[str, ...] | None:
    labels = [HEADER[t] for t in tokens if t in HEADER]
    return tuple(labels) if len(labels) >= 2 and len(labels) * 2 >= len(tokens) else None


def _segments(tokens: list[str], kinds: list[str]) -> list[tuple[int, int, int]]:
    """(start, code index, end) per code in the line; with one code the whole line belongs to it."""
    positions = [i for i, k in enumerate(kinds) if k == "code"]
    if len(positions) == 1:
        return [(0, positions[0], len(tokens))]
    bounds = positions[1:] + [len(tokens)]
    return [(p, p, end) for p, end in zip(positions, bounds)]


def _record(tokens: list[str], kinds: list[str], seg: tuple[int, int, int], header: tuple[str, ...],
            credits_of: Callable[[str], float | None], line_no: int) -> Record:
    start, at, end = seg
    code = tokens[at]
    i = at + 1
    name_parts = [tokens[j] for j in range(start, at) if kinds[j] == "text"]
    while i < end and (kinds[i] == "text" or (kinds[i] == "number" and i + 1 < end and kinds[i + 1] == "text")):
        name_parts.append(tokens[i])
        i += 1
    slots: list[str] = []
    date: str | None = None
    words: list[str] = []
    for j in range(i, end):
        kind = kinds[j]
        if kind == "date" and date is None:
            date = tokens[j]
        elif kind in ("number", "word"):
            slots.append(tokens[j])
            if kind == "word":
                words.append(tokens[j])
    outcome, score, mark = _judge(code, slots, words, header, credits_of)
    return Record(code, " ".join(name_parts)[:60], outcome, score, mark, date, line_no)


def _judge(code: str, slots: list[str], words: list[str], header: tuple[str, ...],
           credits_of: Callable[[str], float | None]) -> tuple[Outcome, float | None, str | None]:
    if any(WORDS[w] == "void" for w in words):
        return "void", None, next(w for w in words if WORDS[w] == "void")
    if "免考" in words or "免试" in words:
        return "exempted", None, "免考" if "免考" in words else "免试"
    numeric = [h for h in header if h in ("score", "credits")]
    score_slot: str | None = None
    if slots and numeric and "score" in numeric:
        index = numeric.index("score")
        if index < len(slots):
            score_slot = slots[index]
        elif words:
            score_slot = words[0]
    elif slots:
        first_word = next((s for s in slots if s in WORDS), None)
        numbers = [s for s in slots if s not in WORDS]
        if first_word is not None:
            score_slot = first_word
        elif len(numbers) == 1:
            score_slot = numbers[0]
        else:
            credit = credits_of(code)
            rest = list(numbers)
            for k in range(len(rest) - 1, -1, -1):
                if credit is not None and _value(rest[k]) == credit:
                    del rest[k]
                    break
            score_slot = rest[0]
    if score_slot is None:
        return "listed", None, None
    if score_slot in WORDS:
        return WORDS[score_slot], None, score_slot
    value = _value(score_slot)
    if value is None or value > 100:
        return "listed", None, None
    return ("passed" if value >= PASS_MARK else "failed"), value, None


def _value(token: str) -> float | None:
    match = _NUMBER.fullmatch(token)
    return float(match.group(1)) if match else None


def _better(new: Record, old: Record) -> bool:
    if RANK[new.outcome] != RANK[old.outcome]:
        return RANK[new.outcome] > RANK[old.outcome]
    return (new.score or -1.0) > (old.score or -1.0)


def parse(text: str, credits_of: Callable[[str], float | None] = lambda code: None) -> Parsed:
    """Read every line; ``credits_of`` (the plan's credits) tells a score from a credits column when no header says."""
    records: dict[str, Record] = {}
    rows = duplicates = skipped = 0
    header: tuple[str, ...] = ()
    columns: tuple[str | None, ...] = ()  # the header's label per cell, when it was tab- or comma-separated
    for line_no, line in enumerate(normalise(text).splitlines(), 1):
        tokens = _tokens(line)
        if not tokens:
            continue
        kinds = [_kind(t) for t in tokens]
        fields = _fields(line)
        if "code" not in kinds:
            found = _header(tokens)
            if found:
                header = found
                columns = tuple(HEADER.get(f) for f in fields) if fields else ()
            else:
                skipped += 1
            continue
        known = _positional(fields, columns, line_no) if fields and len(fields) == len(columns) else None
        found_records = [known] if known is not None and kinds.count("code") == 1 else [
            _record(tokens, kinds, seg, header, credits_of, line_no) for seg in _segments(tokens, kinds)]
        for record in found_records:
            rows += 1
            old = records.get(record.code)
            if old is None:
                records[record.code] = record
            else:
                duplicates += 1
                if _better(record, old):
                    records[record.code] = record
    return Parsed(records, rows, duplicates, skipped, header)
