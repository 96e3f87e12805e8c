"""A synthetic Taobao order-list export of any size, written row by row (for the benchmark)."""

from __future__ import annotations

import random
from pathlib import Path

HEADER = (
    "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,"
    "买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址,运送方式,联系电话,"
    "联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,物流单号,物流公司,订单备注,宝贝总数量,"
    "店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,发票抬头,是否手机订单,分阶段订单信息,"
    "定金排名,修改后的sku,修改后的收货地址,异常信息"
)
_CITIES = (
    "浙江省 杭州市 西湖区",
    "湖北省 武汉市 洪山区",
    "北京 北京市 朝阳区",
    "广东省 深圳市 南山区",
)
_COURIERS = (("YT", "圆通速递"), ("JT", "极兔速递"), ("SF", "顺丰速运"))


def write_orders(path: Path, rows: int, seed: int = 7, encoding: str = "gb18030") -> None:
    """``rows`` distinct orders in the 37-column Taobao shape, GB18030 and CRLF like the real one."""
    rnd = random.Random(seed)
    with path.open("w", encoding=encoding, newline="") as f:
        f.write(HEADER + "\r\n")
        for i in range(rows):
            # 19 digits like Taobao's; the tail is never 0000 (that shape reads as Excel damage)
            order_no = f"31{i:013d}{rnd.randrange(1000, 10000)}"
            phone = f"1{rnd.randrange(3, 10)}{rnd.randrange(10**8, 10**9)}"
            prefix, courier = _COURIERS[i % 3]
            tracking = f"{prefix}{rnd.randrange(10**12, 10**13)}"
            city = _CITIES[i % 4]
            note = "红旗 小慧" if i % 5 == 0 else ""
            f.write(
                f"{order_no},buyer_{i},{phone[:3]}****{phone[-4:]},129.00,0.00,0,129.00,0,"
                f"129.00,0,交易成功,,收货人{i % 100},{city} 文三路{i % 999}号,快递,,{phone},"
                f"2026-10-04 10:53:00,2026-10-04 10:55:30,女鞋5815,1,{tracking},{courier},{note},"
                "1,,示例旗舰店,,0,0,,手机订单,,,,,\r\n"
            )
