"""The demo shop's vocabulary: its catalog, buyers, cities, CS agents and courier numbers,
shared by the orders of ``demo`` and the weeks of history of ``demo_history``."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

SHOE_MODELS = ("5815", "6021", "6022", "7301", "8806")
SHOE_COLORS = ("深紫", "灰色", "栗色", "黑色", "米白")
SHOE_SIZES = ("W5", "W6", "W7", "W8", "M7", "M8", "M9")
CARS = ("凯美瑞", "轩逸", "卡罗拉", "思域", "朗逸", "途观L", "CR-V", "雅阁")
CAR_PRODUCTS = (("遮阳挡", "Z10"), ("车衣", "C20"), ("雨刷", "Y30"))
WIPER_SIZES = ("24寸+16寸", "26寸+16寸", "22寸+18寸", "24寸+18寸")
CITIES = (
    ("浙江省", "杭州市", "西湖区"),
    ("上海", "上海市", "浦东新区"),
    ("北京", "北京市", "朝阳区"),
    ("广东省", "广州市", "天河区"),
    ("江苏省", "南京市", "鼓楼区"),
    ("湖北省", "武汉市", "洪山区"),
    ("四川省", "成都市", "武侯区"),
    ("山东省", "青岛市", "市南区"),
    ("福建省", "厦门市", "思明区"),
    ("河南省", "郑州市", "金水区"),
)
STREETS = ("文三路", "人民路", "中山路", "解放路", "建设路", "和平路", "长江路", "学院路")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高肖"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "杰", "娟", "涛", "明", "超")
NICK = ("xiaomei", "lucky", "momo", "jenny", "sunny", "coco", "leo", "amy", "kiki", "tom", "yoyo")
AGENTS = ("红旗-小张", "黄旗-小李", "绿旗-小王", "蓝旗-小赵", "紫旗-小陈")
REASONS = ("尺码偏小", "尺码偏大", "不喜欢", "质量问题", "发错货", "尺寸不符", "不合适", "后跟开裂")
# (courier name, number maker)
COURIER_SHAPES: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("圆通", lambda r: f"YT{r.randrange(10**12, 10**13)}"),
    ("中通", lambda r: f"7{r.choice('3568')}{r.randrange(10**11, 10**12)}"),
    ("申通", lambda r: f"77{r.randrange(10**12, 10**13)}"),
    ("韵达", lambda r: f"43{r.randrange(10**10, 10**11)}"),
    ("极兔", lambda r: f"JT{r.randrange(10**12, 10**13)}"),
    ("EMS", lambda r: f"1{r.randrange(10**11, 10**12)}"),
)


@dataclass(frozen=True)
class DemoSku:
    code: str
    model: str
    name: str
    category: str
    color: str
    size: str
    spec: str
    price: Decimal


def catalog() -> list[DemoSku]:
    out: list[DemoSku] = []
    n = 0
    for model in SHOE_MODELS:
        for color in SHOE_COLORS:
            for size in SHOE_SIZES:
                out.append(
                    DemoSku(
                        f"{model}-{color}-{size}",
                        model,
                        f"女鞋{model}",
                        "鞋",
                        color,
                        size,
                        "",
                        Decimal("129.00"),
                    )
                )
    for category, model in CAR_PRODUCTS:
        specs = (
            WIPER_SIZES
            if category == "雨刷"
            else [
                f"{year}款{car}({'新款' if year >= 2019 else '老款'})"
                if category == "遮阳挡"
                else car
                for car in CARS
                for year in (2017, 2019)
            ]
        )
        for spec in dict.fromkeys(specs):
            n += 1
            out.append(
                DemoSku(
                    f"{model}-{n:03d}", model, category, category, "", "", spec, Decimal("89.00")
                )
            )
    return out


def buyer_name(r: random.Random, i: int) -> str:
    kind = r.random()
    if kind < 0.4:
        return f"tb_{r.randrange(10**7, 10**8)}"
    if kind < 0.7:
        return f"{r.choice(NICK)}_{i:x}"
    return f"{r.choice(SURNAMES)}{r.choice(GIVEN)}{r.choice(('小店', '宝宝', '妈妈', ''))}{i}"


def sku_barcode(seed: int, code: str) -> str:
    """A stable EAN-like barcode per SKU: the same seed gives the same shop in every run."""
    digest = int(hashlib.sha1(f"{seed}:{code}".encode()).hexdigest(), 16)
    return f"69{digest % 10**11:011d}"
