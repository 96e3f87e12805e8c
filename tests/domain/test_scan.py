import pytest

from returnsdesk.domain.scan import ScanKind, classify, ean_valid


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("YT1234567890123", ScanKind.TRACKING),
        ("]C1yt1234567890123\r", ScanKind.TRACKING),
        ("RD+COMMIT", ScanKind.COMMAND),
        ("rd+r1", ScanKind.COMMAND),
        ("P00001234", ScanKind.PARCEL_LABEL),
        ("RS00000012", ScanKind.RESHIP_SLIP),
        ("6900000000003", ScanKind.SKU),
        ("tb_xiaomei", ScanKind.TEXT),
        ("车友小王", ScanKind.TEXT),
        ("13812345678", ScanKind.TEXT),
        ("", ScanKind.GARBAGE),
        ("\x1b[A\x00", ScanKind.GARBAGE),
        ("!!??##", ScanKind.GARBAGE),
    ],
)
def test_classify(raw, kind):
    assert classify(raw).kind == kind


def test_ean_check_digit():
    assert ean_valid("6901234567892")
    assert not ean_valid("6901234567893")
    assert ean_valid("96385074")


def test_tracking_scan_carries_courier():
    scan = classify("SF1234567890123")
    assert scan.value == "SF1234567890123"
    assert scan.candidates[0].name == "顺丰"
