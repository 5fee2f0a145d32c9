"""The ``Scenario``: every input of one simulation, validated at the boundary.

A pydantic v2 model, ``extra="forbid"``, whose every bound and default comes from the parameter
registry (``registry.py``). An invalid value raises ``pydantic.ValidationError`` whose message
names the field path and its allowed range, e.g.
``store.aov must be within [1, 100000] yuan (got -5)``.

``set_param(scenario, "funnel.conversion_rate", 0.03)`` returns a validated copy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field, field_validator, model_serializer, model_validator

from .errors import ModelError
from .funnel import silent_conversion
from .promotion_kinds import (  # noqa: F401  (re-exported: the scenario's promotion kinds)
    MAX_LAYERS,
    OPEN_AUDIENCE,
    PROMOTION_KINDS,
    Addon,
    Audience,
    Coupon,
    FreeShipping,
    Gift,
    ItemDiscount,
    Lottery,
    Prize,
    Promotion,
    PromotionKind,
    SecondItem,
    StackingError,
    ThresholdDiscount,
    check_stacking,
)
from .registry import PARAMS
from .repurchase import check_old_share, old_share_reachable
from .sections import (  # noqa: F401  (re-exported: the sections' building blocks)
    SHOWN_CHARS,
    WEEKDAYS,
    ParamRangeError,
    _check,
    _Section,
    pf,
    shown,
)
from .uncertainty import Override, check_correlations, check_override


class Store(_Section):
    _prefix = "store"
    aov: float = pf()
    gross_margin: float = pf()
    units_per_order: float = pf()
    age_days: int = pf()
    shipping_fee: float = pf()
    paid_shipping_share: float = pf()


class PaidChannel(_Section):
    """A channel bought per click: 直通车 (paid search) or 钻展 (display)."""

    budget_per_day: float = 0.0
    cpc: float = 1.0
    quality: float = 1.0


class PaidSearch(PaidChannel):
    _prefix = "traffic.paid_search"
    budget_per_day: float = pf()
    cpc: float = pf()
    quality: float = pf()


class Display(PaidChannel):
    _prefix = "traffic.display"
    budget_per_day: float = pf()
    cpc: float = pf()
    quality: float = pf()


class Affiliate(_Section):
    _prefix = "traffic.affiliate"
    uv_per_day: float = pf()
    commission_rate: float = pf()
    quality: float = pf()


CampaignKind = Literal["juhuasuan", "tiantian_tejia", "other"]


class Campaign(_Section):
    """A platform-campaign window (聚划算, 天天特价, …): its own UV and traffic quality."""

    _prefix = "campaign"
    kind: CampaignKind = "tiantian_tejia"
    start_day: int = pf()
    end_day: int = pf()
    platform_uv: float = pf()
    store_share: float = pf()
    quality: float = pf()
    fee_per_day: float = pf()
    commission_rate: float = pf()

    @model_validator(mode="after")
    def _ordered(self) -> Campaign:
        if self.end_day < self.start_day:
            raise ModelError(
                "campaign_order",
                f"campaign end_day ({self.end_day}) must not be before start_day ({self.start_day})",
                start=self.start_day,
                end=self.end_day,
            )
        return self


class Traffic(_Section):
    _prefix = "traffic"
    organic_uv: float = pf()
    growth_pct_month: float = pf()
    market_ceiling: float = pf()
    weekday_profile: tuple[float, ...] = pf()
    precise_share: float = pf()
    imprecise_quality: float = pf()
    paid_search: PaidSearch = Field(default_factory=PaidSearch)
    display: Display = Field(default_factory=Display)
    affiliate: Affiliate = Field(default_factory=Affiliate)
    campaigns: tuple[Campaign, ...] = ()


class Funnel(_Section):
    _prefix = "funnel"
    conversion_rate: float = pf()
    old_customer_share: float = pf()
    inquiry_rate: float = pf()
    inquiry_conversion: float = pf()
    returning_visits_per_order: float = pf()


class Payment(_Section):
    _prefix = "payment"
    pay_now_share: float = pf()
    late_pay_share: float = pf()
    reminder_lift: float = pf()
    excluded_share: float = pf()
    reminders: int = pf()
    reminder_delay_min: float = pf()
    timing_evidence: Literal["seed", "evidence"] = pf()
    phone_aov_threshold: float = pf()
    sms_cost: float = pf()
    call_cost: float = pf()


class Price(_Section):
    _prefix = "price"
    elasticity: float = pf()
    conversion_share: float = pf()
    floor: float = pf()
    repeat_share: float = pf()
    cannibalisation: float = pf()
    reference_share: float = pf()
    reference_persistence: float = pf()
    loss_aversion: float = pf()
    latitude: float = pf()
    pull_forward: float = pf()
    pull_forward_days: float = pf()
    preheat_dip: float = pf()
    threshold_salience: float = pf()


class Basket(_Section):
    _prefix = "basket"
    sigma: float = pf()
    pad_value_share: float = pf()
    pad_max_prob: float = pf()
    addon_base_rate: float = pf()
    addon_slope: float = pf()
    addon_cap: float = pf()
    gift_salience: float = pf()


class MemberPrice(_Section):
    """会员价: members pay ``discount`` less on their repeat orders (MODEL.md §5.8)."""

    _prefix = "membership.member_price"
    enabled: bool = False
    discount: float = pf()


class MemberDay(_Section):
    """会员日: one day per 30-day month members' repeat hazard × (1 + ``uplift``) (§5.8)."""

    _prefix = "membership.member_day"
    enabled: bool = False
    uplift: float = pf()
    day_of_month: int = pf()


class Points(_Section):
    """积分: seed 003's earning rules, breakage, redemption lag and a liability ledger (§5.9)."""

    _prefix = "membership.points"
    enabled: bool = False
    per_yuan: float = pf()
    prompt_pay_share: float = pf()
    #: Seed 003's +10 for a confirmed receipt with a good review within 5 days. Rewarding 好评 may
    #: break the platform's review rules (MODEL.md §5.9): the UI warns while it is on.
    review_reward: bool = True
    review_share: float = pf()
    signin_rate: float = pf()
    favourite_share: float = pf()
    yuan_per_point: float = pf()
    breakage: float = pf()
    redemption_lag_days: float = pf()
    valid_lag_days: int = pf()


class Card(_Section):
    """包邮卡: seed 003's tiers, price, uptake, shipping given away, sBG renewals (§5.10)."""

    _prefix = "membership.card"
    enabled: bool = False
    tier: Literal["T1", "T2", "T3"] = pf()
    price: float = pf()
    uptake: float = pf()
    repeat_uplift: float = pf()
    renewal_alpha: float = pf()
    renewal_beta: float = pf()
    wtp_ratio: float = pf()
    wtp_sigma: float = pf()


class StoredValue(_Section):
    """储值卡: seed 004's top-up tiers with bonus gifts, breakage, liability, cash timing (§5.12)."""

    _prefix = "membership.stored_value"
    enabled: bool = False
    amount: Literal["500", "1000"] = pf()
    uptake: float = pf()
    breakage: float = pf()
    spend_lag_days: float = pf()
    repeat_uplift: float = pf()


class Referral(_Section):
    """裂变: members bring new buyers; seed 004's reward tiers; K ≥ 1 is flagged (§5.13)."""

    _prefix = "membership.referral"
    enabled: bool = False
    rate: float = pf()
    active_days: float = pf()
    repeat_multiplier: float = pf()


class Outreach(_Section):
    """Old customers notified by SMS or phone before campaign days buy again more (§6.6)."""

    _prefix = "membership.outreach"
    enabled: bool = False
    uplift: float = pf()
    reach: float = pf()
    channel: Literal["sms", "phone"] = pf()


class Membership(_Section):
    """Members and the schemes that bring old customers back (MODEL.md §4.5, §5.8–5.13)."""

    _prefix = "membership"
    enrollment_rate: float = pf()
    repeat_uplift: float = pf()
    fee: float = pf()
    renewal_alpha: float = pf()
    renewal_beta: float = pf()
    wtp_ratio: float = pf()
    wtp_sigma: float = pf()
    member_price: MemberPrice = MemberPrice()
    member_day: MemberDay = MemberDay()
    points: Points = Points()
    card: Card = Card()
    stored_value: StoredValue = StoredValue()
    referral: Referral = Referral()
    outreach: Outreach = Outreach()


class Repeat(_Section):
    _prefix = "repeat"
    r: float = pf()
    a: float = pf()
    b: float = pf()
    aov_ratio: float = pf()
    spend_model: Literal["ratio", "gamma_gamma"] = pf()
    gg_p: float = pf()
    gg_q: float = pf()
    gg_v: float = pf()

    @model_validator(mode="after")
    def _gg_mean_in_range(self) -> Repeat:
        """The Gamma-Gamma repeat order value p·v/(q − 1) must be an order value the store could
        have (the range of ``store.aov``)."""
        if self.spend_model == "gamma_gamma":
            lo, hi = PARAMS["store.aov"].lo, PARAMS["store.aov"].hi
            mean = gg_mean(self.gg_p, self.gg_q, self.gg_v)
            if not gg_mean_ok(self.gg_p, self.gg_q, self.gg_v):
                raise ModelError(
                    "gg_mean",
                    f"repeat: the Gamma-Gamma mean order value p·v/(q − 1) = {mean:.4g} yuan "
                    f"must lie within [{lo:g}, {hi:g}] yuan",
                    units={"mean": "yuan", "lo": "yuan", "hi": "yuan"},
                    mean=mean,
                    lo=lo,
                    hi=hi,
                )
        return self

    lifetime_days: int = pf()
    bad_experience_share: float = pf()
    bad_experience_factor: float = pf()
    clv_discount_rate: float = pf()
    clv_horizon_days: int = pf()


class Service(_Section):
    """The customer-service desk (MODEL.md §6.2): agents online in service hours, their chats and
    handling time, and the response-time → inquiry-conversion curve."""

    _prefix = "service"
    agents: int = pf()
    campaign_extra_agents: int = pf()
    start_hour: int = pf()
    end_hour: int = pf()
    chats_per_agent: int = pf()
    handle_min: float = pf()
    rt_ref_s: float = pf()
    rt_half_life_s: float = pf()
    rt_max_s: float = pf()
    auto_reply_factor: float = pf()

    @model_validator(mode="after")
    def _hours(self) -> Service:
        if not self.end_hour > self.start_hour:
            raise ModelError(
                "hours",
                f"service: end_hour ({self.end_hour}) must be after start_hour ({self.start_hour})",
                start=self.start_hour,
                end=self.end_hour,
            )
        if not self.rt_max_s > self.rt_ref_s:
            raise ModelError(
                "rt_max",
                f"service: rt_max_s ({self.rt_max_s:g}) must be above rt_ref_s ({self.rt_ref_s:g})",
                units={"rt_max": "s", "rt_ref": "s"},
                rt_max=self.rt_max_s,
                rt_ref=self.rt_ref_s,
            )
        return self


class Fulfilment(_Section):
    """Dispatch capacity, late deliveries and damage (MODEL.md §6.8)."""

    _prefix = "fulfilment"
    capacity_per_day: float = pf()
    campaign_extra_capacity: float = pf()
    late_base: float = pf()
    delay_scale_days: float = pf()
    damage_rate: float = pf()
    delivery_days: float = pf()
    ship_by_days: int = pf()
    cancel_hazard: float = pf()
    late_compensation_rate: float = pf()
    late_compensation_min: float = pf()
    late_compensation_max: float = pf()
    cancelled_repeat_factor: float = pf()


class DSRInitial(_Section):
    """The shop's three 180-day scores today (描述/服务/物流)."""

    _prefix = "dsr.initial"
    description: float = pf()
    service: float = pf()
    logistics: float = pf()


class DSR(_Section):
    """Ratings, the rolling windows, the industry comparison and the feedback (MODEL.md §7)."""

    _prefix = "dsr"
    initial: DSRInitial = DSRInitial()
    rating_rate: float = pf()
    review_lag_days: float = pf()
    window: Literal["seed", "strict"] = pf()
    industry_mean: float = pf()
    industry_max: float = pf()
    beta: float = pf()
    beta_negative: float = pf()
    gate: float = pf()
    late_service_loading: float = pf()
    response_loading: float = pf()
    deal_loading: float = pf()
    padding_loading: float = pf()

    @model_validator(mode="after")
    def _industry(self) -> DSR:
        if not self.industry_max > self.industry_mean:
            raise ModelError(
                "industry",
                f"dsr: industry_max ({self.industry_max:g}) must be above industry_mean "
                f"({self.industry_mean:g})",
                units={"top": "stars", "mean": "stars"},
                top=self.industry_max,
                mean=self.industry_mean,
            )
        return self


class Finance(_Section):
    _prefix = "finance"
    shipping_cost: float = pf()
    platform_fee_rate: float = pf()
    return_rate: float = pf()
    agent_wage_per_day: float = pf()
    bubble_return_rate: float = pf()


#: The calendar a scenario may start in: the platform's era (淘宝 2003) to a generous planning
#: horizon. Outside it a date is a typo (a year 20226), not a plan.
FIRST_START_DATE, LAST_START_DATE = dt.date(2003, 1, 1), dt.date(2100, 12, 31)


#: The platform's clock: China Standard Time, UTC+8 all year (no daylight saving), so "today"
#: is the operator's day whatever the server's time zone (a UTC server is a day behind Beijing
#: until 08:00).
CHINA_STANDARD_TIME = dt.timezone(dt.timedelta(hours=8), "CST")


def today() -> dt.date:
    """The default ``start_date``: today on the platform's calendar (China Standard Time)."""
    return dt.datetime.now(CHINA_STANDARD_TIME).date()


class Scenario(_Section):
    """All inputs of one simulation. ``Scenario()`` equals ``load_preset("mid_store")``.

    ``start_date`` is the calendar date of day 0 (default: today). Days stay the model's clock
    (promotion and campaign windows are 0-based day offsets); the date names them, aligns the
    weekday profile and the member day to the real calendar and dates ``Result.daily``.
    """

    start_date: dt.date = Field(
        default_factory=lambda: today(),  # looked up at each call (tests move "today")
        description="Calendar date of day 0 (ISO date)",
        json_schema_extra={"unit": "date", "provenance": "user", "path": "start_date"},
    )
    horizon_days: int = pf()

    @field_validator("start_date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> dt.date:
        """A calendar date or its ISO text ``YYYY-MM-DD``; a number (pydantic would read it as a
        Unix timestamp) or a date-time with a time of day is refused, not guessed."""
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0) or value.tzinfo is not None:
                raise ModelError(
                    "date_time",
                    f"start_date must be a date without a time (got {shown(value)})",
                    value=shown(value),
                )
            value = value.date()
        elif isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ModelError(
                    "date_iso",
                    f"start_date must be an ISO date YYYY-MM-DD (got {shown(value)})",
                    value=shown(value),
                ) from None
        if not isinstance(value, dt.date):
            raise ModelError(
                "date_iso",
                f"start_date must be an ISO date YYYY-MM-DD (got {shown(value)})",
                value=shown(value),
            )
        if not FIRST_START_DATE <= value <= LAST_START_DATE:
            raise ModelError(
                "date_range",
                f"start_date must be within [{FIRST_START_DATE}, {LAST_START_DATE}] (got {value})",
                units={"value": "date", "first": "date", "last": "date"},
                value=value.isoformat(),
                first=FIRST_START_DATE.isoformat(),
                last=LAST_START_DATE.isoformat(),
            )
        return value

    store: Store = Field(default_factory=Store)
    traffic: Traffic = Field(default_factory=Traffic)
    funnel: Funnel = Field(default_factory=Funnel)
    payment: Payment = Field(default_factory=Payment)
    price: Price = Field(default_factory=Price)
    repeat: Repeat = Field(default_factory=Repeat)
    service: Service = Field(default_factory=Service)
    fulfilment: Fulfilment = Field(default_factory=Fulfilment)
    dsr: DSR = Field(default_factory=DSR)
    finance: Finance = Field(default_factory=Finance)
    basket: Basket = Field(default_factory=Basket)
    membership: Membership = Field(default_factory=Membership)
    promotions: tuple[Promotion, ...] = ()
    #: The user's (or a calibration's) uncertainty per registry path, replacing the default spec
    #: (``uncertainty.py``); empty by default, and then left out of every dump, so files and
    #: share links written before it existed stay byte-identical.
    uncertainty: dict[str, Override] = Field(default_factory=dict)
    #: Correlations between uncertain parameters ("pathA|pathB" → ρ of their normal scores,
    #: ``uncertainty.correlate``), e.g. a fit's BG/NBD estimates; empty by default and then
    #: left out of every dump, like ``uncertainty``.
    correlations: dict[str, float] = Field(default_factory=dict)

    @field_validator("correlations")
    @classmethod
    def _known_correlations(cls, value: dict[str, float]) -> dict[str, float]:
        return check_correlations(value, PARAMS)

    @field_validator("uncertainty")
    @classmethod
    def _known_overrides(cls, value: dict[str, Override]) -> dict[str, Override]:
        for path, ov in value.items():
            check_override(path, ov, PARAMS)
        return value

    def __hash__(self) -> int:
        # frozen models hash their fields; the overrides' dict by its sorted items
        dicts = ("uncertainty", "correlations")
        fields = (getattr(self, f) for f in type(self).model_fields if f not in dicts)
        return hash((*fields, *(tuple(sorted(getattr(self, d).items())) for d in dicts)))

    @model_serializer(mode="wrap")
    def _without_empty_uncertainty(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        if isinstance(data, dict):
            for name in ("uncertainty", "correlations"):
                if not getattr(self, name):
                    data.pop(name, None)
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        check_stacking(self.promotions, self.start_date)
        # MODEL.md §6.3: the silent path must carry a non-negative conversion.
        if not (c_sil := silent_conversion(self, self)) >= 0:
            f = self.funnel
            product = f.inquiry_rate * f.inquiry_conversion
            raise ModelError(
                "funnel",
                "funnel: inquiry_rate × inquiry_conversion "
                f"({f.inquiry_rate:g} × {f.inquiry_conversion:g}) exceeds the new-customer placed "
                "conversion implied by conversion_rate and old_customer_share; lower the inquiry "
                "figures or raise conversion_rate",
                units=dict.fromkeys(("rate", "conversion", "product", "limit"), "fraction"),
                rate=f.inquiry_rate,
                conversion=f.inquiry_conversion,
                product=product,
                limit=product + c_sil * (1.0 - f.inquiry_rate),  # the placed new-customer rate
            )
        check_old_share(self.funnel.old_customer_share, float(self.store.age_days),
                        self.repeat.r, self.repeat.a, self.repeat.b,
                        float(self.repeat.lifetime_days))  # fmt: skip
        return self


def gg_mean(p: Any, q: Any, v: Any) -> Any:
    """The Gamma-Gamma mean repeat order value p·v/(q − 1) (elementwise; MODEL.md §6.6)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return p * v / (q - 1.0)


def gg_mean_ok(p: Any, q: Any, v: Any) -> Any:
    """Whether the Gamma-Gamma mean lies in the range of ``store.aov`` (elementwise)."""
    lo, hi = PARAMS["store.aov"].lo, PARAMS["store.aov"].hi
    mean = gg_mean(p, q, v)
    return np.logical_and(lo <= mean, mean <= hi)


def rules_hold(s: Scenario) -> Any:
    """Every cross-field rule of ``Scenario`` on numbers, elementwise: True (or, for a Monte
    Carlo batch whose drawn leaves are arrays, a boolean per path) where the validators above
    accept the values. Each term is the condition its validator raises on: the campaign and
    promotion days in order, the Gamma-Gamma mean in range, the service hours and response
    times in order, the industry's best DSR above its mean, a non-negative silent-path
    conversion and a reachable old-customer share. Rules on structure (audiences, stacking of
    promotion days, tiers, prizes) are not numbers a draw moves: ``montecarlo.batch_refusal``
    says when a draw touches them, and the draws are then validated one by one."""
    ok: Any = np.True_
    for c in s.traffic.campaigns:
        ok = ok & np.greater_equal(c.end_day, c.start_day)
    for promo in s.promotions:
        ok = ok & np.greater_equal(promo.end_day, promo.start_day)
    rp, sv, f = s.repeat, s.service, s.funnel
    if rp.spend_model == "gamma_gamma":
        ok = ok & gg_mean_ok(rp.gg_p, rp.gg_q, rp.gg_v)
    ok = ok & np.greater(sv.end_hour, sv.start_hour) & np.greater(sv.rt_max_s, sv.rt_ref_s)
    ok = ok & np.greater(s.dsr.industry_max, s.dsr.industry_mean)
    ok = ok & np.greater_equal(silent_conversion(s, s), 0.0)
    return ok & old_share_reachable(f.old_customer_share, s.store.age_days, rp.r, rp.a, rp.b,
                                    rp.lifetime_days)  # fmt: skip


def get_param(scenario: BaseModel, path: str) -> Any:
    """Value at a dotted path (``traffic.paid_search.cpc``)."""
    obj: Any = scenario
    for part in path.split("."):
        if not hasattr(obj, part) or part not in type(obj).model_fields:
            raise ValueError(f"unknown scenario path {path!r}")
        obj = getattr(obj, part)
    return obj


def set_param(scenario: Scenario, path: str, value: Any) -> Scenario:
    """A validated copy of ``scenario`` with ``path`` set to ``value``.

    Raises ``ValueError`` for an unknown path and ``pydantic.ValidationError`` (a ``ValueError``)
    for a value outside the registry range; never ignores silently.
    """
    get_param(scenario, path)  # unknown path -> ValueError
    data = scenario.model_dump(mode="python")
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value
    return Scenario.model_validate(data)
