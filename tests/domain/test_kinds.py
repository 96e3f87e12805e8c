"""The fixed kinds (domain.kinds): stored values kept, one display name each in both
languages, and shop.toml naming only the bins routing knows."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

from returnsdesk.config import load_shop_config
from returnsdesk.domain import barcode_commands
from returnsdesk.domain.kinds import (
    ACCEPTED,
    RESHIP_KINDS,
    UNFINISHED,
    AuditAction,
    AuditEntity,
    Bin,
    DocKind,
    FreightDecision,
    ItemAction,
    JobState,
    SlipState,
    action_name,
    audit_action_name,
    audit_entity_name,
    doc_name,
    freight_name,
    job_state_name,
    slip_state_name,
)

HAN = re.compile(r"[\u4e00-\u9fff]")

NAMED = [
    (ItemAction, action_name),
    (FreightDecision, freight_name),
    (DocKind, doc_name),
    (JobState, job_state_name),
    (SlipState, slip_state_name),
    (AuditAction, audit_action_name),
    (AuditEntity, audit_entity_name),
]


def test_stored_values_are_what_the_database_holds():
    assert [a.value for a in ItemAction] == ["退", "换", "补"]
    assert [d.value for d in FreightDecision] == ["refused", "buyer_shared", "ours"]
    assert [k.value for k in DocKind] == ["label", "reship", "day_sheet", "commands"]
    assert [s.value for s in JobState] == ["queued", "printing", "done", "failed"]
    assert [s.value for s in SlipState] == ["pending", "problem", "printed", "shipped"]
    assert set(RESHIP_KINDS) == {"换", "补"}
    assert set(ACCEPTED) == {"buyer_shared", "ours"}
    assert set(UNFINISHED) == set(JobState) - {JobState.DONE}


@pytest.mark.parametrize(("enum", "name"), NAMED)
def test_every_member_has_a_name_in_both_languages(enum: type[StrEnum], name):
    for member in enum:
        chinese, english = name(member), name(member, "en")
        assert HAN.search(chinese), member
        assert english.strip(), (member, english)
        assert not HAN.search(english), (member, english)
        assert name(member.value, "en") == english  # the stored text names it as well
    assert len({name(m) for m in enum}) == len(enum)


@pytest.mark.parametrize(("enum", "name"), NAMED)
def test_a_value_of_no_member_shows_as_stored(enum, name):
    assert name("旧的值", "en") == "旧的值"


def test_names_used_where_the_kind_is_meant():
    assert action_name("换") == "换货"
    assert action_name("补", "en") == "Reissue"
    assert barcode_commands.FIXED["RD+EXCHANGE"] == action_name(ItemAction.EXCHANGE)
    assert barcode_commands.FIXED["RD+REFUSE"] == freight_name(FreightDecision.REFUSED)


def test_shipped_bins_are_the_routing_codes_with_english_names():
    shop = load_shop_config()
    assert list(shop.bins) == list(Bin)
    for code in Bin:
        assert HAN.search(shop.bin_name(code)), code
        assert not HAN.search(shop.bin_name(code, "en")), code
    assert shop.bin_name("gone", "en") == "gone"


def test_a_shops_own_bin_name_reads_as_written(tmp_path):
    (tmp_path / "shop.toml").write_text('[bins]\nrestock = ["A区良品", "#2e7d32"]\n', "utf-8")
    shop = load_shop_config(tmp_path)
    assert shop.bin_name(Bin.RESTOCK, "en") == "A区良品"
    assert shop.bin_name(Bin.REPAIR, "en") == "Factory repair"


def test_audit_details_the_program_wrote_follow_the_language():
    from returnsdesk.domain.kinds import audit_detail

    assert audit_detail(AuditAction.PRINT_ENQUEUE, "label 6") == "包裹标签 6"
    assert audit_detail(AuditAction.PRINT_ENQUEUE, "label 6", "en").endswith(" 6")
    assert not HAN.search(audit_detail(AuditAction.PRINT_ENQUEUE, "label 6", "en"))
    assert audit_detail(AuditAction.RESHIP_PRINT, "2") == "第 2 次"
    assert audit_detail(AuditAction.RESHIP_PRINT, "2", "en") == "print 2"
    assert audit_detail(AuditAction.MONEY_REVERSE, "少一元", "en") == "少一元"  # typed: as written
