"""A shop's own shop.toml: a typo, bad TOML or a newer layout is one clear line naming the
file and, where it can be found, the line; never a traceback."""

from __future__ import annotations

import pytest

from returnsdesk.cli import main
from returnsdesk.config import load_shop_config
from returnsdesk.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[bench\nwarehouse = 1", "line 1"),  # not TOML
        ('[[reasons]]\ncode = "x"\nkey = "Z"\nbni = "restock"\n', "bni"),  # a misspelt field
        ('[[reasons]]\ncode = "x"\nkey = "Z"\nbni = "restock"\n', "第 4 行"),  # and its line
        ('[[reasons]]\ncode = "x"\nkey = "Z"\nbin = "restok"\n', "第 4 行"),  # an unknown bin
        ('[bins]\nrestock = "良品"\n', "bins"),  # a value of the wrong shape
        ("version = 99\n", "version"),  # written for a newer program
        # a bin or an action the program does not know, named as written
        ('[bins]\ntrash = ["垃圾", "#000000"]\n', "'trash'"),
        ('[[reasons]]\ncode = "坏了"\nbin = "dmg"\n', "'dmg'"),
        ('[[conditions]]\ncode = "坏了"\nbin = "broken"\n', "'broken'"),
        ('[[reasons]]\ncode = "要退"\naction = "退"\n', "'退'"),
    ],
)
def test_bad_home_shop_toml_is_one_clear_error(tmp_path, text, says):
    (tmp_path / "shop.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_shop_config(tmp_path)
    message = err.value.text()
    assert message.startswith("配置文件有误")
    assert str(tmp_path / "shop.toml") in message
    assert says in message or says in err.value.text("en")
    assert "\n" not in message


def test_command_line_says_it_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("RETURNSDESK_DB", raising=False)
    (tmp_path / "shop.toml").write_text("[bench\n", encoding="utf-8")
    assert main(["lookup", "YT1234567890123", "--home", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("配置文件有误")
    assert err.count("\n") == 1


def test_a_good_home_file_changes_the_shop(tmp_path):
    (tmp_path / "shop.toml").write_text('version = 1\n[bench]\nwarehouse = "武汉"\n', "utf-8")
    assert load_shop_config(tmp_path).warehouse == "武汉"
