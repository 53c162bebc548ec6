"""Settings: defaults, demat.toml, the environment, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from demat.kernel.config import load_config
from demat.kernel.errors import ConfigError


def test_defaults_put_everything_under_home(tmp_path: Path):
    config = load_config(tmp_path, environ={})
    assert config.inbox == tmp_path / "inbox"
    assert config.catalog_path.parent == tmp_path
    assert config.watch.settle_seconds == 2.0
    assert config.search.backend == "sqlite"


def test_home_comes_from_demat_home_when_not_given(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config(environ={"DEMAT_HOME": str(tmp_path / "h")}).home == tmp_path / "h"
    assert load_config(environ={}).home == tmp_path / "var"


def test_toml_and_environment_override_defaults(tmp_path: Path):
    (tmp_path / "demat.toml").write_text('[watch]\nsettle_seconds = 5\npolling = true\n'
                                         '[search]\nbackend = "elasticsearch"\n')
    config = load_config(tmp_path, environ={"DEMAT_ES_URL": "http://127.0.0.1:9200"})
    assert config.watch.settle_seconds == 5.0 and config.watch.polling is True
    assert config.search.backend == "elasticsearch"
    assert config.search.elasticsearch_url == "http://127.0.0.1:9200"


@pytest.mark.parametrize("text, words", [
    ("[wach]\nx = 1\n", ["unknown section [wach]"]),
    ("[watch]\nsettle = 1\n", ["unknown setting watch.settle", "settle_seconds"]),
    ('[watch]\nsettle_seconds = "two"\n', ["watch.settle_seconds must be float"]),
    ("[ocr]\ndpi = -3\n", ["ocr.dpi must not be negative"]),
    ('[search]\nbackend = "solr"\n', ["search.backend must be one of sqlite, postgresql, elasticsearch"]),
    ("[watch\n", ["not valid TOML"]),
])
def test_bad_settings_stop_with_a_message_naming_them(tmp_path: Path, text: str, words: list[str]):
    (tmp_path / "demat.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path, environ={})
    for word in words:
        assert word in str(info.value)
    assert "demat.toml" in str(info.value)


@pytest.mark.parametrize("text, words", [
    ("watch = 3\n", ["[watch] must be a table"]),
    ("[ocr]\ndpi = true\n", ["ocr.dpi must be int, got True"]),
    ('[ocr]\ndpi = "300"\n', ["ocr.dpi must be int, got '300'"]),
    ('[executor]\nkind = "rq"\n', ["executor.kind must be one of local, celery, got 'rq'"]),
    ("[pipeline]\nhold_seconds = -0.5\n", ["pipeline.hold_seconds must not be negative"]),
])
def test_each_kind_of_bad_value_names_the_setting(tmp_path: Path, text: str, words: list[str]):
    (tmp_path / "demat.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path, environ={})
    for word in words:
        assert word in str(info.value)


def test_a_bad_setting_is_told_in_italian(tmp_path: Path):
    from demat.web.i18n import error_text

    (tmp_path / "demat.toml").write_text('[watch]\nsettle_seconds = "two"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path, environ={})
    said = error_text(info.value, "it")
    assert f"{tmp_path / 'demat.toml'}: watch.settle_seconds deve essere di tipo float, non 'two'" in said
    assert "Correggi il file indicato nel messaggio" in said


def test_settings_stay_one_frozen_object(tmp_path: Path):
    config = load_config(tmp_path, environ={})
    with pytest.raises(ValueError):
        config.watch.polling = True
    polling = config.model_copy(update={"watch": config.watch.model_copy(update={"polling": True})})
    assert polling.watch.polling and not config.watch.polling
