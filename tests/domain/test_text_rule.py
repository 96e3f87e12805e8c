"""One text rule for every field people or files fill (domain.text)."""

from __future__ import annotations

import datetime as dt

import pytest

from returnsdesk.domain.strings import ItemSpec, register_line, return_string
from returnsdesk.domain.text import bad_character, check_text, one_line, visible
from returnsdesk.errors import InvalidInput

# what an attacker or a damaged file puts in a field
BAD = {
    "nul": "\x00",
    "newline": "\n",
    "tab": "\t",
    "esc": "\x1b",
    "del": "\x7f",
    "c1-nel": "\x85",
    "zero-width-space": "\u200b",
    "rtl-mark": "\u200f",
    "rtl-override": "\u202e",
    "line-separator": "\u2028",
    "bidi-isolate": "\u2066",
    "word-joiner": "\u2060",
    "bom": "\ufeff",
    "lone-surrogate": "\udcff",
}
GOOD = ["tb_xiaomei", "车友小王", "5815深紫W7", "小 王", "Ünïcødé é", "１２３", "张三・李四", "👟"]


@pytest.mark.parametrize("char", list(BAD.values()), ids=list(BAD))
def test_every_control_and_invisible_character_is_refused_with_the_field(char: str) -> None:
    value = f"tb_{char}x"
    assert bad_character(value) == f"U+{ord(char):04X}"
    with pytest.raises(InvalidInput) as caught:
        check_text(value, "buyer")
    message = caught.value.text()
    assert caught.value.field == "buyer"
    assert "buyer" in message
    assert bad_character(message) is None  # the answer itself is one clean line
    assert message.encode("utf-8")  # and can be written out (no lone surrogate)
    assert "\\u" in visible(value)
    assert bad_character(visible(value)) is None


@pytest.mark.parametrize("value", GOOD)
def test_ordinary_text_passes(value: str) -> None:
    assert bad_character(value) is None
    assert check_text(value, "buyer") == value


def test_standard_strings_never_hold_a_line_break(shop) -> None:  # type: ignore[no-untyped-def]
    """Values stored before the rule (or by another program) cannot forge a second line."""
    shoe = ItemSpec("5815", "鞋", "深\u202e紫", "W7")
    line = register_line(dt.date(2026, 11, 22), "tb_x\nID:tb_other", [shoe], ["尺码偏小"],
                         ["完好"], shop)  # fmt: skip
    ret = return_string("tb_x\r\nID:tb_other", [shoe], ["尺码偏小"], ["完好"], shop)
    for text in (line, ret):
        assert bad_character(text) is None, text
        assert len(text.splitlines()) == 1, text
    assert one_line("a\x00b") == "a b"
