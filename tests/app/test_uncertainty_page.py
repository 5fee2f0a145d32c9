"""AppTest of the Assumptions page's uncertainty section (issue 19 item 1), in both languages:
every uncertain parameter shows its distribution and its P10–P90 in its unit, the decisions say
they are fixed and why, and an edit (a P10–P90, or "fixed") is stored in the plan, survives a page
switch, is one undo step and is reset to the default; a range outside the parameter's bounds is
refused with a translated sentence."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from simulator import PARAMS
from simulator.uncertainty import Override, quantiles
from tests.app.test_pages import assert_clean, goto, open_app, table_with
from ui.fmt import fmt_param
from ui.i18n import LANGS, t

EPS = "price.elasticity"


def _table(at: AppTest, lang: str):
    return table_with(at, t("as.unc.col.dist", lang)).set_index(t("as.unc.col.param", lang))


def _plan(at: AppTest):
    return at.session_state["plan"].scenario


def _pick(at: AppTest, path: str, mode: str) -> AppTest:
    at.selectbox(key="as_unc_path").set_value(path).run()
    at.radio(key=f"as_unc_mode:plan:{path}").set_value(mode).run()
    assert_clean(at)
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_ranges_shown_and_an_edit_persists_with_undo_and_reset(lang: str) -> None:
    at = open_app(lang, "assumptions")
    table = _table(at, lang)
    eps = PARAMS[EPS]
    row = table.loc[eps.label(lang)]
    p10, p50, p90 = quantiles(eps.uncertainty)
    assert row[t("as.unc.col.p10", lang)] == fmt_param(p10, eps.unit, lang)
    assert row[t("as.unc.col.p50", lang)] == fmt_param(-2.62, eps.unit, lang)
    assert row[t("as.unc.col.p90", lang)] == fmt_param(p90, eps.unit, lang)
    assert row[t("as.unc.col.dist", lang)] == t(
        "as.unc.fam.normal", lang, sd=fmt_param(0.8, "", lang)
    )
    cr = table.loc[PARAMS["funnel.conversion_rate"].label(lang)]
    assert cr[t("as.unc.col.why", lang)] == t("as.unc.basis.dashboard", lang)
    assert "%" in cr[t("as.unc.col.p10", lang)]  # a fraction in percent
    # the decisions are listed as fixed, with why, once the toggle shows them all
    at.toggle(key="as_unc_only").set_value(False).run()
    full = _table(at, lang)
    budget = full.loc[PARAMS["traffic.paid_search.budget_per_day"].label(lang)]
    assert budget[t("as.unc.col.dist", lang)] == t("as.unc.fam.fixed", lang)
    assert budget[t("as.unc.col.why", lang)] == t("as.unc.basis.decision", lang)

    # my own P10–P90 for the elasticity
    _pick(at, EPS, "range")
    at.number_input(key=f"as_unc_p10:plan:{EPS}").set_value(-3.0).run()
    at.number_input(key=f"as_unc_p90:plan:{EPS}").set_value(-2.0).run()
    at.button(key="as_unc_apply").click().run()
    assert_clean(at)
    assert _plan(at).uncertainty == {EPS: Override(family="normal", p10=-3.0, p90=-2.0)}
    row = _table(at, lang).loc[eps.label(lang)]
    assert bool(row[t("as.unc.col.set", lang)]) is True
    assert row[t("as.unc.col.why", lang)] == t("as.unc.basis.user", lang)
    assert row[t("as.unc.col.p10", lang)] == fmt_param(-3.0, eps.unit, lang)
    assert row[t("as.unc.col.p50", lang)] == fmt_param(-2.5, eps.unit, lang)
    # the baseline is untouched; the edit survives a page switch
    assert not at.session_state["baseline"].scenario.uncertainty
    goto(at, "overview")
    goto(at, "assumptions")
    assert EPS in _plan(at).uncertainty

    # one undo step takes it back, redo brings it again
    at.sidebar.button(key="ws_undo").click().run()
    assert not _plan(at).uncertainty
    at.sidebar.button(key="ws_redo").click().run()
    assert EPS in _plan(at).uncertainty

    # "fixed", then reset to the default
    _pick(at, EPS, "fixed")
    at.button(key="as_unc_apply").click().run()
    assert _plan(at).uncertainty[EPS].family == "fixed"
    row = _table(at, lang).loc[eps.label(lang)]
    assert row[t("as.unc.col.dist", lang)] == t("as.unc.fam.fixed", lang)
    at.button(key="as_unc_reset").click().run()
    assert_clean(at)
    assert not _plan(at).uncertainty


@pytest.mark.parametrize("lang", LANGS)
def test_an_inverted_range_is_refused_in_words(lang: str) -> None:
    at = open_app(lang, "assumptions")
    path = "funnel.conversion_rate"
    _pick(at, path, "range")
    at.number_input(key=f"as_unc_p10:plan:{path}").set_value(3.0).run()  # percent
    at.number_input(key=f"as_unc_p90:plan:{path}").set_value(2.0).run()
    at.button(key="as_unc_apply").click().run()
    assert not at.exception
    assert not _plan(at).uncertainty  # nothing stored
    said = " ".join(str(e.value) for e in [*at.error, *at.warning, *at.toast, *at.info])
    assert PARAMS[path].label(lang) in said, said


def test_reset_shows_the_default_in_the_editor() -> None:
    lang = "en"
    at = open_app(lang, "assumptions")
    _pick(at, EPS, "fixed")
    at.button(key="as_unc_apply").click().run()
    at.button(key="as_unc_reset").click().run()
    assert_clean(at)
    assert at.radio(key=f"as_unc_mode:plan:{EPS}").value == "default"
    assert at.button(key="as_unc_reset").disabled


@pytest.mark.parametrize("lang", LANGS)
def test_a_fits_correlations_are_shown_and_can_be_dropped(lang: str) -> None:
    """A calibration's correlated estimates are listed with ρ; one button (one undo step)
    draws them independently again."""
    at = open_app(lang, "assumptions")
    plan = at.session_state["plan"]
    plan.scenario = plan.scenario.model_copy(update={"correlations": {"repeat.a|repeat.b": -0.42}})
    at.run()
    assert_clean(at)
    table = table_with(at, t("as.unc.corr.rho", lang))
    row = table.iloc[0]
    assert row[t("as.unc.corr.a", lang)] == PARAMS["repeat.a"].label(lang)
    assert row[t("as.unc.corr.b", lang)] == PARAMS["repeat.b"].label(lang)
    assert row[t("as.unc.corr.rho", lang)] == fmt_param(-0.42, "", lang)
    at.button(key="as_unc_corr_clear").click().run()
    assert_clean(at)
    assert _plan(at).correlations == {}
    assert not any(t("as.unc.corr.rho", lang) in e.value.columns for e in at.dataframe)
