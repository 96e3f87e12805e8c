from returnsdesk.domain.scanner import BurstDetector


def feed(d: BurstDetector, text: str, start: float, gap: float) -> float:
    t = start
    for ch in text:
        d.key(ch, t)
        t += gap
    return t


def test_fast_burst_with_enter_is_a_scan():
    d = BurstDetector()
    t = feed(d, "YT1234567890123", 1000, 8)
    assert d.enter(t) == "YT1234567890123"


def test_typing_is_not_a_scan():
    d = BurstDetector()
    t = feed(d, "tb_xiaomei", 1000, 120)
    assert d.enter(t) is None


def test_burst_after_typing_keeps_only_the_burst():
    d = BurstDetector()
    t = feed(d, "tb_x", 1000, 150)
    t = feed(d, "YT1234567890123", t + 300, 5)
    assert d.enter(t) == "YT1234567890123"


def test_short_burst_and_slow_enter_are_not_scans():
    d = BurstDetector()
    t = feed(d, "1234", 0, 5)
    assert d.enter(t) is None
    t = feed(d, "YT1234567890123", 100, 5)
    assert d.enter(t + 500) is None


def test_new_burst_is_flagged_at_its_start():
    d = BurstDetector()
    assert d.key("a", 0)
    assert not d.key("b", 10)
    assert d.key("c", 500)
