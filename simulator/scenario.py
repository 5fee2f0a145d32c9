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

from pydantic import BaseModel, Field, field_validator, model_validator

from .errors import ModelError
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
from .sections import (  # noqa: F401  (re-exported: the sections' building blocks)
    SHOWN_CHARS,
    WEEKDAYS,
    ParamRangeError,
    _check,
    _Section,
    pf,
    shown,
)


class Store(_Section):
    _prefix = "store"
    aov: float = pf("store.aov")
    gross_margin: float = pf("store.gross_margin")
    units_per_order: float = pf("store.units_per_order")
    age_days: int = pf("store.age_days")
    shipping_fee: float = pf("store.shipping_fee")
    paid_shipping_share: float = pf("store.paid_shipping_share")


class PaidChannel(_Section):
    """A channel bought per click: 直通车 (paid search) or 钻展 (display)."""

    budget_per_day: float = 0.0
    cpc: float = 1.0
    quality: float = 1.0


class PaidSearch(PaidChannel):
    _prefix = "traffic.paid_search"
    budget_per_day: float = pf("traffic.paid_search.budget_per_day")
    cpc: float = pf("traffic.paid_search.cpc")
    quality: float = pf("traffic.paid_search.quality")


class Display(PaidChannel):
    _prefix = "traffic.display"
    budget_per_day: float = pf("traffic.display.budget_per_day")
    cpc: float = pf("traffic.display.cpc")
    quality: float = pf("traffic.display.quality")


class Affiliate(_Section):
    _prefix = "traffic.affiliate"
    uv_per_day: float = pf("traffic.affiliate.uv_per_day")
    commission_rate: float = pf("traffic.affiliate.commission_rate")
    quality: float = pf("traffic.affiliate.quality")


CampaignKind = Literal["juhuasuan", "tiantian_tejia", "other"]


class Campaign(_Section):
    """A platform-campaign window (聚划算, 天天特价, …): its own UV and traffic quality."""

    _prefix = "campaign"
    kind: CampaignKind = "tiantian_tejia"
    start_day: int = pf("campaign.start_day")
    end_day: int = pf("campaign.end_day")
    platform_uv: float = pf("campaign.platform_uv")
    store_share: float = pf("campaign.store_share")
    quality: float = pf("campaign.quality")
    fee_per_day: float = pf("campaign.fee_per_day")
    commission_rate: float = pf("campaign.commission_rate")

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
    organic_uv: float = pf("traffic.organic_uv")
    growth_pct_month: float = pf("traffic.growth_pct_month")
    market_ceiling: float = pf("traffic.market_ceiling")
    weekday_profile: tuple[float, ...] = pf("traffic.weekday_profile")
    precise_share: float = pf("traffic.precise_share")
    imprecise_quality: float = pf("traffic.imprecise_quality")
    paid_search: PaidSearch = Field(default_factory=PaidSearch)
    display: Display = Field(default_factory=Display)
    affiliate: Affiliate = Field(default_factory=Affiliate)
    campaigns: tuple[Campaign, ...] = ()


class Funnel(_Section):
    _prefix = "funnel"
    conversion_rate: float = pf("funnel.conversion_rate")
    old_customer_share: float = pf("funnel.old_customer_share")
    inquiry_rate: float = pf("funnel.inquiry_rate")
    inquiry_conversion: float = pf("funnel.inquiry_conversion")
    returning_visits_per_order: float = pf("funnel.returning_visits_per_order")


class Payment(_Section):
    _prefix = "payment"
    pay_now_share: float = pf("payment.pay_now_share")
    late_pay_share: float = pf("payment.late_pay_share")
    reminder_lift: float = pf("payment.reminder_lift")
    excluded_share: float = pf("payment.excluded_share")
    reminders: int = pf("payment.reminders")
    reminder_delay_min: float = pf("payment.reminder_delay_min")
    timing_evidence: Literal["seed", "evidence"] = pf("payment.timing_evidence")
    phone_aov_threshold: float = pf("payment.phone_aov_threshold")
    sms_cost: float = pf("payment.sms_cost")
    call_cost: float = pf("payment.call_cost")


class Price(_Section):
    _prefix = "price"
    elasticity: float = pf("price.elasticity")
    conversion_share: float = pf("price.conversion_share")
    floor: float = pf("price.floor")
    repeat_share: float = pf("price.repeat_share")
    cannibalisation: float = pf("price.cannibalisation")
    reference_share: float = pf("price.reference_share")
    reference_persistence: float = pf("price.reference_persistence")
    loss_aversion: float = pf("price.loss_aversion")
    latitude: float = pf("price.latitude")
    pull_forward: float = pf("price.pull_forward")
    pull_forward_days: float = pf("price.pull_forward_days")
    preheat_dip: float = pf("price.preheat_dip")
    threshold_salience: float = pf("price.threshold_salience")


class Basket(_Section):
    _prefix = "basket"
    sigma: float = pf("basket.sigma")
    pad_value_share: float = pf("basket.pad_value_share")
    pad_max_prob: float = pf("basket.pad_max_prob")
    addon_base_rate: float = pf("basket.addon_base_rate")
    addon_slope: float = pf("basket.addon_slope")
    addon_cap: float = pf("basket.addon_cap")
    gift_salience: float = pf("basket.gift_salience")


class MemberPrice(_Section):
    """会员价: members pay ``discount`` less on their repeat orders (MODEL.md §5.8)."""

    _prefix = "membership.member_price"
    enabled: bool = False
    discount: float = pf("membership.member_price.discount")


class MemberDay(_Section):
    """会员日: one day per 30-day month members' repeat hazard × (1 + ``uplift``) (§5.8)."""

    _prefix = "membership.member_day"
    enabled: bool = False
    uplift: float = pf("membership.member_day.uplift")
    day_of_month: int = pf("membership.member_day.day_of_month")


class Points(_Section):
    """积分: seed 003's earning rules, breakage, redemption lag and a liability ledger (§5.9)."""

    _prefix = "membership.points"
    enabled: bool = False
    per_yuan: float = pf("membership.points.per_yuan")
    prompt_pay_share: float = pf("membership.points.prompt_pay_share")
    #: Seed 003's +10 for a confirmed receipt with a good review within 5 days. Rewarding 好评 may
    #: break the platform's review rules (MODEL.md §5.9): the UI warns while it is on.
    review_reward: bool = True
    review_share: float = pf("membership.points.review_share")
    signin_rate: float = pf("membership.points.signin_rate")
    favourite_share: float = pf("membership.points.favourite_share")
    yuan_per_point: float = pf("membership.points.yuan_per_point")
    breakage: float = pf("membership.points.breakage")
    redemption_lag_days: float = pf("membership.points.redemption_lag_days")
    valid_lag_days: int = pf("membership.points.valid_lag_days")


class Card(_Section):
    """包邮卡: seed 003's tiers, price, uptake, shipping given away, sBG renewals (§5.10)."""

    _prefix = "membership.card"
    enabled: bool = False
    tier: Literal["T1", "T2", "T3"] = pf("membership.card.tier")
    price: float = pf("membership.card.price")
    uptake: float = pf("membership.card.uptake")
    repeat_uplift: float = pf("membership.card.repeat_uplift")
    renewal_alpha: float = pf("membership.card.renewal_alpha")
    renewal_beta: float = pf("membership.card.renewal_beta")
    wtp_ratio: float = pf("membership.card.wtp_ratio")
    wtp_sigma: float = pf("membership.card.wtp_sigma")


class StoredValue(_Section):
    """储值卡: seed 004's top-up tiers with bonus gifts, breakage, liability, cash timing (§5.12)."""

    _prefix = "membership.stored_value"
    enabled: bool = False
    amount: Literal["500", "1000"] = pf("membership.stored_value.amount")
    uptake: float = pf("membership.stored_value.uptake")
    breakage: float = pf("membership.stored_value.breakage")
    spend_lag_days: float = pf("membership.stored_value.spend_lag_days")
    repeat_uplift: float = pf("membership.stored_value.repeat_uplift")


class Referral(_Section):
    """裂变: members bring new buyers; seed 004's reward tiers; K ≥ 1 is flagged (§5.13)."""

    _prefix = "membership.referral"
    enabled: bool = False
    rate: float = pf("membership.referral.rate")
    active_days: float = pf("membership.referral.active_days")
    repeat_multiplier: float = pf("membership.referral.repeat_multiplier")


class Outreach(_Section):
    """Old customers notified by SMS or phone before campaign days buy again more (§6.6)."""

    _prefix = "membership.outreach"
    enabled: bool = False
    uplift: float = pf("membership.outreach.uplift")
    reach: float = pf("membership.outreach.reach")
    channel: Literal["sms", "phone"] = pf("membership.outreach.channel")


class Membership(_Section):
    """Members and the schemes that bring old customers back (MODEL.md §4.5, §5.8–5.13)."""

    _prefix = "membership"
    enrollment_rate: float = pf("membership.enrollment_rate")
    repeat_uplift: float = pf("membership.repeat_uplift")
    fee: float = pf("membership.fee")
    renewal_alpha: float = pf("membership.renewal_alpha")
    renewal_beta: float = pf("membership.renewal_beta")
    wtp_ratio: float = pf("membership.wtp_ratio")
    wtp_sigma: float = pf("membership.wtp_sigma")
    member_price: MemberPrice = MemberPrice()
    member_day: MemberDay = MemberDay()
    points: Points = Points()
    card: Card = Card()
    stored_value: StoredValue = StoredValue()
    referral: Referral = Referral()
    outreach: Outreach = Outreach()


class Repeat(_Section):
    _prefix = "repeat"
    r: float = pf("repeat.r")
    a: float = pf("repeat.a")
    b: float = pf("repeat.b")
    aov_ratio: float = pf("repeat.aov_ratio")
    spend_model: Literal["ratio", "gamma_gamma"] = pf("repeat.spend_model")
    gg_p: float = pf("repeat.gg_p")
    gg_q: float = pf("repeat.gg_q")
    gg_v: float = pf("repeat.gg_v")

    @model_validator(mode="after")
    def _gg_mean_in_range(self) -> Repeat:
        """The Gamma-Gamma repeat order value p·v/(q − 1) must be an order value the store could
        have (the range of ``store.aov``)."""
        if self.spend_model == "gamma_gamma":
            lo, hi = PARAMS["store.aov"].lo, PARAMS["store.aov"].hi
            mean = self.gg_p * self.gg_v / (self.gg_q - 1.0)
            if not lo <= mean <= hi:
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

    lifetime_days: int = pf("repeat.lifetime_days")
    bad_experience_share: float = pf("repeat.bad_experience_share")
    bad_experience_factor: float = pf("repeat.bad_experience_factor")
    clv_discount_rate: float = pf("repeat.clv_discount_rate")
    clv_horizon_days: int = pf("repeat.clv_horizon_days")


class Service(_Section):
    """The customer-service desk (MODEL.md §6.2): agents online in service hours, their chats and
    handling time, and the response-time → inquiry-conversion curve."""

    _prefix = "service"
    agents: int = pf("service.agents")
    campaign_extra_agents: int = pf("service.campaign_extra_agents")
    start_hour: int = pf("service.start_hour")
    end_hour: int = pf("service.end_hour")
    chats_per_agent: int = pf("service.chats_per_agent")
    handle_min: float = pf("service.handle_min")
    rt_ref_s: float = pf("service.rt_ref_s")
    rt_half_life_s: float = pf("service.rt_half_life_s")
    rt_max_s: float = pf("service.rt_max_s")
    auto_reply_factor: float = pf("service.auto_reply_factor")

    @model_validator(mode="after")
    def _hours(self) -> Service:
        if self.end_hour <= self.start_hour:
            raise ModelError(
                "hours",
                f"service: end_hour ({self.end_hour}) must be after start_hour ({self.start_hour})",
                start=self.start_hour,
                end=self.end_hour,
            )
        if self.rt_max_s <= self.rt_ref_s:
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
    capacity_per_day: float = pf("fulfilment.capacity_per_day")
    campaign_extra_capacity: float = pf("fulfilment.campaign_extra_capacity")
    late_base: float = pf("fulfilment.late_base")
    delay_scale_days: float = pf("fulfilment.delay_scale_days")
    damage_rate: float = pf("fulfilment.damage_rate")
    delivery_days: float = pf("fulfilment.delivery_days")
    ship_by_days: int = pf("fulfilment.ship_by_days")
    cancel_hazard: float = pf("fulfilment.cancel_hazard")
    late_compensation_rate: float = pf("fulfilment.late_compensation_rate")
    late_compensation_min: float = pf("fulfilment.late_compensation_min")
    late_compensation_max: float = pf("fulfilment.late_compensation_max")
    cancelled_repeat_factor: float = pf("fulfilment.cancelled_repeat_factor")


class DSRInitial(_Section):
    """The shop's three 180-day scores today (描述/服务/物流)."""

    _prefix = "dsr.initial"
    description: float = pf("dsr.initial.description")
    service: float = pf("dsr.initial.service")
    logistics: float = pf("dsr.initial.logistics")


class DSR(_Section):
    """Ratings, the rolling windows, the industry comparison and the feedback (MODEL.md §7)."""

    _prefix = "dsr"
    initial: DSRInitial = DSRInitial()
    rating_rate: float = pf("dsr.rating_rate")
    review_lag_days: float = pf("dsr.review_lag_days")
    window: Literal["seed", "strict"] = pf("dsr.window")
    industry_mean: float = pf("dsr.industry_mean")
    industry_max: float = pf("dsr.industry_max")
    beta: float = pf("dsr.beta")
    beta_negative: float = pf("dsr.beta_negative")
    gate: float = pf("dsr.gate")
    late_service_loading: float = pf("dsr.late_service_loading")
    response_loading: float = pf("dsr.response_loading")
    deal_loading: float = pf("dsr.deal_loading")
    padding_loading: float = pf("dsr.padding_loading")

    @model_validator(mode="after")
    def _industry(self) -> DSR:
        if self.industry_max <= self.industry_mean:
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
    shipping_cost: float = pf("finance.shipping_cost")
    platform_fee_rate: float = pf("finance.platform_fee_rate")
    return_rate: float = pf("finance.return_rate")
    agent_wage_per_day: float = pf("finance.agent_wage_per_day")
    bubble_return_rate: float = pf("finance.bubble_return_rate")


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
    horizon_days: int = pf("horizon_days")

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

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        check_stacking(self.promotions, self.start_date)
        # MODEL.md §6.3: the silent path must carry a non-negative conversion.
        from .funnel import silent_conversion
        from .repurchase import check_old_share

        if (c_sil := silent_conversion(self, self)) < 0:
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
