"""AppTest checks of the live room (issue 22, pages/room.py, ui/room.py): a trainer opens a room,
students join through sessions of their own (a second ``AppTest``), predict and send their
plans; the trainer's screen shows them after a rerun (counts, the predictions' histogram, the
leaderboard simulated like the app); reveal, reset, close and reopen; the exports parse back;
a wrong token shows no controls; an unknown code, a full room and a rate limit are said in words;
no student sees another's submission before the reveal. Each test its own SQLite store."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from simulator import simulate
from simulator.verdict import verdict
from tests.app.test_pages import APP, REPO_ROOT, assert_clean, chart_frames, goto, widget
from ui import room as room_mod
from ui import store as store_mod
from ui.fmt import fmt_signed_money
from ui.i18n import LANGS, t
from ui.lessons import LESSONS, outcome
from ui.share import read_workspace_file
from ui.store import open_store


@pytest.fixture(autouse=True)
def _data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Each test its own SQLite store (the app opens the one ``SHOP_WHATIF_DATA_DIR`` names)."""
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SHOP_WHATIF_DATA_DIR", str(tmp_path / "data"))
    room_mod.clear_rows()


def _fresh(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    return at


def open_room(lang: str, *, title: str | None = None, question: str = "") -> tuple[AppTest, str]:
    """A trainer's session that opened a room (a lesson's first step, or an open question when
    ``title`` is given); returns it and the room's code."""
    at = goto(_fresh({"lang": lang}), "room")
    if title is not None:
        at.radio(key="room_kind").set_value("open").run()
        at.text_input(key="room_title").set_value(title)
        at.text_area(key="room_q").set_value(question)
    at.button(key="room_open").click().run()
    assert_clean(at)
    assert at.query_params["t"]  # the trainer's link carries the token
    return at, at.query_params["room"]


def join(code: str, name: str, lang: str) -> AppTest:
    """A student's own session: the students' link, then Join under ``name``."""
    at = _fresh({"room": code, "lang": lang})
    assert_clean(at)
    at.text_input(key="room_name").set_value(name)
    at.button(key="room_join").click().run()
    assert_clean(at)
    assert at.query_params["me"]  # a reload keeps them in
    return at


def predict(at: AppTest, value: float) -> None:
    at.number_input(key="room_pred").set_value(value)
    at.button(key="room_pred_send").click().run()


def counts(at: AppTest) -> str:
    (box,) = [c.value for c in at.caption if "·" in c.value and str(room_mod.REFRESH_S) in c.value]
    return box


def refresh(at: AppTest) -> None:
    """A live refresh once the leaderboard's queued simulations are done (a run queues them)."""
    at.run()
    room_mod.settle()
    at.run()
    assert_clean(at)


def board(at: AppTest) -> pd.DataFrame | None:
    frames = [d.value for d in at.dataframe if len(d.value.columns) == 6]
    return frames[0] if frames else None


@pytest.mark.slow  # several sessions and simulations
@pytest.mark.parametrize("lang", LANGS)
def test_a_class_joins_predicts_sends_plans_and_the_trainer_sees_them(lang: str) -> None:
    trainer, code = open_room(lang)
    assert counts(trainer).startswith(
        t("room.count", lang, students=0, predictions=0, plans=0)
    )  # fmt: skip
    assert any(code in m.value for m in trainer.markdown)
    assert trainer.button(key="room_reveal") and trainer.button(key="room_close")

    ann = join(code, "Ann", lang)
    assert any(t("room.joined", lang, name="Ann") in m.value for m in ann.markdown)
    other = "en" if lang == "zh" else "zh"  # a student reading the other language
    assert f"### {LESSONS[0].title[LANGS.index(other)]}" in [
        m.value for m in _fresh({"room": code, "lang": other}).markdown
    ]
    predict(ann, 12.5)
    assert [s.value for s in ann.success] == [
        t("room.sent_prediction", lang, value=room_mod._num(12.5, lang))
    ]
    # Ann edits her plan on another page, then comes back and sends it
    goto(ann, "traffic_funnel")
    widget(ann, "number_input", "traffic.paid_search.budget_per_day").set_value(1500.0).run()
    goto(ann, "room")
    ann.button(key="room_plan_send").click().run()
    assert_clean(ann)
    bo = join(code, "Bo", lang)
    predict(bo, 4.0)

    refresh(trainer)  # what the live refresh shows
    assert counts(trainer).startswith(t("room.count", lang, students=2, predictions=2, plans=1))
    (hist,) = [f for f in chart_frames(trainer) if "value" in f.columns and len(f) == 2]
    assert sorted(hist["value"]) == [4.0, 12.5]
    table = board(trainer)
    assert table is not None and list(table[t("room.col.name", lang)]) == ["Ann"]
    # the row is the app's own simulation of Ann's plan against her baseline
    (sub,) = [s for s in _results(code, trainer) if s.kind == "plan"]
    ws, _, _ = read_workspace_file(sub.payload)
    base, plan = ws.baseline.scenario, next(e for e in ws.scenarios if not e.baseline).scenario
    assert plan.traffic.paid_search.budget_per_day == 1500.0
    paths, seed = room_mod.BOARD_PATHS, room_mod.BOARD_SEED
    v = verdict(simulate(plan, reference=base, paths=paths, seed=seed),
                simulate(base, reference=base, paths=paths, seed=seed))  # fmt: skip
    assert table[t("room.col.profit", lang)].iloc[0] == fmt_signed_money(v.profit, lang)
    assert v.profit != 0


def _results(code: str, trainer: AppTest):
    lib = open_store()
    try:
        return lib.room_results(code, trainer.query_params["t"])
    finally:
        lib.close()


@pytest.mark.slow  # several sessions and simulations
def test_students_see_no_one_else_before_the_reveal_and_everything_after() -> None:
    lang = "en"
    trainer, code = open_room(lang)
    ann, bo = join(code, "Ann", lang), join(code, "Bo", lang)
    predict(ann, 1.0)
    predict(bo, 2.0)
    bo.button(key="room_plan_send").click().run()
    ann.run()
    assert_clean(ann)
    assert board(ann) is None and not chart_frames(ann)  # nothing of Bo's
    assert t("room.waiting", lang) in [c.value for c in ann.caption]
    assert not any("Bo" in m.value for m in ann.markdown)
    answer = outcome(LESSONS[0].steps[0]).value * 100
    shown = t("room.answer", lang, value=f"{answer:.2f} %")
    trainer.run()
    assert shown not in [m.value for m in trainer.markdown]  # the projector does not spoil it

    trainer.button(key="room_reveal").click().run()
    assert_clean(trainer)
    assert trainer.button(key="room_reveal").disabled
    assert shown in [m.value for m in trainer.markdown]
    refresh(ann)
    assert list(board(ann)[t("room.col.name", lang)]) == ["Bo"]
    (hist,) = [f for f in chart_frames(ann) if "value" in f.columns and len(f) == 2]
    assert sorted(hist["value"]) == [1.0, 2.0]
    assert shown in [m.value for m in ann.markdown]


def test_reset_close_and_reopen() -> None:
    lang = "zh"
    trainer, code = open_room(lang)
    ann = join(code, "Ann", lang)
    predict(ann, 3.0)
    trainer.button(key="room_reveal").click().run()
    trainer.button(key="room_reset").click().run()
    assert_clean(trainer)
    assert counts(trainer).startswith(t("room.count", lang, students=1, predictions=0, plans=0))
    assert not trainer.button(key="room_reveal").disabled  # hidden again
    assert _results(code, trainer) == []

    trainer.button(key="room_close").click().run()
    assert_clean(trainer)
    assert t("room.state_closed", lang) in [w.value for w in trainer.warning]
    predict(ann, 4.0)
    assert [e.value for e in ann.error] == [t("storage.err.room_closed", lang)]
    late = _fresh({"room": code, "lang": lang})
    assert late.button(key="room_join").disabled
    trainer.button(key="room_reopen").click().run()
    predict(ann, 5.0)
    assert_clean(ann)
    assert [s.data["value"] for s in _results(code, trainer)] == [5.0]


@pytest.mark.parametrize("lang", LANGS)
def test_the_exports_parse_back_with_headers_in_the_language(lang: str) -> None:
    trainer, code = open_room(lang)
    ann = join(code, "=cmd|' /C calc'!A0", lang)  # a name a spreadsheet would run
    predict(ann, 7.5)
    ann.button(key="room_plan_send").click().run()
    join(code, "Bo", lang)
    entries = room_mod.latest(_results(code, trainer), f"{LESSONS[0].id}/0")
    header = room_mod.export_header(lang)
    assert header[0] == t("room.col.name", lang)

    frame = pd.read_csv(io.BytesIO(room_mod.results_csv(entries, lang)), encoding="utf-8-sig")
    assert list(frame.columns) == header
    assert frame.iloc[0, 0] == "'=cmd|' /C calc'!A0"  # written as text
    assert frame.iloc[0, 1] == 7.5
    assert frame.iloc[0, 5] == 0.0  # the plan as sent: the defaults, no change
    assert 1.0 <= frame.iloc[0, 6] <= 5.0 and frame.iloc[0, 7] == 0.0

    book = openpyxl.load_workbook(io.BytesIO(room_mod.results_xlsx(entries, lang)))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == header
    assert rows[1][0] == "=cmd|' /C calc'!A0" and sheet["A2"].data_type == "s"
    assert rows[1][1] == 7.5 and rows[1][5] == 0.0
    assert sheet.freeze_panes == "B2"
    labels = {d.proto.label for d in trainer.get("download_button")}
    assert {t("room.export_csv", lang), t("room.export_xlsx", lang)} <= labels


def test_wrong_token_shows_no_controls_and_unknown_code_is_said() -> None:
    _, code = open_room("en")
    intruder = _fresh({"room": code, "t": "x" * 32, "lang": "en"})
    assert not intruder.exception
    assert [e.value for e in intruder.error] == [t("storage.err.wrong_token", "en")]
    keys = {b.key for b in intruder.button}
    assert not keys & {"room_reveal", "room_reset", "room_close", "room_reopen", "room_another"}
    assert "room_join" in keys  # they may still join as a student
    assert "t" not in intruder.query_params

    lost = _fresh({"room": "NOSUCH99", "lang": "zh"})
    assert not lost.exception
    assert [e.value for e in lost.error] == [t("storage.err.unknown_room", "zh")]
    assert lost.button(key="room_open")  # the page works on
    lost.button(key="room_open").click().run()
    assert_clean(lost)


@pytest.mark.slow  # several sessions and simulations
def test_an_open_question_a_full_room_and_too_fast_are_said_in_words(monkeypatch) -> None:
    at = goto(_fresh({"lang": "en"}), "room")
    at.radio(key="room_kind").set_value("open").run()
    at.button(key="room_open").click().run()
    assert [e.value for e in at.error] == [t("room.need_title", "en")]
    trainer, code = open_room("en", title="Quiz", question="How many orders on day 3?")
    assert "**How many orders on day 3?**" in [m.value.replace("\\", "") for m in trainer.markdown]
    ann = join(code, "Ann", "en")
    assert any("How many orders on day 3" in m.value.replace("\\", "") for m in ann.markdown)
    assert ann.number_input(key="room_pred").label == t(
        "room.predict", "en", unit=t("room.unit.number", "en")
    )
    ann.button(key="room_pred_send").click().run()  # no number yet
    assert [e.value for e in ann.error] == [t("room.need_number", "en")]

    monkeypatch.setattr(store_mod, "MAX_SUBMISSIONS_PER_MINUTE", 1)
    predict(ann, 1.0)
    predict(ann, 2.0)
    assert [e.value for e in ann.error] == [t("storage.err.too_fast", "en", limit=1)]
    monkeypatch.setattr(store_mod, "MAX_STUDENTS", 1)
    late = _fresh({"room": code, "lang": "en"})
    late.text_input(key="room_name").set_value("Bo")
    late.button(key="room_join").click().run()
    assert not late.exception
    assert [e.value for e in late.error] == [t("storage.err.room_full", "en", limit=1)]
    dup = _fresh({"room": code, "lang": "en"})
    monkeypatch.setattr(store_mod, "MAX_STUDENTS", 10)
    dup.text_input(key="room_name").set_value("Ann")
    dup.button(key="room_join").click().run()
    assert [e.value for e in dup.error] == [t("storage.err.name_taken", "en")]


def test_a_reload_keeps_a_student_in_and_a_stale_id_asks_to_join_again() -> None:
    _, code = open_room("en")
    ann = join(code, "Ann", "en")
    again = _fresh({"room": code, "me": ann.query_params["me"], "lang": "en"})
    assert_clean(again)
    assert any(t("room.joined", "en", name="Ann") in m.value for m in again.markdown)
    stale = _fresh({"room": code, "me": "not-a-student", "lang": "en"})
    assert not stale.exception
    assert [w.value for w in stale.warning] == [t("room.rejoin", "en")]
    assert stale.button(key="room_join")


def test_the_leaderboard_rows_are_cached_by_plan_content() -> None:
    trainer, code = open_room("en")
    ann = join(code, "Ann", "en")
    ann.button(key="room_plan_send").click().run()
    (sub,) = [s for s in _results(code, trainer) if s.kind == "plan"]
    assert room_mod.cached_row(sub.payload) is None
    assert room_mod.rows_for([sub.payload]) == {}  # queued, not simulated on the page
    room_mod.settle()
    first = room_mod.cached_row(sub.payload)
    assert first is not None and first.plan == t("side.plan_name", "en")
    assert room_mod.rows_for([sub.payload]) == {sub.payload: first}  # simulated once
    again = room_mod.rows_for([sub.payload.replace('"Plan"', '"Mine"')], wait=True)
    assert [r.plan for r in again.values()] == ["Mine"]  # another content: its own row


@pytest.mark.slow  # several sessions and simulations
@pytest.mark.parametrize("lang", LANGS)
def test_the_room_speaks_only_the_users_language(lang: str) -> None:
    """The language scan of tests/app/test_language_scan.py over the trainer's and a student's
    views of a lesson room with predictions, a plan and the reveal (the room's title is the
    lesson's, written by the app; display names are the students' own)."""
    from tests.app.test_language_scan import offences, visible_strings

    trainer, code = open_room(lang)
    ann = join(code, "Ann", lang)
    predict(ann, 8.0)
    ann.button(key="room_plan_send").click().run()
    trainer.button(key="room_reveal").click().run()
    refresh(trainer)
    refresh(ann)
    form = goto(_fresh({"lang": lang}), "room")
    form.radio(key="room_kind").set_value("open").run()
    report = []
    for who, at in (("trainer", trainer), ("student", ann), ("form", form)):
        for kind, text, alone in visible_strings(at):
            why = offences(text, lang, alone=alone, data=("Ann", code))  # theirs
            if why:
                report.append(f"[{lang}/{who}] {kind}: {text[:140]!r} — {'; '.join(why)}")
    assert not report, "\n".join(report)
