import pytest

from returnsdesk.domain.couriers import (
    courier_name_of,
    is_s10,
    normalize,
    recognise,
    s10_check_digit,
)


@pytest.mark.parametrize(
    ("number", "courier"),
    [
        ("SF1234567890123", "顺丰"),
        ("YT1234567890123", "圆通"),
        ("JT1234567890123", "极兔"),
        ("JDVA12345678901", "京东"),
        ("DPK123456789012", "德邦"),
        ("75123456789012", "中通"),
        ("773123456789012", "申通"),
        ("4312345678901", "韵达"),
        ("1234567890123", "EMS"),
        ("EA123456785CN", "EMS"),
    ],
)
def test_recognise_first_candidate(number, courier):
    assert recognise(number)[0].name == courier


def test_ambiguous_all_digit_numbers_give_ranked_candidates():
    # 14 digits from 7: 中通 first, but other shapes are listed too where they fit
    cands = recognise("77312345678901")
    assert cands[0].name == "中通"
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True)


def test_unknown_shape_has_no_candidate():
    assert recognise("HELLO") == []
    assert recognise("6900000000003") == []  # an EAN-13 of a shoe box


def test_s10_check_digit():
    assert s10_check_digit("12345678") == 5
    assert is_s10("EA123456785CN")
    assert not is_s10("EA123456784CN")


@pytest.mark.parametrize(
    "raw",
    [
        " yt1234567890123 ",
        "YT 1234 5678 9012 3",
        "]C1YT1234567890123",
        "ＹＴ１２３４５６７８９０１２３",
        "YT1234567890123\r",
        "*YT1234567890123*",
        "yt-1234567890123",
    ],
)
def test_normalize_scanner_noise(raw):
    assert normalize(raw) == "YT1234567890123"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("圆通速递", "圆通"),
        ("圆通快递", "圆通"),
        ("YTO", "圆通"),
        ("yto", "圆通"),
        ("中通快递", "中通"),
        ("邮政EMS", "EMS"),
        ("顺丰速运", "顺丰"),
        ("某某物流", "某某物流"),
        ("", ""),
    ],
)
def test_courier_name_variants(text, name):
    assert courier_name_of(text) == name
