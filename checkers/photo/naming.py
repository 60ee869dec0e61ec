"""The fixed photo's file name: the candidate's number (12-digit 考籍号 or 18-digit ID number) and the spec's rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checkers.photo.spec import PhotoSpec

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"  # the check character for (weighted sum mod 11)
NAME = re.compile(r"[\u4e00-\u9fff·]{2,20}")


class NamingError(ValueError):
    """The number or name the candidate typed cannot be used; ``message`` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Number:
    """A checked number: ``kind`` is "exam" (12-digit 考籍号/准考证号) or "id" (18-digit 居民身份证号码)."""

    kind: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value}


def id_check_char(first17: str) -> str:
    """The 18th character of a 居民身份证号码 (GB 11643, ISO 7064 MOD 11-2) for its first 17 digits."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def parse_number(text: str) -> Number:
    """A 12-digit 考籍号 (准考证号) or an 18-digit ID number whose check character is right; else NamingError."""
    value = re.sub(r"\s+", "", text)
    if re.fullmatch(r"[0-9]{12}", value):
        return Number("exam", value)
    if re.fullmatch(r"[0-9]{17}[0-9Xx]", value):
        value = value.upper()
        want = id_check_char(value[:17])
        if value[17] != want:
            raise NamingError(f"身份证号码“{value}”的最后一位校验码应为 {want}，请核对是否输错")
        return Number("id", value)
    digits = len(re.sub(r"[^0-9]", "", value))
    raise NamingError(f"号码“{value}”有 {len(value)} 个字符（其中数字 {digits} 个）：应为 12 位数字的考籍号（准考证号），"
                     "或 18 位的身份证号码（最后一位可以是 X）")


def parse_name(text: str) -> str:
    value = re.sub(r"\s+", "", text)
    if not NAME.fullmatch(value):
        raise NamingError(f"姓名“{value}”应为 2–20 个汉字（少数民族姓名中的间隔号“·”也可以）")
    return value


def extension(spec: PhotoSpec) -> str:
    return spec.extensions[0] if spec.extensions else "jpg"


def stem_of(filename: str | None) -> str:
    base = re.split(r"[\\/]", filename or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    return stem.strip() or "照片"


def output_name(spec: PhotoSpec, filename: str | None, number: str | None = None, name: str | None = None) -> str:
    """The file name for the fixed photo; raises NamingError when the spec's rule needs what was not given.

    With a naming rule: the number, then the number followed by the name, whichever the rule accepts.
    Without one: the number if given, else the original name with ``_证件照`` added (never the input's own name).
    """
    ext = extension(spec)
    checked = parse_number(number).value if number else None
    person = parse_name(name) if name else None
    rule = spec.filename
    if rule is None:
        return f"{checked}.{ext}" if checked else f"{stem_of(filename)}_证件照.{ext}"
    candidates = [f"{checked}.{ext}"] if checked else []
    if checked and person:
        candidates.append(f"{checked}{person}.{ext}")
    for candidate in candidates:
        if re.fullmatch(rule.pattern, candidate):
            return candidate
    needs = "号码" + ("和姓名" if not person else "")
    raise NamingError(f"该规格要求{rule.help.rstrip('。')}。请提供{needs}，本工具按这个规则给照片命名")


def needs(spec: PhotoSpec) -> dict[str, Any]:
    """What the widget must ask for: {"number": bool, "name": bool, "help": str | None}."""
    rule = spec.filename
    if rule is None:
        return {"number": False, "name": False, "help": None}
    sample = "123456789012"
    name_needed = not re.fullmatch(rule.pattern, f"{sample}.{extension(spec)}")
    return {"number": True, "name": name_needed, "help": rule.help}
