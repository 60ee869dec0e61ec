"""Read a pasted plan table line by line: course rows, name fragments, rule remarks, sequence numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from checkers.courses.codes import CODE
from checkers.courses.plan_tokens import (CATEGORY, CREDIT, HEADER_HINT, HEADER_WORDS, HEADINGS, MAX_LINES, MAX_ROWS, NO_CREDIT,
                                          NUMBER, PAGE, RULE_START, RULE_WORDS, TOTAL, header, is_prose, normalise, separated,
                                          split_token)
from checkers.courses.plan_tokens import cells as split_cells
from checkers.courses.plan_tokens import kind as kind_of


@dataclass
class Row:
    """One course as a line (or several) shows it; fields start empty and are filled as lines are read."""

    code: str
    line: int
    seq: str | None = None
    name_parts: list[str] = field(default_factory=list)
    name_on_line: bool = False
    credits: float | None = None
    no_credit: bool = False  # 不计学分
    method: str | None = None
    category: str | None = None
    remark: list[str] = field(default_factory=list)
    old: list[tuple[str, str]] = field(default_factory=list)  # (code, name) from a substitution column
    guessed: set[str] = field(default_factory=set)
    credit_text: str | None = None  # what stood where the credits should be, when unreadable
    last_line: int = 0  # the last line that gave this row a cell

    @property
    def open(self) -> bool:
        return self.credits is None and not self.no_credit and self.method is None


@dataclass
class Item:
    """A line (or part of one) without a course code: name fragment, remark, sequence number or credit word."""

    kind: str  # frag | remark | seq | nocredit
    text: str
    line: int


@dataclass
class Lines:
    """Everything read from the table, in order."""

    rows: list[Row]
    items: list[tuple[int, Item]]  # (number of rows read before it, item)
    totals: list[str]
    prose_codes: list[tuple[int, str]]  # lines with codes that read as sentences, not rows
    columns: tuple[str | None, ...] = ()


def _positional(cells: list[str], columns: tuple[str | None, ...], line_no: int) -> Row | None:
    by = {label: cell for label, cell in zip(columns, cells) if label and cell}
    code = CODE.search(by.get("code", ""))
    if not code:
        return None
    row = Row(code.group(1), line_no, seq=by.get("seq") if NUMBER.fullmatch(by.get("seq", "")) else None)
    name = by.get("name", "")
    if name:
        row.name_parts.append(name)
        row.name_on_line = True
    credit = by.get("credits", "").replace(" ", "")
    if NUMBER.fullmatch(credit) or CREDIT.fullmatch(credit):
        row.credits = float(NUMBER.search(credit).group(0))  # type: ignore[union-attr]
    elif NO_CREDIT.match(credit) or "不计" in credit:
        row.no_credit = True
    elif credit:
        row.credit_text = credit
    row.method = by.get("method") or None
    cat = CATEGORY.search(by.get("category", ""))
    row.category = cat.group(0) if cat else None
    if by.get("remark"):
        row.remark.append(by["remark"])
    old = by.get("old", "")
    for m in CODE.finditer(old):
        row.old.append((m.group(1), CODE.sub("", old).strip() or by.get("old_name", "")))
    return row


def _fill(row: Row, tokens: list[str], kinds: list[str]) -> list[tuple[str, str]]:
    """Tokens after a code, in order: name, credits, method, category, remark. Returns leftover (kind, token)."""
    rest: list[tuple[str, str]] = []
    previous = ""
    for token, kind in zip(tokens, kinds):
        if kind == "text" and row.credits is None and not row.no_credit and row.method is None:
            if previous == "name":
                row.name_parts[-1] += " " + token
            else:
                row.name_parts.append(token)
            previous = "name"
            continue
        previous = kind
        if kind in ("number", "credit") and row.credits is None and not row.no_credit:
            value = float(NUMBER.search(token).group(0))  # type: ignore[union-attr]
            if value <= 30:
                row.credits = value
            else:
                row.credit_text = token
        elif kind == "nocredit" and row.credits is None:
            row.no_credit = row.no_credit or "不计" in token or token in ("—", "-", "/", "无")
            if not row.no_credit:
                rest.append((kind, token))
        elif kind == "method" and row.method is None:
            row.method = token
        elif kind == "category" and row.category is None:
            row.category = token
        elif kind == "text" and row.name_parts and row.credits is None and row.method is not None:
            row.remark.append(token)
        else:
            rest.append((kind, token))
    return rest


def read(text: str) -> Lines:
    """Every line of the pasted text, classified; rows keep the line they start on (1-based)."""
    rows: list[Row] = []
    items: list[tuple[int, Item]] = []
    totals: list[str] = []
    prose: list[tuple[int, str]] = []
    columns: tuple[str | None, ...] = ()
    layout: dict[str, int] = {}
    for line_no, raw in enumerate(normalise(text).splitlines(), 1):
        line = raw.strip()
        if not line or PAGE.match(line.replace(" ", "")):
            continue
        if len(rows) > MAX_ROWS or line_no > MAX_LINES:  # no plan is this long: stop reading, the caller says so
            break
        found = header(line) if HEADER_HINT.search(line) else None
        if found is not None and not CODE.search(line):
            columns = found
            continue
        if line.replace(" ", "") in HEADER_WORDS or line in ("考试方式", "课程类别", "必考/选考"):
            continue
        flat = line.replace(" ", "")
        if TOTAL.match(flat) or HEADINGS.match(flat):
            if TOTAL.match(flat):
                totals.append(flat)
            items.append((len(rows), Item("stop", flat, line_no)))
            continue
        if CODE.search(line) and is_prose(line):
            prose.append((line_no, line))
            continue
        cells = split_cells(raw)
        if columns and separated(raw) and "code" in columns:
            row = _positional(cells, columns, line_no)
            if row is not None:
                rows.append(row)
                continue
        tokens = [t for c in cells for t in split_token(c)]
        before = len(rows)
        _line(tokens, line_no, rows, items, raw, layout)
        if len(rows) > before:
            _measure(rows[-1], raw, layout)
    return Lines(rows, items, totals, prose, columns)


def _measure(row: Row, raw: str, layout: dict[str, int]) -> None:
    """Where names and remarks start on an aligned (PDF-extracted) line, to tell name fragments from remarks."""
    if not row.name_parts or row.method is None:
        return
    name_at = raw.find(row.name_parts[0])
    method_at = raw.find(row.method, name_at + 1)
    if 0 < name_at < method_at:
        layout["split"] = (name_at + method_at) // 2


def _line(tokens: list[str], line_no: int, rows: list[Row], items: list[tuple[int, Item]], raw: str = "",
          layout: dict[str, int] | None = None) -> None:
    kinds = [kind_of(t) for t in tokens]
    if "code" not in kinds:
        _no_code(tokens, kinds, line_no, rows, items, raw, layout or {})
        return
    first = kinds.index("code")
    before = list(zip(kinds[:first], tokens[:first]))
    current: Row | None = None
    i = first
    while i < len(tokens) and len(rows) <= MAX_ROWS:
        if kinds[i] == "code":
            nxt = next(([k] for k in kinds[i + 1:i + 8] if k != "text"), [])
            if current is not None and not current.open and nxt != ["number"] and nxt != ["credit"]:
                j = i + 1
                name = []
                while j < len(tokens) and kinds[j] == "text":
                    name.append(tokens[j])
                    j += 1
                current.old.append((tokens[i], " ".join(name)))
                i = j
                continue
            current = Row(tokens[i], line_no, last_line=line_no)
            if before:
                for kind, tok in before:
                    if kind == "number" and current.seq is None:
                        current.seq = tok
                    elif kind == "category":
                        current.category = tok
                    elif kind in ("text", "remark"):
                        items.append((len(rows), Item("frag" if kind == "text" else "remark", tok, line_no)))
                before = []
            rows.append(current)
            j = i + 1
            while j < len(tokens) and kinds[j] != "code":
                j += 1
            rest = _fill(current, tokens[i + 1:j], kinds[i + 1:j])
            current.name_on_line = bool(current.name_parts)
            for kind, tok in rest:
                if kind in ("text", "remark") or (kind == "number" and current.credits is not None
                                                  and (current.remark or current.method is not None)):
                    current.remark.append(tok)
                elif kind == "number" and current.seq is None and not current.name_parts:
                    current.seq = tok
                elif kind == "category" and current.category is None:
                    current.category = tok
            i = j
        else:
            i += 1


def _no_code(tokens: list[str], kinds: list[str], line_no: int, rows: list[Row], items: list[tuple[int, Item]],
             raw: str, layout: dict[str, int]) -> None:
    last = rows[-1] if rows else None
    joined = "".join(t.replace(" ", "") for t in tokens)
    lead = 1 if kinds and kinds[0] == "number" and not RULE_START.match(joined) else 0
    rest = "".join(t.replace(" ", "") for t in tokens[lead:])
    split = layout.get("split")
    at = raw.find(tokens[lead]) if lead < len(tokens) else -1
    if rest and not (last is not None and last.open) and (
            RULE_START.match(rest) or (split is not None and at >= split and kinds[lead] != "nocredit")
            or (kinds[lead:] and all(k in ("text", "remark") for k in kinds[lead:]) and RULE_WORDS.search(rest))):
        if lead:
            items.append((len(rows), Item("seq", tokens[0], line_no)))
        items.append((len(rows), Item("remark", rest, line_no)))
        return
    if last is not None and last.open:  # a row whose cells come one per line (copied from a PDF viewer)
        last.last_line = line_no
        rest = _fill(last, tokens, kinds)
        for kind, tok in rest:
            items.append((len(rows), Item("seq" if kind == "number" else "remark" if kind == "remark" else "frag", tok, line_no)))
        return
    if last is not None and last.name_parts and last.credits is None and not last.no_credit and kinds and kinds[0] in ("number", "credit"):
        _fill(last, tokens, kinds)
        return
    if last is not None and not last.name_on_line and line_no == last.last_line + 1 and rest and RULE_WORDS.search(rest):
        last.remark.append(rest)
        last.last_line = line_no
        return
    if last is not None and kinds and all(k in ("method", "category") for k in kinds) and last.line >= line_no - 3:
        for token, kind in zip(tokens, kinds):
            if kind == "method" and last.method is None:
                last.method = token
                last.last_line = line_no
            elif kind == "category" and last.category is None:
                last.category = token
        return
    merged: list[tuple[str, str]] = []
    for token, kind in zip(tokens, kinds):  # words of one name fragment stay together
        if kind == "text" and merged and merged[-1][1] == "text":
            merged[-1] = (merged[-1][0] + " " + token, "text")
        else:
            merged.append((token, kind))
    for token, kind in merged:
        if kind == "number":
            items.append((len(rows), Item("seq", token, line_no)))
        elif kind == "nocredit":
            items.append((len(rows), Item("nocredit", token, line_no)))
        elif kind == "remark":
            items.append((len(rows), Item("remark", token, line_no)))
        elif kind == "text":
            items.append((len(rows), Item("frag", token, line_no)))
        elif kind == "category":
            items.append((len(rows), Item("category", token, line_no)))
