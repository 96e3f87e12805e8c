"""Settings of one installation: where data lives, who works at which station, shop lists."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from returnsdesk.domain.kinds import RESHIP_KINDS, Bin
from returnsdesk.errors import ConfigError
from returnsdesk.i18n import LANGUAGES, Message, translate


class _Unusable(ValueError):
    """A shop.toml value the program cannot use, said as a catalogue message."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


def _check_bin(where: str, code: str) -> None:
    """Routing knows the ``Bin`` codes only: another would send items nowhere."""
    if code not in frozenset(Bin):
        raise _Unusable(
            Message("{where}: 未知的区域 '{code}', 可用: {known}", where=where, code=code,
                    known="/".join(Bin))
        )  # fmt: skip


@dataclass(frozen=True)
class ReasonDef:
    code: str
    key: str = ""
    responsibility: str = "buyer"
    bin: str = ""
    action: str = ""  # one of RESHIP_KINDS when the reason asks for a reshipment by default
    courier_claim: bool = False

    def __post_init__(self) -> None:
        if self.bin:
            _check_bin(f"reasons {self.code} bin", self.bin)
        if self.action and self.action not in RESHIP_KINDS:
            raise _Unusable(
                Message("reasons {code} action: 未知的处理方式 '{action}', 可用: {known}",
                        code=self.code, action=self.action, known="/".join(sorted(RESHIP_KINDS)))
            )  # fmt: skip


@dataclass(frozen=True)
class ConditionDef:
    code: str
    key: str = ""
    bin: str = ""
    missing_accessories: bool = False  # the refund suggestion names it 缺配件

    def __post_init__(self) -> None:
        if self.bin:
            _check_bin(f"conditions {self.code} bin", self.bin)


@dataclass(frozen=True)
class RefundRules:
    """``[refunds]`` of shop.toml: deadlines, kinds and the rules of the suggested decision."""

    due_hours: int = 24
    followup_hours: int = 24
    kinds: tuple[str, ...] = ("货款", "退差价", "退运费", "好评返现")
    our_fault: tuple[str, ...] = ("cs_agent", "warehouse", "courier", "factory")
    platform_refunded: tuple[str, ...] = ("退款成功",)
    platform_closed: tuple[str, ...] = ("退款关闭", "退款已关闭", "交易关闭")
    withhold: dict[str, Decimal] = field(default_factory=dict)
    accessory_conditions: tuple[str, ...] = ()  # conditions with ``missing_accessories``

    @classmethod
    def from_toml(
        cls, raw: dict[str, Any], accessory_conditions: tuple[str, ...] = ()
    ) -> RefundRules:
        base = cls()
        return cls(
            due_hours=int(raw.get("due_hours", base.due_hours)),
            followup_hours=int(raw.get("followup_hours", base.followup_hours)),
            kinds=tuple(raw.get("kinds", base.kinds)),
            our_fault=tuple(raw.get("our_fault", base.our_fault)),
            platform_refunded=tuple(raw.get("platform_refunded", base.platform_refunded)),
            platform_closed=tuple(raw.get("platform_closed", base.platform_closed)),
            withhold={k: Decimal(str(v)) for k, v in raw.get("withhold", {}).items()},
            accessory_conditions=accessory_conditions,
        )


@dataclass(frozen=True)
class EvidenceConfig:
    """``[evidence]`` of shop.toml: the camera of each station, the clips' picture and
    pre/post-roll, where clips and photos are kept and for how long, what needs a photo."""

    camera: str = ""  # "" no camera; "test", a device index or name, an rtsp:// URL
    cameras: dict[str, str] = field(default_factory=dict)  # station -> camera
    folder: str = ""  # "" -> $RETURNSDESK_HOME/evidence (a shared folder for several stations)
    width: int = 1280
    height: int = 720
    fps: int = 25
    preroll: float = 3.0
    postroll: float = 2.0
    retention_days: int = 90
    # below this much free space (GB) in the folder, the oldest unprotected files go first
    min_free_gb: float = 5.0
    photo_conditions: tuple[str, ...] = ("损坏",)
    photo_reasons: tuple[str, ...] = ("物流破损",)

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> EvidenceConfig:
        kw: dict[str, Any] = {}
        for name in ("camera", "folder"):
            if name in raw:
                kw[name] = str(raw[name])
        for name in ("width", "height", "fps", "retention_days"):
            if name in raw:
                kw[name] = int(raw[name])
        for name in ("preroll", "postroll", "min_free_gb"):
            if name in raw:
                kw[name] = float(raw[name])
        for name in ("photo_conditions", "photo_reasons"):
            if name in raw:
                kw[name] = tuple(str(x) for x in raw[name])
        kw["cameras"] = {str(k): str(v) for k, v in raw.get("cameras", {}).items()}
        return cls(**kw)


@dataclass(frozen=True)
class ShopConfig:
    """The shop's lists and string templates (resources/shop.toml, overridable per home)."""

    warehouse: str
    reship_warehouse: str
    bins: dict[str, tuple[str, str]]
    reasons: tuple[ReasonDef, ...]
    conditions: tuple[ConditionDef, ...]
    item_templates: dict[str, str]
    templates: dict[str, str]
    # [reship] of shop.toml: remote areas, default courier (read by domain.reship_rules)
    reship: dict[str, Any] = field(default_factory=dict)
    # [repairs] of shop.toml: days the factory allows per category ("default" for the rest)
    repair_days: dict[str, int] = field(default_factory=dict)
    refunds: RefundRules = field(default_factory=RefundRules)
    evidence: EvidenceConfig = field(default_factory=EvidenceConfig)

    def bin_name(self, code: str, lang: str = "zh_CN") -> str:
        """The one display name of a bin: the shop's, in ``lang`` when the catalogue has it
        (the shipped names do; a shop's own name reads as written)."""
        name = self.bins.get(code)
        return code if name is None else translate(name[0], lang)

    def bin_color(self, code: str) -> str:
        return self.bins.get(code, ("", "#616161"))[1]

    def reason(self, code: str) -> ReasonDef | None:
        return next((r for r in self.reasons if r.code == code), None)

    def condition(self, code: str) -> ConditionDef | None:
        return next((c for c in self.conditions if c.code == code), None)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


SHOP_TOML_VERSION = 1  # the newest shop.toml layout this program reads


def _bin(code: str, value: object) -> tuple[str, str]:
    """A bin is ``code = ["name", "#colour"]``, its code one of ``Bin``."""
    _check_bin("bins", code)
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(x, str) for x in value)):
        raise ValueError(f'bins.{code} = ["名称", "#颜色"]')
    return value[0], value[1]


def _read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # the message names the line and column
        raise ConfigError(file=where, detail=str(exc)) from None


def load_shop_config(home: Path | None = None) -> ShopConfig:
    """The shop's lists and templates: the shipped ``shop.toml`` with the home's one on top.

    A file that is not valid TOML, of a newer layout, or with a misspelt or missing entry is
    one clear ``ConfigError`` naming the file, never a traceback.
    """
    raw = _read_toml(
        (resources.files("returnsdesk.resources") / "shop.toml").read_text(encoding="utf-8"),
        "shop.toml",
    )
    where, text = "shop.toml", ""
    if home is not None and (home / "shop.toml").is_file():
        where = str(home / "shop.toml")
        try:
            text = (home / "shop.toml").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(file=where, detail=str(exc)) from None
        own = _read_toml(text, where)
        if not isinstance(own.get("version", 1), int) or own.get("version", 1) > SHOP_TOML_VERSION:
            raise ConfigError(
                file=where,
                detail=Message(
                    "version 应为不大于 {newest} 的整数: {value}",
                    newest=SHOP_TOML_VERSION,
                    value=repr(own.get("version")),
                ),
            )
        raw = _merge(raw, own)
    try:
        conditions = tuple(ConditionDef(**c) for c in raw["conditions"])
        accessories = tuple(c.code for c in conditions if c.missing_accessories)
        return ShopConfig(
            warehouse=raw["bench"]["warehouse"],
            reship_warehouse=raw["bench"]["reship_warehouse"],
            bins={k: _bin(k, v) for k, v in raw["bins"].items()},
            reasons=tuple(ReasonDef(**r) for r in raw["reasons"]),
            conditions=conditions,
            item_templates=dict(raw["templates"]["item"]),
            templates=dict(raw["templates"]["strings"]),
            reship=dict(raw.get("reship", {})),
            repair_days={k: int(v) for k, v in raw.get("repairs", {}).items()},
            refunds=RefundRules.from_toml(raw.get("refunds", {}), accessories),
            evidence=EvidenceConfig.from_toml(raw.get("evidence", {})),
        )
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        detail = exc.message if isinstance(exc, _Unusable) else f"{type(exc).__name__}: {exc}"
        line = _line_of(text, str(exc))
        if line:
            raise ConfigError(
                file=where, detail=Message("{detail} (第 {line} 行)", detail=detail, line=line)
            ) from None
        raise ConfigError(file=where, detail=detail) from None


def _line_of(text: str, error: str) -> int | None:
    """The line of the shop's file that a misspelt key or an unknown value the error quotes
    (``'bni'``) is on, when the file has it."""
    for word in re.findall(r"'([^'\n]+)'", error):
        pattern = re.compile(rf"^\s*{re.escape(word)}\s*=|\"{re.escape(word)}\"")
        for n, line in enumerate(text.splitlines(), 1):
            if pattern.search(line):
                return n
    return None


def _login_name() -> str:
    """The desktop's user: ``USER`` on Linux and macOS, ``USERNAME`` on Windows."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or ""


@dataclass
class Settings:
    """Resolved once in cli.py from --home/--db, the environment and defaults."""

    home: Path
    db_url: str
    lang: str = "zh_CN"
    station: str = "bench-1"
    user: str = "clerk"
    shop: ShopConfig = field(default_factory=load_shop_config)

    @classmethod
    def resolve(
        cls,
        home: str | None = None,
        db: str | None = None,
        lang: str | None = None,
        station: str | None = None,
        user: str | None = None,
    ) -> Settings:
        home_path = Path(
            home
            or os.environ.get("RETURNSDESK_HOME")
            or platformdirs.user_data_dir("ReturnsDesk", appauthor=False)
        ).expanduser()
        url = db or os.environ.get("RETURNSDESK_DB") or f"sqlite:///{home_path / 'returnsdesk.db'}"
        language = lang or os.environ.get("RETURNSDESK_LANG") or "zh_CN"
        if language not in LANGUAGES:
            language = "zh_CN"
        return cls(
            home=home_path,
            db_url=url,
            lang=language,
            station=station or os.environ.get("RETURNSDESK_STATION") or "bench-1",
            user=user or os.environ.get("RETURNSDESK_USER") or _login_name() or "clerk",
            shop=load_shop_config(home_path),
        )

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")
