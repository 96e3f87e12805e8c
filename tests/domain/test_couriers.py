import pytest

from returnsdesk.domain.couriers import (
    courier_name_of,
    is_s10,
    normalize,
    rank_by_history,
    recognise,
    s10_check_digit,
)

from helpers.courier_shapes import REAL_SHAPES


@pytest.mark.parametrize(("number", "courier"), REAL_SHAPES)
def test_recognise_first_candidate(number, courier):
    assert recognise(number)[0].name == courier


def test_ambiguous_all_digit_numbers_give_ranked_candidates():
    # 14 digits from 77: 申通 first, 中通 still listed
    cands = recognise("77312345678901")
    assert [c.name for c in cands[:2]] == ["申通", "中通"]
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True)


def test_history_of_the_shop_ranks_the_candidates():
    # this shop's 14-digit 77… numbers all came from 中通: its history wins over the shape
    ranked = rank_by_history("77312345678901", {"中通": 40})
    assert ranked[0].name == "中通"
    assert ranked[0].code == "ZTO"
    # a courier the patterns do not know for that shape is added from the history
    assert rank_by_history("99912345", {"安能": 3})[0].name == "安能"
    # without history the shape decides
    assert rank_by_history("77312345678901", {})[0].name == "申通"


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
        "No:YT1234567890123",
        "NO：YT1234567890123",
        '="YT1234567890123"',
        "'YT1234567890123",
        "\tYT1234567890123",
        "YT1234567890123-1-1-",  # a package barcode: package 1 of 1
        "YT1234567890123-2-3",
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


@pytest.mark.parametrize("raw", ["null", "NULL", "-", "无", "暂无", " None ", ""])
def test_empty_words_are_empty(raw):
    assert normalize(raw) == ""


def test_jd_package_barcode_gives_the_waybill():
    assert normalize("JDVA11408814483-1-1-") == "JDVA11408814483"
    assert normalize("JDVA11408814483-1-2-") == "JDVA11408814483"
    # not a package suffix: the parts are kept
    assert normalize("JDVA11408814483-3-2-") == "JDVA1140881448332"
