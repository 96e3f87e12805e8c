"""The English translation is complete: the Qt ``.ts`` and the core catalogue (no Qt here)."""

from __future__ import annotations

import ast
import json
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from returnsdesk import errors
from returnsdesk.cli import main
from returnsdesk.i18n import Message, translate

from helpers.paths import ROOT

TS = ROOT / "resources" / "translations" / "returnsdesk_en.ts"
CATALOGUE = ROOT / "resources" / "messages_en.json"
HAN = re.compile(r"[\u4e00-\u9fff]")
QT_FIELDS = re.compile(r"\{[^{}]*\}|%\d+")
ACCELERATOR = re.compile(r"&[^&\s]")
IMPORT_PREFIX = "无法导入文件: "  # returnsdesk.importing.messages.file_error puts it first


def ts_entries(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every live entry."""
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            assert node is not None
            if node.get("type") not in ("obsolete", "vanished"):
                out.append((name, message.findtext("source") or "", node))
    return out


def test_every_ui_text_is_translated_with_its_fields():
    entries = ts_entries(TS)
    assert len(entries) > 300
    bad = []
    for context, source, node in entries:
        text = node.text or ""
        if (
            not text.strip()
            or node.get("type") == "unfinished"
            or set(QT_FIELDS.findall(text)) != set(QT_FIELDS.findall(source))
            or len(ACCELERATOR.findall(text)) != len(ACCELERATOR.findall(source))
        ):
            bad.append((context, source, text))
    assert bad == []


def test_ts_is_up_to_date_with_the_code(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate, "pyside6-lupdate ships with PySide6"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [lupdate, *sources, "-locations", "none", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    in_code = {(c, s) for c, s, _ in ts_entries(fresh)}
    in_ts = {(c, s) for c, s, _ in ts_entries(TS)}
    assert in_code - in_ts == set(), "run pyside6-lupdate (README, Configuration) and translate"
    assert in_ts - in_code == set(), "entries no longer in the code: lupdate -no-obsolete"


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def core_templates() -> dict[str, str]:
    """Fixed Chinese texts of returnsdesk/ and printing/ that reach a user -> where they are.

    Error messages, ``translate()``/``runner.tr()``/``Message()`` texts, and the literal
    arguments of errors (``InvalidInput("金额 {value} 不是数字", value=...)``).
    """
    names = {
        n
        for n, v in vars(errors).items()
        if isinstance(v, type) and issubclass(v, errors.UserError)
    }
    found: dict[str, str] = {}
    files = sorted((ROOT / "returnsdesk").rglob("*.py")) + sorted((ROOT / "printing").glob("*.py"))
    for path in files:
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name in names:
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and any(
                        getattr(t, "id", None) == "message" for t in stmt.targets
                    ):
                        text = _literal(stmt.value)
                        if text:
                            found[text] = f"{where}:{stmt.lineno}"
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = _literal(node.args[0]) if node.args else None
            texts: list[str] = []
            if name in ("translate", "tr", "Message") and first:
                texts.append(first)
            elif name == "file_error" and first:
                texts.append(IMPORT_PREFIX + first)
            elif name in names or name == "FieldError":
                texts += [t for t in map(_literal, node.args) if t]
                texts += [t for t in (_literal(k.value) for k in node.keywords) if t]
            for text in texts:
                if HAN.search(text):
                    found.setdefault(text, f"{where}:{node.lineno}")
    return found


def test_every_fixed_core_message_has_english():
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    templates = core_templates()
    assert "输入有误: {detail}" in templates  # the walk finds what it should
    missing = {text: where for text, where in templates.items() if text not in catalogue}
    assert missing == {}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_catalogue_keeps_every_field():
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    bad = {zh: en for zh, en in catalogue.items() if _fields(zh) != _fields(en) or not en.strip()}
    assert bad == {}


def test_translate_fills_fields_and_translates_only_messages():
    fixed = Message("请选择款项类型")
    assert translate("输入有误: {detail}", "en", detail=fixed) == (
        "Invalid input: choose the kind of money"
    )
    assert translate("输入有误: {detail}", "zh_CN", detail=fixed) == "输入有误: 请选择款项类型"
    # a plain parameter is data: never looked up, even when it equals a catalogue key
    assert translate("输入有误: {detail}", "en", detail="请选择款项类型") == (
        "Invalid input: 请选择款项类型"
    )
    assert translate("不在目录里的话", "en") == "不在目录里的话"


def test_an_error_carries_its_key_parameters_and_field():
    exc = errors.InvalidInput("金额 {value} 不是数字", field="amount", value="abc")
    assert exc.field == "amount"
    assert exc.text() == "输入有误: 金额 abc 不是数字"
    assert exc.text("en") == "Invalid input: the amount abc is not a number"
    # data equal to a catalogue key stays data
    assert errors.InvalidInput("用户 {name} 已存在", name="顺丰").text("en") == (
        "Invalid input: user 顺丰 already exists"
    )
    assert errors.NotFound("包裹 {parcel_id}", parcel_id=7).text("en") == "Not found: parcel 7"


def _user_facing_args(call: ast.Call) -> list[ast.expr]:
    """What a user reads of an error or message call: everything but ``field=``."""
    return [*call.args, *(k.value for k in call.keywords if k.arg != "field")]


def test_no_message_is_built_before_it_is_translated():
    """Chinese words in an f-string or a concatenation given to an error or ``Message`` are not
    in the catalogue, so they would stay Chinese in English: templates with named fields
    instead. (An f-string that only formats a number or a path is data.)"""
    names = {n for n, v in vars(errors).items() if isinstance(v, type)}
    names |= {"Message", "FieldError", "translate", "file_error"}
    bad = []
    files = [*(ROOT / "returnsdesk").rglob("*.py"), *(ROOT / "printing").glob("*.py")]
    for path in sorted(files + sorted((ROOT / "ui").rglob("*.py"))):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in names:
                continue
            for arg in _user_facing_args(node):
                if isinstance(arg, ast.JoinedStr | ast.BinOp) and any(
                    HAN.search(_literal(part) or "") for part in ast.walk(arg)
                ):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []


def test_user_errors_in_english():
    dup = errors.DuplicateParcel(7, slip_no=3, status=Message("已登记"))
    assert dup.text("en") == "This parcel is already registered: slip 3, registered"
    assert dup.text() == "该包裹已登记: 纸条编号 3, 已登记"
    assert errors.DecisionRequired(courier=Message("顺丰")).text("en") == (
        "SF parcel: decide first: refuse it, or record a reason and accept it"
    )


EMPTY_EN = "Cannot import the file: empty.csv is empty"


@pytest.mark.parametrize(
    ("lang_args", "expected"),
    [
        (("--lang", "en"), EMPTY_EN),
        ((), "无法导入文件: empty.csv 是空文件"),
    ],
)
@pytest.mark.parametrize("before", [False, True], ids=["after", "before"])
def test_cli_user_error_in_the_users_language(
    tmp_path, monkeypatch, capsys, lang_args, expected, before
):
    monkeypatch.delenv("RETURNSDESK_LANG", raising=False)
    monkeypatch.delenv("RETURNSDESK_DB", raising=False)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    args = ["import", "orders", str(empty), "--home", str(tmp_path / "home")]
    assert main([*lang_args, *args] if before else [*args, *lang_args]) == 1
    assert capsys.readouterr().err.strip() == expected


def test_cli_language_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RETURNSDESK_LANG", "en")
    monkeypatch.delenv("RETURNSDESK_DB", raising=False)
    assert main(["lookup", "--home", str(tmp_path), "no-such-buyer"]) == 0
    assert capsys.readouterr().out.strip() == "Nothing found"
