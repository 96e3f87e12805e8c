"""The reshipment slip checks: phone, address, remote areas, the customer message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from returnsdesk.domain import reship_rules as r


@pytest.mark.parametrize(
    "phone",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678", "8613812345678",
     "0571-88886666", "010 12345678", "(0571)8888666", "0571-88886666-123", "0571-88886666转8"],
)  # fmt: skip
def test_good_phones(phone: str) -> None:
    assert r.phone_problem(phone) is None


@pytest.mark.parametrize(
    ("phone", "problem"),
    [
        ("", "缺少电话"),
        ("138****5678", "电话格式不对: 138****5678"),
        ("12812345678", "电话格式不对: 12812345678"),
        ("1381234567", "电话格式不对: 1381234567"),
        ("88886666", "电话格式不对: 88886666"),
        ("0571-8888666666", "电话格式不对: 0571-8888666666"),
    ],
)
def test_bad_phones(phone: str, problem: str) -> None:
    assert r.phone_problem(phone) == problem


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("浙江省 杭州市 西湖区 世纪大道574号", ("浙江省", "杭州市", "西湖区", "世纪大道574号")),
        ("北京 北京市 朝阳区 解放大道214号", ("北京", "北京市", "朝阳区", "解放大道214号")),
        ("上海市浦东新区文三路19号", ("上海市", "上海市", "浦东新区", "文三路19号")),
        ("广西壮族自治区南宁市青秀区民族大道1号",
         ("广西壮族自治区", "南宁市", "青秀区", "民族大道1号")),
        ("湖北省 恩施土家族苗族自治州 恩施市 舞阳大道1号",
         ("湖北省", "恩施土家族苗族自治州", "恩施市", "舞阳大道1号")),
    ],
)  # fmt: skip
def test_split_address(address: str, parts: tuple[str, str, str, str]) -> None:
    a = r.split_address(address)
    assert (a.province, a.city, a.district, a.detail) == parts
    assert r.address_problem(address) is None


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("", "缺少地址"),
        ("浙江省杭州市", "地址不完整: 缺区/县、详细地址"),
        ("浙江省 杭州市 西湖区", "地址不完整: 缺详细地址"),
        ("杭州市西湖区文三路1号", "地址不完整: 缺省"),
    ],
)
def test_incomplete_address(address: str, problem: str) -> None:
    assert r.address_problem(address) == problem


@pytest.mark.parametrize(
    ("address", "area"),
    [
        ("新疆维吾尔自治区 乌鲁木齐市 天山区 文三路274号", "新疆"),
        ("西藏自治区拉萨市城关区北京中路1号", "西藏"),
        ("香港九龙弥敦道1号", "香港"),
        ("中国香港九龙弥敦道1号", "香港"),
        ("中国 新疆维吾尔自治区 乌鲁木齐市 天山区 文三路274号", "新疆"),
        ("澳门特别行政区氹仔岛1号", "澳门"),
        ("台湾省台北市大安区1号", "台湾"),
        ("日本东京都新宿区1-1", "海外"),
        ("1 Main Street, Springfield, USA", "海外"),
        ("山东省 青岛市 市南区 香港中路117号", None),
        ("浙江省 杭州市 西湖区 世纪大道574号", None),
    ],
)
def test_remote_area(shop, address: str, area: str | None) -> None:  # type: ignore[no-untyped-def]
    assert r.remote_area(address, shop) == area


def facts(**kw: object) -> r.SlipFacts:
    base: dict[str, object] = dict(
        receiver="肖磊",
        phone="13166131860",
        address="浙江省 杭州市 西湖区 世纪大道574号",
        courier="中通",
        postage_diff=Decimal("0"),
        items=["5815灰色W6"],
    )
    base.update(kw)
    return r.SlipFacts(**base)  # type: ignore[arg-type]


def test_a_complete_slip_has_no_problems(shop) -> None:  # type: ignore[no-untyped-def]
    assert r.problems(facts(), shop) == []


def test_each_problem_is_named(shop) -> None:  # type: ignore[no-untyped-def]
    got = r.problems(
        facts(receiver="", phone="138****5678", address="浙江省杭州市", courier="", items=[]),
        shop,
    )
    assert got == [
        "缺少收货人",
        "电话格式不对: 138****5678",
        "地址不完整: 缺区/县、详细地址",
        "没有商品",
        "未选快递",
    ]
    assert r.problems(facts(unknown_items=["9999红色W1"]), shop) == ["商品编码不存在: 9999红色W1"]


def test_remote_area_needs_postage_difference(shop) -> None:  # type: ignore[no-untyped-def]
    xinjiang = "新疆维吾尔自治区 乌鲁木齐市 天山区 文三路274号"
    assert r.problems(facts(address=xinjiang), shop) == ["超区(新疆): 需先补邮费差价"]
    assert r.problems(facts(address=xinjiang, postage_diff=Decimal("15")), shop) == []
    # an address abroad is not "incomplete", it is remote
    assert r.problems(facts(address="日本东京都新宿区1-1"), shop) == ["超区(海外): 需先补邮费差价"]


def test_customer_message(shop) -> None:  # type: ignore[no-untyped-def]
    assert (
        r.customer_message("换", "圆通", "YT1234567890123", shop)
        == "亲,您的换货已发出,圆通 YT1234567890123,请注意查收"
    )
    assert (
        r.customer_message("补", "中通", "73123456789012", shop)
        == "亲,您的补发已发出,中通 73123456789012,请注意查收"
    )


def test_problems_in_english() -> None:
    assert (
        r.problem_text("电话格式不对: 138****5678", "en") == "phone number not valid: 138****5678"
    )
    assert r.problem_text("超区(新疆): 需先补邮费差价", "en") == (
        "remote area (新疆): record the postage difference first"
    )
    assert r.problem_text("缺少电话", "zh_CN") == "缺少电话"
    assert r.problem_text("something else", "en") == "something else"
