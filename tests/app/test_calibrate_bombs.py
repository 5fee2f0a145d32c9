"""AppTest checks of the Calibrate page against hostile files (issue 17): the 4 M-row sheet and
the 400 MB shared string are refused in the user's language, naming what is too large; the
scenarios stay as they were; the refused file is dropped (a fresh uploader replaces the one that
held it); a read that runs out of time says so in words."""

from __future__ import annotations

import pytest

from tests.app.test_calibrate_page import ROWS, _csv, _texts, _upload, _uploader
from tests.app.test_pages import open_app, scenario
from tests.simulator import bombs
from tests.simulator.test_filecheck import _refused
from ui import worker
from ui.calibrate import problem_text
from ui.i18n import LANGS, t
from ui.text import plain


@pytest.mark.parametrize("lang", LANGS)
def test_the_row_bomb_is_refused_in_words_and_dropped(lang: str) -> None:
    row_bomb = bombs.row_bomb(4_000_000)
    at = open_app(lang, "calibrate")
    before = (scenario(at, "baseline"), scenario(at))
    _upload(at, "orders", "bomb.xlsx", row_bomb)
    expected = f"{plain('bomb.xlsx')}: {problem_text(_refused(row_bomb), lang)}"
    assert expected in _texts(at, "error")
    assert t("up.xlsx_ratio", lang, n="", detail="100").split("{")[0][:6] in expected
    assert (scenario(at, "baseline"), scenario(at)) == before
    # the uploader that held the bomb is gone: a fresh one (its key's version moved on)
    assert _uploader(at, "orders").proto.id.endswith("cal_orders_file:1")
    at.run()  # and the message stays until another file comes
    assert expected in _texts(at, "error")


def test_the_shared_string_bomb_is_refused_in_words() -> None:
    lang = "zh"
    raw = bombs.string_bomb()
    at = _upload(open_app(lang, "calibrate"), "daily", "strings.xlsx", raw)
    assert f"{plain('strings.xlsx')}: {problem_text(_refused(raw), lang)}" in _texts(at, "error")


def test_a_read_that_runs_out_of_time_is_stopped_and_said(monkeypatch) -> None:
    lang = "en"
    monkeypatch.setattr(worker, "TIME_LIMIT_S", 0.0)  # any read takes longer than this
    at = _upload(open_app(lang, "calibrate"), "orders", "slow.csv", _csv(*ROWS * 300))
    expected = f"{plain('slow.csv')}: {t('up.worker_time', lang, detail='0')}"
    assert expected in _texts(at, "error")
    assert not worker.running
