"""Hypothesis strategies that build valid ``Scenario`` objects from the parameter registry.

Every value is drawn inside its registry range and applied with ``set_param`` (so the strategy
exercises the public API); draws that the scenario's consistency validator rejects (inquiry figures
above the implied new-customer conversion, MODEL.md §6.3) are skipped with ``assume``.
"""

from __future__ import annotations

from typing import Any

import pydantic
from hypothesis import assume
from hypothesis import strategies as st

from simulator import PARAMS, PRESETS, Param, Scenario, load_preset, set_param
from simulator.engine import calibrate
from simulator.membership import repeat_basket
from simulator.promotion_kinds import KINDS
from simulator.scenario import FIRST_START_DATE, LAST_START_DATE

#: Pairs of fields that must stay ordered (lower, upper): drawn together.
PAIRED: tuple[tuple[str, str], ...] = (
    ("service.start_hour", "service.end_hour"),
    ("service.rt_ref_s", "service.rt_max_s"),
    ("dsr.industry_mean", "dsr.industry_max"),
)
#: Paths of scalar scenario fields (list-item templates ``campaign.*``/``promotion.*`` and the
#: ordered pairs excluded).
SCALAR_PATHS: tuple[str, ...] = tuple(
    p
    for p in PARAMS
    if not p.startswith(("campaign.", "promotion."))
    and p != "horizon_days"
    and p not in {x for pair in PAIRED for x in pair}
)
INCONSISTENT_FUNNEL = "inquiry_rate × inquiry_conversion"
GG_MEAN_RULE = "the Gamma-Gamma mean order value"
MAX_DAY = int(PARAMS["campaign.end_day"].hi)
#: Cross-field rules of pairs of fields (the service hours, the swamped response time, the
#: industry band): a draw that breaks one is rejected, not failed.
ORDERED_PAIRS = (
    "must be after start_hour",
    "must be above rt_ref_s",
    "must be above industry_mean",
)


def floats_in(p: Param) -> st.SearchStrategy[float]:
    return st.floats(float(p.lo), float(p.hi), allow_nan=False, allow_infinity=False)


#: Known limitation (see test_engine.test_tiny_positive_reference_old_share): a positive old-customer
#: share below ~1e-10 cannot be calibrated (α is capped at 1e12) and, as a reference, its odds
#: overflow the repeat multiplier. Draws keep 0 and [1e-6, 0.9]; everything else uses the full range.
OLD_SHARE_FLOOR = 1e-6


def value_of(p: Param) -> st.SearchStrategy[Any]:
    """A value inside the registry range of ``p``."""
    if p.path == "funnel.old_customer_share":
        return st.one_of(st.just(0.0), st.floats(OLD_SHARE_FLOOR, float(p.hi)))
    if p.kind == "choice":
        return st.sampled_from(p.choices)
    if p.kind == "int":
        return st.integers(int(p.lo), int(p.hi))
    if p.path == "traffic.weekday_profile":
        return weekday_profiles(p)
    return floats_in(p)


@st.composite
def weekday_profiles(draw: st.DrawFn, p: Param) -> list[float]:
    """Seven multipliers in range with at least one above 0 (the validator's rule)."""
    profile = draw(st.lists(floats_in(p), min_size=7, max_size=7))
    if sum(profile) <= 0:
        positive = st.floats(0.0, float(p.hi), exclude_min=True)
        profile[draw(st.integers(0, 6))] = draw(positive)
    return profile


def set_or_reject(sc: Scenario, path: str, value: Any) -> Scenario:
    """``set_param``, rejecting the draw (not failing) when only a cross-field check fails: the
    funnel-consistency rule or an old-customer share the repeat model cannot reach."""
    try:
        return set_param(sc, path, value)
    except pydantic.ValidationError as exc:
        assume(
            all(
                rule not in str(exc)
                for rule in (INCONSISTENT_FUNNEL, "cannot be reached", GG_MEAN_RULE, *ORDERED_PAIRS)
            )
        )
        raise


def ordered_pair(sc: Scenario, lo_path: str, hi_path: str, draw: st.DrawFn) -> Scenario:
    """Both fields of an ordered pair set at once, the lower strictly below the upper."""
    lo_p, hi_p = PARAMS[lo_path], PARAMS[hi_path]
    top = min(float(lo_p.hi), float(hi_p.hi))
    lo = (
        draw(st.integers(int(lo_p.lo), int(top) - 1))
        if lo_p.kind == "int"
        else draw(st.floats(float(lo_p.lo), top, exclude_max=True))
    )
    floor = max(float(hi_p.lo), float(lo))
    hi = (
        draw(st.integers(int(floor) + 1, int(hi_p.hi)))
        if hi_p.kind == "int"
        else draw(st.floats(floor, float(hi_p.hi), exclude_min=True))
    )
    assume(hi > lo)
    data = sc.model_dump(mode="python")
    for path, value in ((lo_path, lo), (hi_path, hi)):
        node = data
        *parents, leaf = path.split(".")
        for part in parents:
            node = node[part]
        node[leaf] = value
    return Scenario.model_validate(data)


def without_feedback(sc: Scenario) -> Scenario:
    """``sc`` with the ratings' feedback on sales switched off (MODEL.md §7.7): DSR and negative
    reviews on conversion, the campaign gate, the bad-experience cohort (cancelled buyers stay in
    the repeat base as if served). Service, fulfilment and the scores themselves still run; tests
    of other modules use it to compare two runs whose orders would otherwise move each other's
    scores."""
    for path, value in (("dsr.beta", 0.0), ("dsr.beta_negative", 0.0), ("dsr.gate", 0.0),
                        ("repeat.bad_experience_factor", 1.0),
                        ("fulfilment.cancelled_repeat_factor", 1.0)):  # fmt: skip
        sc = set_param(sc, path, value)
    return sc


def without_queue(sc: Scenario) -> Scenario:
    """``sc`` without chats (inquiry rate 0): the service queue, whose response time moves with
    the visitors (MODEL.md §6.2), does not act, so a traffic lever scales orders exactly."""
    return set_param(sc, "funnel.inquiry_rate", 0.0)


def repeat_calibration_feasible(plan: Scenario, reference: Scenario | None = None) -> bool:
    """Whether the BG/NBD scale can reach the reference's old-customer share (see test_engine)."""
    try:
        calibrate(plan, reference if reference is not None else plan)
    except ValueError as exc:
        if "cannot be reached" in str(exc):
            return False
        raise
    return True


@st.composite
def windows(draw: st.DrawFn, horizon: int) -> tuple[int, int]:
    """An inclusive [start, end] day window near the horizon (sometimes starting beyond it)."""
    start = draw(st.integers(0, min(horizon + 5, MAX_DAY)))
    end = draw(st.integers(start, min(start + 40, MAX_DAY)))
    return start, end


@st.composite
def campaigns(draw: st.DrawFn, horizon: int) -> dict[str, Any]:
    start, end = draw(windows(horizon))
    fields = ("platform_uv", "store_share", "quality", "fee_per_day", "commission_rate")
    out: dict[str, Any] = {f: draw(floats_in(PARAMS[f"campaign.{f}"])) for f in fields}
    kind = draw(st.sampled_from(["juhuasuan", "tiantian_tejia", "other"]))
    return {"kind": kind, "start_day": start, "end_day": end, **out}


#: Membership schemes with an on/off switch (scenario.Membership).
SCHEMES = ("member_price", "member_day", "points", "card", "stored_value", "referral", "outreach")


@st.composite
def scenarios(
    draw: st.DrawFn, *, max_horizon: int = 120, feasible: bool = True, full_range: bool = False
) -> Scenario:
    """A valid Scenario: a preset, a random subset of registry paths set in range, a horizon of
    1…``max_horizon`` days, optionally a campaign window, and 0–3 promotions of any kinds
    (``promotion_lists``; ``full_range`` draws their money amounts over the registry's whole
    range instead of everyday magnitudes)."""
    sc = load_preset(draw(st.sampled_from(sorted(PRESETS))))
    # Each path independently, about one in three: a short hypothesis list would almost never
    # reach a given path (e.g. funnel.conversion_rate) and leave most draws at preset values.
    for path in SCALAR_PATHS:
        if draw(st.sampled_from((True, False, False))):
            sc = set_or_reject(sc, path, draw(value_of(PARAMS[path])))
    for lo_path, hi_path in PAIRED:
        if draw(st.sampled_from((True, False, False))):
            sc = ordered_pair(sc, lo_path, hi_path, draw)
    if sc.repeat.spend_model == "gamma_gamma":
        # Fitted Gamma-Gamma values put the mean repeat order near the store's AOV (the ratio
        # model's range); far beyond it a 每满减 expands into very many tiers (slow, see below).
        ratio = draw(floats_in(PARAMS["repeat.aov_ratio"]))
        v = ratio * sc.store.aov * (sc.repeat.gg_q - 1.0) / sc.repeat.gg_p
        assume(PARAMS["repeat.gg_v"].lo <= v <= PARAMS["repeat.gg_v"].hi)
        sc = set_or_reject(sc, "repeat.gg_v", v)
    horizon = draw(st.integers(1, max_horizon))
    sc = set_param(sc, "horizon_days", horizon)
    if draw(st.booleans()):  # a calendar date for day 0 (default: today)
        sc = set_param(sc, "start_date", draw(st.dates(FIRST_START_DATE, LAST_START_DATE)))
    if draw(st.booleans()):
        sc = set_param(sc, "traffic.campaigns", [draw(campaigns(horizon))])
    promos = draw(promotion_lists(sc, full_range=full_range))
    for scheme in SCHEMES:  # each membership scheme switched on about one time in three
        if draw(st.sampled_from((True, False, False))):
            sc = set_param(sc, f"membership.{scheme}.enabled", True)
    sc = set_or_reject(sc, "promotions", promos)
    if feasible:
        assume(repeat_calibration_feasible(sc))
    return sc


# ---------------------------------------------------------------------------- promotions
#: Everyday magnitudes (the default): thresholds up to this many AOVs, 满减 / coupon rewards up to
#: REWARD_SHARE of their threshold (so two stacked order-level rewards stay below the basket),
#: no-threshold and post-purchase coupons up to VOUCHER_SHARE of the smaller AOV, gifts and
#: add-ons up to GIFT_AOVS AOVs, prizes up to PRIZE_AOVS AOVs. The engine does not cap rewards at
#: the basket they apply to (known gap, see test_promotions.test_known_gap_*), so ``full_range``
#: draws (every field over its registry range) are only checked for finite outputs.
THRESHOLD_AOVS, REWARD_SHARE, VOUCHER_SHARE, GIFT_AOVS, PRIZE_AOVS = 4.0, 0.3, 0.02, 2.0, 20.0

#: 每满减 / 上不封顶 expand one tier into every multiple up to the basket's 99.999th percentile, one
#: closed-form pass each, so the run time grows as AOV / threshold: 每满1元减0.5 on the default
#: 115.5-yuan basket is 1,247 passes (0.16 s for a 31-day event), 每满0.01元 16 s, and 每满1元 on
#: a 100,000-yuan basket with σ = 1.5 about 2·10⁷ passes (reported, not fixed). Draws keep such
#: thresholds ≥ AOV / this.
MAX_MULTIPLES_PER_AOV = 2.0


class _Money:
    """Money amounts of one draw: the registry's whole range, or everyday magnitudes."""

    def __init__(self, sc: Scenario, full_range: bool) -> None:
        self.aov, self.full = sc.store.aov, full_range
        self.small_aov = min(sc.store.aov, repeat_basket(sc)[0])

    def upto(self, path: str, aovs: float) -> st.SearchStrategy[float]:
        p = PARAMS[f"promotion.{path}"]
        return (
            floats_in(p) if self.full else st.floats(float(p.lo), min(float(p.hi), aovs * self.aov))
        )

    def threshold(self, path: str) -> st.SearchStrategy[float]:
        return self.upto(path, THRESHOLD_AOVS)

    def multiple(self) -> st.SearchStrategy[float]:
        """A 每满减 / 上不封顶 threshold (≥ AOV / MAX_MULTIPLES_PER_AOV)."""
        lo = self.aov / MAX_MULTIPLES_PER_AOV
        hi = float(PARAMS["promotion.threshold_discount.threshold"].hi)
        return st.floats(lo, max(lo, hi if self.full else min(hi, THRESHOLD_AOVS * self.aov)))

    def reward_share(self) -> st.SearchStrategy[float]:
        return st.floats(0.0, 0.99 if self.full else REWARD_SHARE)


@st.composite
def tier_lists(draw: st.DrawFn, money: _Money, repeat: bool) -> list[list[float]]:
    """1–3 满减 tiers with rising thresholds and rising amounts, each amount below its threshold."""
    if repeat:
        t = draw(money.multiple())
        return [[t, draw(money.reward_share()) * t]]
    n = draw(st.integers(1, 3))
    positive = money.threshold("threshold_discount.threshold").filter(lambda x: x > 0)
    thresholds = sorted(set(draw(st.lists(positive, min_size=n, max_size=n))))
    tiers: list[list[float]] = []
    prev = 0.0
    for t in thresholds:
        cap = (0.99 if money.full else REWARD_SHARE) * t
        amount = prev + draw(st.floats(0.0, 1.0)) * max(0.0, cap - prev)
        if amount >= t or (tiers and amount <= prev):
            continue  # rounding left no room for a rising amount below t: drop the tier
        tiers.append([t, amount])
        prev = amount
    return tiers or [[thresholds[0], 0.0]]


@st.composite
def prizes(draw: st.DrawFn, money: _Money) -> list[dict[str, float]]:
    n = draw(st.integers(1, 3))
    out = []
    for _ in range(n):
        value = draw(money.upto("lottery.prize_value", PRIZE_AOVS))
        cost = draw(money.upto("lottery.prize_cost", PRIZE_AOVS))
        out.append({"value": value, "cost": cost, "probability": draw(st.floats(0.0, 1.0 / n))})
    return out


@st.composite
def coupons(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    post_purchase = draw(st.booleans())
    threshold = draw(money.threshold("coupon.threshold"))
    if money.full:
        face = draw(floats_in(PARAMS["promotion.coupon.face"]))
    elif threshold > 0 and not post_purchase:
        face = draw(money.reward_share()) * threshold
    else:
        face = draw(st.floats(0.0, VOUCHER_SHARE * money.small_aov))
    return {
        "face": face,
        "threshold": threshold,
        "claim_rate": draw(floats_in(PARAMS["promotion.coupon.claim_rate"])),
        "post_purchase": post_purchase,
        "valid_days": draw(st.integers(1, int(PARAMS["promotion.coupon.valid_days"].hi))),
        "repeat_uplift": draw(floats_in(PARAMS["promotion.coupon.repeat_uplift"])),
    }


def _item_discount(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    return {
        "pct": draw(floats_in(PARAMS["promotion.item_discount.pct"])),
        "coverage": draw(floats_in(PARAMS["promotion.item_discount.coverage"])),
    }


def _threshold_discount(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    repeat = draw(st.booleans())
    return {"tiers": draw(tier_lists(money, repeat)), "repeat": repeat}


def _free_shipping(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    return {"threshold": draw(st.one_of(st.none(), money.threshold("free_shipping.threshold")))}


def _gift(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    uncapped = draw(st.booleans())
    at = (
        st.one_of(st.just(0.0), money.multiple()) if uncapped else money.threshold("gift.threshold")
    )
    return {
        "threshold": draw(at),
        "value": draw(money.upto("gift.value", GIFT_AOVS)),
        "cost": draw(money.upto("gift.cost", GIFT_AOVS)),
        "uncapped": uncapped,
    }


def _addon(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    return {
        "price": draw(money.upto("addon.price", GIFT_AOVS)),
        "value": draw(money.upto("addon.value", GIFT_AOVS)),
        "cost": draw(money.upto("addon.cost", GIFT_AOVS)),
        "threshold": draw(money.threshold("addon.threshold")),
    }


def _second_item(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    return {
        "pct": draw(floats_in(PARAMS["promotion.second_item.pct"])),
        "upgrade_rate": draw(floats_in(PARAMS["promotion.second_item.upgrade_rate"])),
    }


def _lottery(draw: st.DrawFn, money: _Money) -> dict[str, Any]:
    return {"threshold": draw(money.threshold("lottery.threshold")), "prizes": draw(prizes(money))}


#: Everyday draws of a kind's own fields where its fields relate (tiers, rewards below their
#: threshold, magnitudes in AOVs); a kind without one draws each number field over its registry
#: range and each flag (``registry_fields``), so a new kind is drawn without an entry here.
FIELD_DRAWS = {
    "item_discount": _item_discount,
    "threshold_discount": _threshold_discount,
    "coupon": lambda draw, money: draw(coupons(money)),
    "free_shipping": _free_shipping,
    "gift": _gift,
    "addon": _addon,
    "second_item": _second_item,
    "lottery": _lottery,
}


def registry_fields(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """A kind's number fields over their registry ranges and its flags (tables keep defaults)."""
    cls = KINDS[kind]
    out: dict[str, Any] = {}
    for name in cls.number_fields():
        p = PARAMS[f"promotion.{kind}.{name}"]
        if p.kind == "int":
            out[name] = draw(st.integers(int(p.lo), int(p.hi)))
        else:
            out[name] = draw(floats_in(p))
    for name in cls.flag_fields():
        out[name] = draw(st.booleans())
    return out


def _fields(draw: st.DrawFn, kind: str, money: _Money) -> dict[str, Any]:
    """In-range fields of one promotion of ``kind``."""
    if kind in FIELD_DRAWS:
        return FIELD_DRAWS[kind](draw, money)
    return registry_fields(draw, kind)


@st.composite
def promotion_of(
    draw: st.DrawFn, kind: str, sc: Scenario, full_range: bool = False
) -> dict[str, Any]:
    """One promotion of ``kind``: a window near the horizon, pre-heat days, an audience."""
    start, end = draw(windows(sc.horizon_days))
    fields = _fields(draw, kind, _Money(sc, full_range))
    open_audience = KINDS[kind].OPEN_AUDIENCE and not fields.get("post_purchase", False)
    audiences = PARAMS["promotion.audience"].choices if open_audience else ("all",)
    return {
        "kind": kind,
        "start_day": start,
        "end_day": end,
        "preheat_days": draw(st.integers(0, int(PARAMS["promotion.preheat_days"].hi))),
        "audience": draw(st.sampled_from(audiences)),
        **fields,
    }


@st.composite
def promotion_lists(
    draw: st.DrawFn, sc: Scenario, max_size: int = 3, full_range: bool = False
) -> list[dict[str, Any]]:
    """0–``max_size`` promotions of distinct kinds (so never two of one kind, at most 3 layers:
    always valid under seed 003's stacking rule), each with in-range fields."""
    kinds = draw(st.lists(st.sampled_from(tuple(KINDS)), max_size=max_size, unique=True))
    return [draw(promotion_of(kind, sc, full_range)) for kind in kinds]
