"""The ``Scenario``: every input of one simulation, validated at the boundary.

A pydantic v2 model, ``extra="forbid"``, whose every bound and default comes from the parameter
registry (``registry.py``). An invalid value raises ``pydantic.ValidationError`` whose message
names the field path and its allowed range, e.g.
``store.aov must be within [1, 100000] yuan (got -5)``.

``set_param(scenario, "funnel.conversion_rate", 0.03)`` returns a validated copy.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .registry import PARAMS, Param

WEEKDAYS = 7


def pf(path: str) -> Any:
    """A pydantic ``Field`` whose default and bounds come from the registry entry ``path``."""
    p = PARAMS[path]
    extra = {"unit": p.unit, "provenance": p.provenance, "path": path}
    if p.kind == "choice":
        return Field(default=p.default, description=p.en, json_schema_extra=extra)
    if path == "traffic.weekday_profile":
        return Field(
            default=(float(p.default),) * WEEKDAYS, description=p.en, json_schema_extra=extra
        )
    return Field(default=p.default, ge=p.lo, le=p.hi, description=p.en, json_schema_extra=extra)


class ParamRangeError(ValueError):
    """A value outside its registry range; carries the path so a UI can say it in its language."""

    def __init__(self, param: Param, value: object, reason: str = "range") -> None:
        self.param, self.value, self.reason = param, value, reason
        what = {"range": "", "number": "a number ", "whole": "a whole number "}[reason]
        super().__init__(f"{param.path} must be {what}within {param.range_text()} (got {value!r})")


def _check(p: Param, value: Any) -> Any:
    """Range check with a message naming the path and range (runs before type coercion)."""
    if p.kind == "choice":
        if value not in p.choices:
            raise ParamRangeError(p, value)
        return value
    if isinstance(value, bool):
        raise ParamRangeError(p, value, "number")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ParamRangeError(p, value, "number") from None
    if not math.isfinite(x) or x < p.lo or x > p.hi:
        raise ParamRangeError(p, value)
    if p.kind == "int":
        if x != int(x):
            raise ParamRangeError(p, value, "whole")
        return int(x)
    return x


class _Section(BaseModel):
    """Base of every part of a Scenario: forbids unknown keys, checks ranges via the registry."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    _prefix: ClassVar[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _registry_ranges(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {k: cls._check_field(str(k), v) for k, v in data.items()}

    @classmethod
    def _check_field(cls, name: str, value: Any) -> Any:
        path = f"{cls._prefix}.{name}" if cls._prefix else name
        p = PARAMS.get(path) or PARAMS.get(f"{cls._prefix.split('.')[0]}.{name}")
        if p is None:
            return value
        if path == "traffic.weekday_profile":
            if not isinstance(value, list | tuple) or len(value) != WEEKDAYS:
                raise ValueError(f"{path} must be a list of {WEEKDAYS} numbers (Monday…Sunday)")
            vals = tuple(_check(p, v) for v in value)
            if sum(vals) <= 0:
                raise ValueError(f"{path} needs at least one day above 0")
            return vals
        return _check(p, value)


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
            raise ValueError(
                f"campaign end_day ({self.end_day}) must not be before start_day ({self.start_day})"
            )
        return self


class Traffic(_Section):
    _prefix = "traffic"
    organic_uv: float = pf("traffic.organic_uv")
    growth_pct_month: float = pf("traffic.growth_pct_month")
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


class Repeat(_Section):
    _prefix = "repeat"
    r: float = pf("repeat.r")
    a: float = pf("repeat.a")
    b: float = pf("repeat.b")
    aov_ratio: float = pf("repeat.aov_ratio")


class Service(_Section):
    _prefix = "service"
    agents: int = pf("service.agents")


class Finance(_Section):
    _prefix = "finance"
    shipping_cost: float = pf("finance.shipping_cost")
    platform_fee_rate: float = pf("finance.platform_fee_rate")
    return_rate: float = pf("finance.return_rate")
    agent_wage_per_day: float = pf("finance.agent_wage_per_day")


class ItemDiscount(_Section):
    """限时折扣 / 特价: a price cut of ``pct`` on a share ``coverage`` of sales (MODEL.md §5.1)."""

    _prefix = "promotion.item_discount"
    kind: Literal["item_discount"] = "item_discount"
    start_day: int = pf("promotion.start_day")
    end_day: int = pf("promotion.end_day")
    pct: float = pf("promotion.item_discount.pct")
    coverage: float = pf("promotion.item_discount.coverage")

    @model_validator(mode="after")
    def _ordered(self) -> ItemDiscount:
        if self.end_day < self.start_day:
            raise ValueError(
                f"promotion end_day ({self.end_day}) must not be before start_day ({self.start_day})"
            )
        return self


Promotion = Annotated[ItemDiscount, Field(discriminator="kind")]


class Scenario(_Section):
    """All inputs of one simulation. ``Scenario()`` equals ``load_preset("mid_store")``."""

    horizon_days: int = pf("horizon_days")
    store: Store = Field(default_factory=Store)
    traffic: Traffic = Field(default_factory=Traffic)
    funnel: Funnel = Field(default_factory=Funnel)
    payment: Payment = Field(default_factory=Payment)
    price: Price = Field(default_factory=Price)
    repeat: Repeat = Field(default_factory=Repeat)
    service: Service = Field(default_factory=Service)
    finance: Finance = Field(default_factory=Finance)
    promotions: tuple[Promotion, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        # MODEL.md §6.3: the silent path must carry a non-negative conversion.
        from .funnel import silent_conversion
        from .repurchase import calibrate_alpha

        if silent_conversion(self, self) < 0:
            f = self.funnel
            raise ValueError(
                "funnel: inquiry_rate × inquiry_conversion "
                f"({f.inquiry_rate:g} × {f.inquiry_conversion:g}) exceeds the new-customer placed "
                "conversion implied by conversion_rate and old_customer_share; lower the inquiry "
                "figures or raise conversion_rate"
            )
        try:
            calibrate_alpha(self.funnel.old_customer_share, float(self.store.age_days),
                            self.repeat.r, self.repeat.a, self.repeat.b)  # fmt: skip
        except ValueError as exc:
            raise ValueError(
                f"funnel.old_customer_share: {exc} (store.age_days, repeat.r, repeat.a, repeat.b)"
            ) from None
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
