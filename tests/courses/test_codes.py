"""checkers.courses.codes: one course-code pattern for data and pasted text; one full-width folding base."""

from __future__ import annotations

import re

from checkers.courses import paste, plan_tokens
from checkers.courses.codes import CODE, PATTERN, width_table


def test_a_code_is_five_digits_and_not_part_of_a_longer_number() -> None:
    assert re.fullmatch(PATTERN, "00037") and not re.fullmatch(PATTERN, "0037")
    assert CODE.findall("03708中国近现代史纲要 202404 123456 必设115040") == ["03708"]
    assert CODE.findall("必设1 15040") == ["15040"]


def test_both_pastes_fold_full_width_digits_letters_and_spaces_alike() -> None:
    wide = "０３７０８\u3000ＡＢｃ\u00a0"
    assert paste.normalise(wide) == plan_tokens.normalise(wide) == "03708 ABc "
    assert width_table({0xFF0C: 0x2C})[0xFF0C] == 0x2C
    # where they differ on purpose: a plan keeps full-width brackets (names hold them), a score table makes ASCII
    assert plan_tokens.normalise("(实践)") == "（实践）" and paste.normalise("（实践）") == "(实践)"
