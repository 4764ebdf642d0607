"""Every BRIEFING_* setting is declared once, with a default and its meaning."""

import re
from pathlib import Path

import pytest

from briefing.settings import SETTINGS, setting, with_defaults

PLUGIN = Path(__file__).resolve().parents[1] / "plugins" / "briefing"


def test_defaults_fill_in_what_the_site_does_not_set():
    conf = with_defaults({"BRIEFING_MAX_KEY_POINTS": 5, "SITENAME": "x"})
    assert conf["BRIEFING_MAX_KEY_POINTS"] == 5
    assert conf["BRIEFING_STRICT"] is False
    assert set(conf) == {s.name for s in SETTINGS}


def test_one_setting_is_the_site_s_value_or_its_declared_default():
    site = {"BRIEFING_LINK_INDEX_HTML": False}
    assert setting(site, "BRIEFING_LINK_INDEX_HTML") is False
    assert setting(site, "BRIEFING_STRICT") is with_defaults({})["BRIEFING_STRICT"]


def test_asking_for_an_undeclared_setting_is_an_error_not_a_silent_none():
    with pytest.raises(KeyError):
        setting({}, "BRIEFING_NO_SUCH_THING")


def test_every_setting_is_documented_and_named_once():
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.name.startswith("BRIEFING_") and len(s.doc) > 20 for s in SETTINGS)


def test_the_plugin_reads_no_setting_that_is_not_declared():
    used = set()
    for module in PLUGIN.glob("*.py"):
        used |= set(re.findall(r"BRIEFING_[A-Z_]+", module.read_text(encoding="utf-8")))
    assert used <= {s.name for s in SETTINGS}
