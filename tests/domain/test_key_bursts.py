from returnsdesk.domain.key_bursts import BurstDetector


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


def test_short_burst_is_a_scan_but_one_key_and_a_slow_enter_are_not():
    d = BurstDetector()
    t = feed(d, "RD+R6", 0, 5)  # a command code is short: still a scan
    assert d.enter(t) == "RD+R6"
    t = feed(d, "1", 100, 5)  # one key and Enter: a person picking a reason
    assert d.enter(t) is None
    t = feed(d, "YT1234567890123", 100, 5)
    assert d.enter(t + 500) is None


def test_new_burst_is_flagged_at_its_start():
    d = BurstDetector()
    assert d.key("a", 0)
    assert not d.key("b", 10)
    assert d.key("c", 500)
