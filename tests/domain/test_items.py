import pytest

from returnsdesk.domain.items import parse_item
from returnsdesk.domain.strings import ItemSpec

CATS = ["default", "鞋", "遮阳挡", "车衣", "雨刷"]


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("5815深紫W7", ItemSpec("5815", "鞋", "深紫", "W7")),
        ("5815 深紫 W7", ItemSpec("5815", "鞋", "深紫", "W7")),
        ("5815深紫w7*2", ItemSpec("5815", "鞋", "深紫", "W7", qty=2)),
        ("遮阳挡2019款凯美瑞(新款)", ItemSpec("", "遮阳挡", spec="2019款凯美瑞(新款)")),
        ("雨刷24寸+16寸", ItemSpec("", "雨刷", spec="24寸+16寸")),
        ("5815", ItemSpec("5815", "", "", "")),
    ],
)
def test_parse_item(text, spec):
    assert parse_item(text, CATS) == spec


def test_exchange_target_takes_what_changes():
    base = ItemSpec("5815", "鞋", "深紫", "W7")
    assert parse_item("W6", CATS, base) == ItemSpec("5815", "鞋", "深紫", "W6")
    assert parse_item("灰色W6", CATS, base) == ItemSpec("5815", "鞋", "灰色", "W6")
    assert parse_item("5815灰色W6", CATS, base) == ItemSpec("5815", "鞋", "灰色", "W6")


@pytest.mark.parametrize("text", ["", "   ", "W7"])
def test_unreadable(text):
    assert parse_item(text, CATS) is None
