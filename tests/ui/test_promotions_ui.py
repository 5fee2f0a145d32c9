"""The Promotions page's pure parts: layering-rule messages, calendar rows, basket thresholds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from simulator import Scenario, load_preset
from simulator.promotion_kinds import KINDS as KIND_CLASSES
from simulator.promotion_kinds import STAGE_ORDER, Promotion
from simulator.promotions import FREE_SHIPPING_MARGIN
from simulator.scenario import (
    MAX_LAYERS,
    Coupon,
    FreeShipping,
    Gift,
    ItemDiscount,
    StackingError,
    ThresholdDiscount,
    check_stacking,
)
from tests.simulator.strategies import promotion_of
from ui import charts
from ui.errors import describe_error
from ui.fmt import fmt_money
from ui.i18n import CATALOGUE, LANGS, t
from ui.promotions import (
    KINDS,
    NUMBERS,
    STAGES,
    TABLES,
    basket_offer,
    detail_text,
    max_layers,
    timeline_rows,
)

FOUR = (
    ItemDiscount(start_day=10, end_day=20),
    FreeShipping(start_day=12, end_day=14, threshold=0),
    ThresholdDiscount(start_day=11, end_day=13),
    Gift(start_day=13, end_day=13),
)


@pytest.mark.parametrize("lang", LANGS)
def test_a_fourth_layer_is_named_with_its_day_and_kinds(lang: str) -> None:
    with pytest.raises(StackingError) as info:
        check_stacking(FOUR)
    sep = "、" if lang == "zh" else ", "
    names = sep.join(t(f"kind.{p.kind}", lang) for p in FOUR)
    expected = t("err.layers", lang, day=13, n=4, max=MAX_LAYERS, kinds=names)
    assert describe_error(info.value, lang) == expected
    # The same rule broken inside a Scenario arrives wrapped in a ValidationError, the day named
    # by its date (the scenario has a start date, issue 16).
    with pytest.raises(ValidationError) as wrapped:
        Scenario(start_date="2026-11-01", promotions=FOUR)
    when = "11月14日(第13天)" if lang == "zh" else "Nov 14 (day 13)"
    assert describe_error(wrapped.value, lang) == t(
        "dt.err.layers", lang, when=when, n=4, max=MAX_LAYERS, kinds=names
    )
    assert "13" in expected and str(MAX_LAYERS) in expected


@pytest.mark.parametrize("lang", LANGS)
def test_two_of_one_kind_are_named(lang: str) -> None:
    twins = (Coupon(start_day=5, end_day=9), Coupon(start_day=8, end_day=8, face=5))
    with pytest.raises(ValidationError) as wrapped:
        Scenario(start_date="2026-11-01", promotions=twins)
    when = "11月9日(第8天)" if lang == "zh" else "Nov 9 (day 8)"
    assert describe_error(wrapped.value, lang) == t(
        "dt.err.same_kind", lang, when=when, kind=t("kind.coupon", lang)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_bad_tiers_and_prizes_are_translated(lang: str) -> None:
    with pytest.raises(ValidationError) as below:
        ThresholdDiscount(tiers=[[100, 100]])
    yuan = {x: fmt_money(x, lang, compact=False, digits=0) for x in (10, 20, 100, 200)}
    assert describe_error(below.value, lang) == t(
        "err.tier_below", lang, tier=1, threshold=yuan[100], amount_off=yuan[100]
    )  # which tier and its numbers (was a sentence without them)
    with pytest.raises(ValidationError) as rising:
        ThresholdDiscount(tiers=[[100, 20], [200, 10]])
    assert describe_error(rising.value, lang) == t(
        "err.tiers_rising", lang, low=yuan[100], low_off=yuan[20], high=yuan[200], high_off=yuan[10]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_audience_rules_are_the_model_s_and_translated(lang: str) -> None:
    """Store-wide mechanics and post-purchase vouchers go to all buyers: a scenario file or a
    link that says otherwise is refused by the model, with a sentence in the user's language."""
    with pytest.raises(ValidationError) as kind:
        FreeShipping(audience="members")
    assert describe_error(kind.value, lang) == t(
        "err.audience_kind", lang, kind=t("kind.free_shipping", lang)
    )  # names the kind (was one sentence listing three kinds)
    with pytest.raises(ValidationError) as voucher:
        Coupon(audience="old_customers", post_purchase=True)
    assert describe_error(voucher.value, lang) == t("err.voucher_audience", lang)
    assert Coupon(audience="members").audience == "members"  # a claimable coupon may target


def test_calendar_rows_follow_the_stacking_order_and_show_the_preheat() -> None:
    sc = Scenario(
        promotions=(
            Gift(start_day=2, end_day=4),
            ItemDiscount(start_day=3, end_day=3, preheat_days=5),
        )
    )
    rows = timeline_rows(sc, "en")
    order = {r["label"]: r["order"] for r in rows}
    assert KINDS.index("item_discount") < KINDS.index("gift")
    assert order[f"#2 {t('kind.item_discount', 'en')}"] < order[f"#1 {t('kind.gift', 'en')}"]
    data = charts.timeline_data(rows, {"event": "E", "preheat": "P"})
    item = data[data["label"] == f"#2 {t('kind.item_discount', 'en')}"].set_index("phase_code")
    # Pre-heat from day max(0, 3 − 5) up to the event; the event covers day 3 itself.
    assert (item.loc["preheat", "start"], item.loc["preheat", "end"]) == (0.0, 3.0)
    assert (item.loc["event", "start"], item.loc["event", "end"]) == (3.0, 4.0)
    assert max_layers(sc) == 2
    chart = charts.timeline_chart(
        data, horizon=30, kinds=list(KINDS), x_title="day", kind_title="kind",
        titles={"audience": "a", "days": "d", "phase": "p", "detail": "x"},
    ).to_dict()  # fmt: skip
    assert chart["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 30]


def test_basket_thresholds_of_the_order_level_offers() -> None:
    sc = Scenario()
    aov, fee = sc.store.aov, sc.store.shipping_fee
    share = sc.store.paid_shipping_share
    assert basket_offer(FreeShipping(), sc) == ([(aov + FREE_SHIPPING_MARGIN, fee)], share)
    assert basket_offer(FreeShipping(threshold=0), sc) is None  # 全场包邮: no threshold
    coupon = Coupon(threshold=150, face=15, claim_rate=0.4)
    assert basket_offer(coupon, sc) == ([(150, 15)], 0.4)
    assert basket_offer(Coupon(threshold=150, post_purchase=True), sc) is None
    assert basket_offer(ItemDiscount(), sc) is None
    every = basket_offer(ThresholdDiscount(tiers=((100, 10),), repeat=True), sc)
    assert every is not None and every[0][:3] == [(100, 10), (200, 20), (300, 30)]


# --------------------------------------------------------------------------- kinds (issue 18)
@pytest.mark.parametrize("name", list(KIND_CLASSES))
def test_each_kind_has_its_zh_and_en_strings(name: str) -> None:
    """A kind's labels: its name and description in both languages."""
    for key in (f"kind.{name}", f"desc.{name}"):
        zh, en = CATALOGUE[key]
        assert zh and en, key


def test_the_builder_and_calendar_list_every_kind_in_stacking_order() -> None:
    assert set(KINDS) == set(KIND_CLASSES) == set(STAGES)
    ranks = [STAGE_ORDER.index(KIND_CLASSES[k].STAGE) for k in KINDS]
    assert ranks == sorted(ranks)
    assert NUMBERS["coupon"] == ("face", "threshold", "claim_rate", "valid_days", "repeat_uplift")
    assert TABLES["threshold_discount"][0] == "tiers" and TABLES["lottery"][0] == "prizes"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_kind_summary_is_phrases_of_the_catalogue(data: st.DataObject) -> None:
    """A kind's summary (``detail_text``) uses catalogue phrases only, in both languages."""
    sc = load_preset("mid_store")
    name = data.draw(st.sampled_from(list(KIND_CLASSES)))
    promo = TypeAdapter(Promotion).validate_python(data.draw(promotion_of(name, sc)))
    assert all(p.key in CATALOGUE for p in promo.summary(sc))
    for lang in ("zh", "en"):
        assert detail_text(promo, sc, lang)
