"""Course codes: five digits, in data files and in pasted text; pasted text's full-width characters folded first."""

from __future__ import annotations

import re
from collections.abc import Mapping

PATTERN = r"[0-9]{5}"  # a whole field in data/plans and data/rules
CODE = re.compile(rf"(?<![0-9])({PATTERN})(?![0-9])")  # one code inside pasted text
# Full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ) and the wide spaces become ASCII.
_ALNUM = {i: i - 0xFEE0 for i in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


def width_table(extra: Mapping[int, int | None]) -> dict[int, int | None]:
    """A ``str.translate`` table folding full-width digits, letters and spaces to ASCII, plus ``extra``."""
    return {**_ALNUM, 0x3000: 0x20, 0x00A0: 0x20, **extra}
