"""The words of a pasted plan: what a cell is (code, credits, method, remark …), how a line splits into cells."""

from __future__ import annotations

import re

from checkers.courses.codes import CODE, width_table

NUMBER = re.compile(r"[0-9]{1,3}(?:\.[0-9])?")
CREDIT = re.compile(r"([0-9]{1,2}(?:\.[0-9])?)学分")
METHODS = ("笔试", "实践考核", "实践", "考核", "论文答辩", "答辩", "机考", "上机", "口试", "面试", "实验", "考查", "网考",
           "论文", "实践考试", "笔试+实践", "笔试、实践")
CATEGORY = re.compile(r"(必考|选考|必设|选设|必修|选修|加考|公共基础课|公共课|专业基础课|专业核心课|专业课|推荐选考课|选考课|必考课)"
                      r"([0-9一二三]?)")
NO_CREDIT = re.compile(r"^(不计学分|不计|学分|—|-|/|无)$")
RULE_WORDS = re.compile(r"不少于|不低于|至少|任选|全选|全考|选考|选修|[0-9]+门|门课程|学分[；;，,。]|考外语|考英语|不考|二选一|选一|选择|以上|可选"
                        r"|考[^\s，,。；;]{1,4}者|。|；")
RULE_START = re.compile(r"^[0-9]+(?:门|学分)")
PAGE = re.compile(r"^(?:[-—–~·]+[0-9]{1,3}[-—–~·]+|第[0-9]+页(?:[,，]?共[0-9]+页)?|[0-9]+/[0-9]+|page[0-9]+)$", re.I)
# Full-width digits and letters, and the ideographic space, become ASCII; Chinese punctuation stays.
_WIDTH = width_table({0xFF0D: 0x2D, 0xFF0F: 0x2F, 0xFF08: 0xFF08, ord("("): 0xFF08, ord(")"): 0xFF09, 0xFF1A: ord(":"),
                      0xFEFF: None, 0x200B: None})
MAX_ROWS = 300
MAX_LINES = 4000
HEADER_HINT = re.compile(r"序|课程|代码|学分|名称|方式|备注|类别|类型|性质|考试|替代|顶替|说明")
HEADINGS = re.compile(r"^[一二三四五六七八九十]+[、.．]")
TOTAL = re.compile(r"学分合计|合计|总计|总学分")
HEADER_WORDS = {"序号": "seq", "序": "seq", "号": "seq", "课程代码": "code", "课程": None, "代码": "code", "课程号": "code",
                "课程名称": "name", "名称": "name", "学分": "credits", "考试方式": "method", "考试": None, "方式": "method",
                "备注": "remark", "类别": "category", "课程类别": "category", "类型": "category", "课程性质": "category",
                "必考/选考": "category", "考核方式": "method", "替代课程": "old", "顶替课程": "old", "原课程": "old",
                "可替代课程": "old", "对应原课程": "old", "原计划课程": "old", "原课程代码": "old", "原课程名称": "old_name",
                "旧课程": "old", "说明": "remark"}


def normalise(text: str) -> str:
    return text.translate(_WIDTH)


def separated(line: str) -> str | None:
    """The cell separator of a portal copy or CSV line: a tab, or commas around a course code."""
    if "\t" in line:
        return "\t"
    for sep in (",", "，", ";", "；", "|"):
        if line.count(sep) >= 2 and CODE.search(line) and (sep in ",|" or "。" not in line):
            return sep
    return None


def cells(line: str) -> list[str]:
    sep = separated(line)
    if sep is not None:
        return [c.strip().strip("\"'“”") for c in line.split(sep)]
    return line.split()


def split_token(cell: str) -> list[str]:
    """Split glued cells: 必设115040 -> 必设1 15040; 03708中国近现代史纲要 -> 03708 中国近现代史纲要; 7学分 -> 7."""
    out: list[str] = []
    for part in CODE.split(cell):
        if not part:
            continue
        if CODE.fullmatch(part):
            out.append(part)
            continue
        part = part.strip()
        if part:
            out.append(part)
    if len(out) >= 2 and CODE.fullmatch(out[1]) and CATEGORY.fullmatch(out[0]):
        return out
    return out


def is_prose(line: str) -> bool:
    return len(re.findall(r"[，。；：]", line)) >= 2 and len(line) > 30 and not CREDIT.search(line.replace(" ", ""))


def kind(token: str) -> str:
    t = token.replace(" ", "")
    if CODE.fullmatch(t):
        return "code"
    if NUMBER.fullmatch(t):
        return "number"
    if CREDIT.fullmatch(t):
        return "credit"
    if NO_CREDIT.match(t) or t in ("不计学分", "0学分"):
        return "nocredit"
    if t in METHODS:
        return "method"
    if CATEGORY.fullmatch(t):
        return "category"
    if RULE_WORDS.search(t):
        return "remark"
    return "text"


def header(line: str) -> tuple[str | None, ...] | None:
    """Column labels when the line is a table header (two or more known words and little else)."""
    sep = "\t" if "\t" in line else next((s for s in (",", "，", "|") if line.count(s) >= 2), None)
    cells = [c.strip() for c in (line.split(sep) if sep else line.split()) if c.strip()]
    labels = [HEADER_WORDS.get(c.replace(" ", "")) for c in cells]
    known = [c for c in cells if c.replace(" ", "") in HEADER_WORDS]
    return tuple(labels) if len(known) >= 2 and len(known) * 3 >= len(cells) * 2 else None
