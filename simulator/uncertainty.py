"""What we don't know: one uncertainty spec per registry parameter (MODEL.md §9.1).

A ``Spec`` is a distribution family, its parameters and a one-line reason. ``ppf(spec, u)`` maps
uniforms in (0, 1) (a Monte Carlo's scrambled-Sobol points, MODEL.md §9.2) to parameter values,
vectorised; ``quantiles(spec)`` gives P10, P50, P90. ``PARAMS[path].uncertainty`` (registry.py)
is the spec at the registry default; ``spec_for(param, value)`` the same rule around a scenario's
own value; ``Override`` is what a user (or a calibration) sets instead, stored in
``Scenario.uncertainty``.

Which parameters are uncertain. Only the world's unknowns get a distribution: how buyers, the
platform and the market respond (elasticity, conversion, repeat rates, lags, loadings). Fixed
(``family="fixed"``) are

* the operator's decisions and the plan's levers (horizon, dates, budgets, discount depths,
  thresholds, prices, staffing, the points rules they write) — a decision is not uncertain;
* the shop's own books and rules of the platform (margin, shipping cost, wages, fee rates,
  ship-by and compensation rules, the store's age and current DSR) — the operator knows them;
* identities and structural choices (``repeat.gg_v`` = AOV·(q − 1)/p follows its sources;
  choices, booleans and counts the engine reads as whole numbers).

The rule by provenance (MODEL.md §0), for a world unknown at value x in its range [lo, hi]:

======================  ======================================  =================================
provenance              a fraction (unit ``fraction``, ≤ 1)     any other positive number
======================  ======================================  =================================
SEED, dashboard         Beta, concentration κ = 1000            LogNormal, sd of ln 0.10
LIT, SECONDARY,         Beta, κ = 100                           LogNormal, sd of ln 0.25
DERIVED (from a fit)
ASSUMPTION              Beta, κ = 20                            LogNormal, sd of ln 0.50
======================  ======================================  =================================

[ASSUMPTION] κ = 1000 reads a seed rate as if counted over 1,000 trials; a small rate x keeps
at most the LogNormal's relative spread of the same row, κ ≥ (1 − x)/(σ²x) − 1 (so CR0 = 2.4 %
gets P10–P90 ≈ 2.1–2.7 %, not 2.4 % ± 60 % of itself from κ alone); sd of ln 0.10 is MODEL.md §9.1's spread for AOV0, 0.25 and 0.50 double it
per step of weaker evidence (P90/P10 = e^(2·1.2816·σ): ×1.29, ×1.90, ×3.6). "Dashboard" numbers
(visitors, order value, conversion, old-customer share: MODEL.md §10c) are read off the shop's
own dashboard, so only today's sampling noise is unknown: narrow whatever the default's label.

Every spec's median is the value it is built around, and its support lies inside [lo, hi]:

* A Beta is parameterised by mean m and concentration κ (α = mκ, β = (1 − m)κ, MODEL.md §9.1);
  m is solved so the *median* is x.
* A distribution reaching past [lo, hi] is truncated by cutting the same probability ``tail``
  from both ends (ppf(u) = F⁻¹(tail + u·(1 − 2·tail))), so the median stays at x;
  ``tail = max(F(lo), 1 − F(hi))``.
* When that would cut more than ``MAX_TAIL`` (a value near the edge of a narrow range), the
  spec falls back to a symmetric Triangular(x − w, x, x + w), w the distance to the nearer edge
  capped at 2σ·|x|; MODEL.md §9.1's Triangular(min, mode = default, max) is made symmetric the
  same way (with a skewed range the median would leave the default).
* A value at an edge of its range cannot be the median of a spread inside it: fixed.

The Monte Carlo draws these marginals independently, except pairs named in
``Scenario.correlations`` (ρ of their normal scores, ``correlate``: a Gaussian copula that keeps
each marginal): a calibration writes there the correlations of the BG/NBD (r, a, b) and
Gamma-Gamma (p, q, v) estimates its fit gives (``fit_correlations``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict
from scipy import optimize, special, stats

from .errors import ModelError

if TYPE_CHECKING:  # the registry imports this module; only its type is needed here
    from .registry import Param

Family = Literal["fixed", "beta", "lognormal", "normal", "triangular", "uniform"]
#: Why a spec is what it is: a fixed one's reason (a decision, the shop's books, an identity, a
#: shape, a choice of question, already inside today's numbers, a structural choice or count, a
#: value on its range's edge), or an uncertain one's evidence (a provenance label, the dashboard,
#: a named exception), or a user's or calibration's override.
Basis = Literal[
    "decision", "books", "identity", "shape", "question", "inside", "choice", "count", "edge",
    "SEED", "LIT", "SECONDARY", "DERIVED", "ASSUMPTION", "dashboard", "named", "user",
    "calibrated",
]  # fmt: skip

#: z of the 90th percentile: P10 and P90 of a normal lie at mean ∓ Z90·sd.
Z90 = float(stats.norm.ppf(0.9))
#: Most probability cut from each tail to fit a range before falling back to a Triangular.
MAX_TAIL = 0.15
#: Beta concentration κ by strength of evidence (see the table above) [ASSUMPTION].
KAPPA = {"narrow": 1000.0, "lit": 100.0, "wide": 20.0}
#: Largest concentration used (a rate of 1e-6 would otherwise ask for κ ≈ 1e8).
KAPPA_MAX = 1e6
#: Sd of ln by strength of evidence; 0.10 is MODEL.md §9.1's AOV0 spread [ASSUMPTION].
SIGMA = {"narrow": 0.10, "lit": 0.25, "wide": 0.50}
_STRENGTH = {
    "SEED": "narrow",
    "LIT": "lit",
    "SECONDARY": "lit",
    "DERIVED": "lit",
    "ASSUMPTION": "wide",
}


@dataclass(frozen=True, kw_only=True)
class Spec:
    """One parameter's uncertainty.

    ``params`` by family: fixed (value,); beta (α, β); lognormal (median, sd of ln); normal
    (mean, sd); triangular (left, mode, right); uniform (low, high). ``tail`` is the probability
    cut from each end so the support fits the parameter's range (the median is kept).
    ``integer``: values are rounded (a count such as days of lifetime). ``reason``: why this
    distribution, with its provenance; ``basis``: the same as a code a UI says in words.
    """

    family: Family
    params: tuple[float, ...]
    reason: str
    tail: float = 0.0
    integer: bool = False
    lo: float = -math.inf
    hi: float = math.inf
    basis: Basis = "ASSUMPTION"

    @property
    def fixed(self) -> bool:
        return self.family == "fixed"

    def dist(self) -> stats.rv_continuous | None:
        """The scipy frozen distribution (None when fixed)."""
        return _dist(self.family, self.params)


def _dist(family: Family, p: tuple[float, ...]):  # -> a scipy frozen distribution
    if family == "beta":
        return stats.beta(p[0], p[1])
    if family == "lognormal":
        return stats.lognorm(s=p[1], scale=p[0])
    if family == "normal":
        return stats.norm(loc=p[0], scale=p[1])
    if family == "triangular":
        left, mode, right = p
        return stats.triang(c=(mode - left) / (right - left), loc=left, scale=right - left)
    if family == "uniform":
        return stats.uniform(loc=p[0], scale=p[1] - p[0])
    return None


def _inverse(family: Family, p: tuple[float, ...], q: np.ndarray) -> np.ndarray:
    """The quantile function of ``family`` with parameters ``p`` at ``q`` ∈ [0, 1]: closed
    forms from ``scipy.special`` (the same values as the frozen distribution's ``ppf``, without
    building one per call — a Monte Carlo calls this for every uncertain parameter)."""
    if family == "beta":
        return special.betaincinv(p[0], p[1], q)
    if family == "lognormal":
        return p[0] * np.exp(p[1] * special.ndtri(q))
    if family == "normal":
        return p[0] + p[1] * special.ndtri(q)
    if family == "triangular":
        left, mode, right = p
        width = right - left
        c = (mode - left) / width if width > 0 else 0.5
        lower = left + np.sqrt(q * c) * width
        upper = right - np.sqrt((1.0 - q) * (1.0 - c)) * width
        return np.where(q < c, lower, upper)
    return p[0] + q * (p[1] - p[0])  # uniform


def ppf(spec: Spec, u: np.typing.ArrayLike) -> np.ndarray:
    """Parameter values at uniforms ``u`` ∈ [0, 1] (any shape; monotone non-decreasing in u)."""
    u = np.asarray(u, dtype=float)
    if spec.fixed:
        return np.full(u.shape, spec.params[0])
    q = spec.tail + u * (1.0 - 2.0 * spec.tail)
    out = np.asarray(_inverse(spec.family, spec.params, q), dtype=float)
    out = np.clip(out, spec.lo, spec.hi)  # float round-off at u = 0 or 1: never past the range
    return np.rint(out) if spec.integer else out


def quantiles(spec: Spec, q: tuple[float, ...] = (0.1, 0.5, 0.9)) -> tuple[float, ...]:
    """The spec's quantiles (default P10, P50, P90)."""
    return tuple(float(v) for v in ppf(spec, np.asarray(q)))


def support(spec: Spec) -> tuple[float, float]:
    """Smallest and largest value the spec draws."""
    lo, hi = ppf(spec, np.array([0.0, 1.0]))
    return float(lo), float(hi)


# ---------------------------------------------------------------------------- builders
def fixed(value: float, reason: str, basis: Basis = "decision") -> Spec:
    return Spec(family="fixed", params=(float(value),), reason=reason, basis=basis)


def beta_from_counts(k: int, n: int, reason: str = "") -> Spec:
    """Beta(k + 1, n − k + 1): a rate seen k times in n trials under a flat prior (MODEL.md §9.1;
    12 of 215 → Beta(13, 204), mean 0.05991)."""
    if not 0 <= k <= n:
        raise ValueError(f"counts need 0 ≤ k ≤ n (got k={k}, n={n})")
    return Spec(family="beta", params=(k + 1.0, n - k + 1.0), reason=reason or f"{k} of {n}")


def beta_mean_kappa(m: float, kappa: float) -> tuple[float, float]:
    """(α, β) = (mκ, (1 − m)κ) (MODEL.md §9.1)."""
    return m * kappa, (1.0 - m) * kappa


def _beta_with_median(x: float, kappa: float) -> tuple[float, float]:
    """(α, β) of the Beta of concentration κ whose median is x (the mean m solved for)."""

    def gap(m: float) -> float:
        return float(stats.beta.median(*beta_mean_kappa(m, kappa))) - x

    eps = 1e-12
    m = optimize.brentq(gap, eps, 1.0 - eps, xtol=1e-16, rtol=4 * np.finfo(float).eps)
    return beta_mean_kappa(m, kappa)


def _fitted(family: Family, params: tuple[float, ...], lo: float, hi: float,
            reason: str, integer: bool, basis: Basis) -> Spec | None:  # fmt: skip
    """The spec truncated into [lo, hi] at equal tails, or None if that cuts > MAX_TAIL."""
    d = _dist(family, params)
    tail = max(float(d.cdf(lo)), float(d.sf(hi)), 0.0)
    if tail > MAX_TAIL:
        return None
    return Spec(family=family, params=params, reason=reason, tail=tail, integer=integer,
                lo=lo, hi=hi, basis=basis)  # fmt: skip


def _triangular(x: float, lo: float, hi: float, cap: float, reason: str, integer: bool,
                basis: Basis) -> Spec:  # fmt: skip
    w = min(x - lo, hi - x, cap)
    return Spec(family="triangular", params=(x - w, x, x + w), reason=reason, integer=integer,
                lo=lo, hi=hi, basis=basis)  # fmt: skip


def around(
    family: Family,
    x: float,
    lo: float,
    hi: float,
    *,
    width: float,
    reason: str,
    integer: bool = False,
    basis: Basis = "ASSUMPTION",
) -> Spec:
    """A spec of ``family`` with median x inside [lo, hi].

    ``width``: κ for a Beta, sd of ln for a LogNormal, sd for a Normal, the half-width for a
    Triangular or Uniform. Falls back to a symmetric Triangular when the truncation would cut
    more than ``MAX_TAIL``; fixed when x sits on an edge of [lo, hi].
    """
    edge = 1e-9 * max(1.0, hi - lo)  # closer than this to an edge: on it
    if not lo + edge < x < hi - edge or width <= 0:
        return fixed(x, f"{reason}; at the edge of its range [{lo:g}, {hi:g}]: fixed", "edge")
    if family in ("triangular", "uniform"):
        w = min(x - lo, hi - x, width)
        p = (x - w, x, x + w) if family == "triangular" else (x - w, x + w)
        return Spec(family=family, params=p, reason=reason, integer=integer, lo=lo, hi=hi,
                    basis=basis)  # fmt: skip
    if family == "beta":
        if not 1e-9 < x < 1.0 - 1e-9:
            return fixed(x, f"{reason}; at the edge of (0, 1): fixed", "edge")
        params = _beta_with_median(x, min(width, KAPPA_MAX))
        cap = 2.0 * Z90 * math.sqrt(x * (1 - x) / (width + 1.0))
    elif family == "lognormal":
        if x <= 0:
            raise ValueError(f"a LogNormal needs a positive value (got {x:g})")
        params = (x, width)
        cap = 2.0 * width * x
    elif family == "normal":
        params = (x, width)
        cap = 2.0 * width
    else:
        raise ValueError(f"unknown family {family!r}")
    spec = _fitted(family, params, lo, hi, reason, integer, basis)
    if spec is None:
        return _triangular(x, lo, hi, cap, f"{reason}; symmetric Triangular to fit the range",
                           integer, basis)  # fmt: skip
    return spec


# ---------------------------------------------------------------------------- the table
_DECISION = "the operator's decision (a plan lever, date or rule they set): not uncertain"
_BOOKS = "the shop's own figure or a platform rule: the operator knows it (enter yours)"
_DASHBOARD = "read off the shop's dashboard (MODEL.md §10c): only today's sampling noise"

#: Fixed parameters, each with why (decisions, own books, identities).
FIXED: dict[str, str] = {
    "horizon_days": "how many days to look at: a choice of the question, not uncertain",
    "store.gross_margin": _BOOKS,
    "store.age_days": _BOOKS,
    "store.shipping_fee": _DECISION,
    "traffic.weekday_profile": "a shape normalised to mean 1: its level is organic visitors'",
    "traffic.paid_search.budget_per_day": _DECISION,
    "traffic.display.budget_per_day": _DECISION,
    "traffic.affiliate.uv_per_day": _DECISION,
    "traffic.affiliate.commission_rate": _DECISION,
    "campaign.start_day": _DECISION,
    "campaign.end_day": _DECISION,
    "campaign.fee_per_day": "a contract term with the platform: known",
    "campaign.commission_rate": "a contract term with the platform: known",
    "payment.reminders": _DECISION,
    "payment.reminder_delay_min": _DECISION,
    "payment.phone_aov_threshold": _DECISION,
    "payment.sms_cost": _BOOKS,
    "payment.call_cost": _BOOKS,
    "promotion.start_day": _DECISION,
    "promotion.end_day": _DECISION,
    "promotion.item_discount.pct": _DECISION,
    "promotion.item_discount.coverage": _DECISION,
    "promotion.preheat_days": _DECISION,
    "promotion.threshold_discount.threshold": _DECISION,
    "promotion.threshold_discount.amount_off": _DECISION,
    "promotion.coupon.face": _DECISION,
    "promotion.coupon.threshold": _DECISION,
    "promotion.coupon.valid_days": _DECISION,
    "promotion.free_shipping.threshold": _DECISION,
    "promotion.gift.threshold": _DECISION,
    "promotion.gift.value": _DECISION,  # the list value of the gift the operator picks
    "promotion.gift.cost": _DECISION,
    "promotion.addon.price": _DECISION,
    "promotion.addon.value": _DECISION,  # the list value of the add-on item the operator picks
    "promotion.addon.cost": _DECISION,
    "promotion.addon.threshold": _DECISION,
    "promotion.second_item.pct": _DECISION,
    "promotion.lottery.threshold": _DECISION,
    "promotion.lottery.prize_value": _DECISION,
    "promotion.lottery.prize_cost": _DECISION,
    "promotion.lottery.probability": _DECISION,
    "membership.fee": _DECISION,
    "membership.member_price.discount": _DECISION,
    "membership.member_day.day_of_month": _DECISION,
    "membership.points.per_yuan": _DECISION,
    "membership.points.yuan_per_point": _DECISION,
    "membership.points.valid_lag_days": _DECISION,
    "membership.card.price": _DECISION,
    "membership.outreach.reach": _DECISION,
    "repeat.gg_v": "identity v = AOV·(q − 1)/p: follows order value and q, p when they are drawn",
    "repeat.bad_experience_share": "0: everyday bad experiences are inside today's repeat rate; "
    "a plan's extra late or damaged orders are added by the model",
    "repeat.clv_discount_rate": "the operator's own rate for valuing future money: a choice",
    "repeat.clv_horizon_days": "how far ahead to value customers: a choice",
    "service.agents": _DECISION,
    "service.campaign_extra_agents": _DECISION,
    "service.start_hour": _DECISION,
    "service.end_hour": _DECISION,
    "service.chats_per_agent": _DECISION,
    "fulfilment.capacity_per_day": _BOOKS,
    "fulfilment.campaign_extra_capacity": _DECISION,
    "fulfilment.ship_by_days": _BOOKS,
    "fulfilment.cancel_hazard": _BOOKS,
    "fulfilment.late_compensation_rate": _BOOKS,
    "fulfilment.late_compensation_min": _BOOKS,
    "fulfilment.late_compensation_max": _BOOKS,
    "fulfilment.cancelled_repeat_factor": "identity: a cancelled order's buyer never received "
    "the goods, so no repeat from it",
    "dsr.initial.description": _BOOKS,
    "dsr.initial.service": _BOOKS,
    "dsr.initial.logistics": _BOOKS,
    "dsr.gate": _BOOKS,
    "finance.shipping_cost": _BOOKS,
    "finance.platform_fee_rate": _BOOKS,
    "finance.agent_wage_per_day": _BOOKS,
}

#: A fixed parameter's basis: by its reason (decisions, books), else by its path.
_FIXED_BASIS: dict[str, Basis] = {
    _DECISION: "decision",
    _BOOKS: "books",
    "horizon_days": "question",
    "traffic.weekday_profile": "shape",
    "campaign.fee_per_day": "books",
    "campaign.commission_rate": "books",
    "repeat.gg_v": "identity",
    "repeat.bad_experience_share": "inside",
    "repeat.clv_discount_rate": "question",
    "repeat.clv_horizon_days": "question",
    "fulfilment.cancelled_repeat_factor": "identity",
}

#: The shop's dashboard numbers: narrow whatever the default's label (MODEL.md §10c).
DASHBOARD = frozenset(
    {
        "store.aov",
        "store.units_per_order",
        "store.paid_shipping_share",
        "traffic.organic_uv",
        "traffic.precise_share",
        "funnel.conversion_rate",
        "funnel.old_customer_share",
    }
)

_TRI = "Triangular(min, mode = default, max) over the MODEL.md §4 range, MODEL.md §9.1"

#: Named exceptions to the rule: path → (family, width, reason). Width as in ``around``.
NAMED: dict[str, tuple[Family, float, str]] = {
    "store.aov": ("lognormal", 0.10, "LogNormal, sd of ln 0.10 [ASSUMPTION] (MODEL.md §9.1)"),
    "price.elasticity": (
        "normal",
        0.8,
        "Normal(−2.62, 0.8) within [−6, −0.2]: the spread [ASSUMPTION] covers most of "
        "Bijmolt et al. 2005's 1,851 estimates (MODEL.md §9.1)",
    ),
    "basket.sigma": ("uniform", 0.2, "Uniform(0.4, 0.8) [ASSUMPTION] (MODEL.md §9.1)"),
    "service.rt_half_life_s": (
        "lognormal",
        0.5,
        "LogNormal(ln 120, 0.5): covers the 68 s the seed implies (MODEL.md §9.1)",
    ),
    "price.pull_forward": (
        "beta",
        30.0,
        "Beta, κ = 30: P10–P90 ≈ the 4–25 % dips of van Heerde et al. 2000",
    ),
    "finance.bubble_return_rate": (
        "beta",
        150.0,
        "Beta, κ = 150: P10–P90 ≈ the 8.4–14.7 % of Hemmati et al. 2021",
    ),
    "repeat.lifetime_days": (
        "lognormal",
        0.5,
        "LogNormal, sd of ln 0.50 [ASSUMPTION]; whole days",
    ),
    "traffic.growth_pct_month": (
        "normal",
        5.0,
        "Normal, sd 5 %/month [ASSUMPTION]: a market's monthly drift",
    ),
    "dsr.industry_mean": ("normal", 0.05, "Normal, sd 0.05 stars [ASSUMPTION] (not public)"),
    "dsr.industry_max": ("normal", 0.02, "Normal, sd 0.02 stars [ASSUMPTION] (not public)"),
    "repeat.bad_experience_factor": ("triangular", 1.0, "LIT Amorim et al. 2025; " + _TRI),
    **{
        p: ("triangular", 1e9, _TRI)
        for p in (
            "price.conversion_share",  # φ
            "price.reference_share",  # ρ_ref
            "basket.pad_value_share",  # v
            "basket.pad_max_prob",  # ψ_max
            "membership.repeat_uplift",  # u_mem
            "membership.card.repeat_uplift",  # u_ship
            "membership.referral.repeat_multiplier",  # m_ref
            "dsr.beta",  # β_DSR
            "dsr.beta_negative",  # β_neg
        )
    },
}


def _strength(p: Param) -> str:
    return "narrow" if p.path in DASHBOARD else _STRENGTH[p.provenance]


def spec_for(p: Param, value: float | int | str | None = None) -> Spec:
    """The default spec of parameter ``p`` around ``value`` (None: the registry default)."""
    x = p.default if value is None else value
    if p.kind in ("choice", "bool"):
        return Spec(family="fixed", params=(0.0,), reason=f"a {p.kind}: a structural setting",
                    basis="choice")  # fmt: skip
    x = float(x)
    if p.path in FIXED:
        return fixed(x, FIXED[p.path], _FIXED_BASIS.get(FIXED[p.path]) or _FIXED_BASIS[p.path])
    integer = p.kind == "int"
    if p.path in NAMED:
        family, width, why = NAMED[p.path]
        return around(family, x, p.lo, p.hi, width=width, reason=why, integer=integer,
                      basis="named")  # fmt: skip
    if integer:
        return fixed(x, "a whole number the engine reads as a count: held fixed", "count")
    strength = _strength(p)
    label: Basis = "dashboard" if p.path in DASHBOARD else p.provenance
    if p.unit == "fraction" and p.lo >= 0 and p.hi <= 1 and 1e-9 < x < 1 - 1e-9:
        # a small rate keeps at most the LogNormal's relative spread: var = (σ·m)² at m = x
        kappa = max(KAPPA[strength], (1.0 - x) / (SIGMA[strength] ** 2 * x) - 1.0)
        return around("beta", x, p.lo, p.hi, width=kappa,
                      reason=f"{label}: Beta, κ = {kappa:.4g}", basis=label)  # fmt: skip
    sigma = SIGMA[strength]
    return around("lognormal", x, p.lo, p.hi, width=sigma,
                  reason=f"{label}: LogNormal, sd of ln {sigma:g}", basis=label)  # fmt: skip


@cache
def default_spec(p: Param) -> Spec:
    """``spec_for(p)`` at the registry default, cached (``Param.uncertainty``)."""
    return spec_for(p)


# ---------------------------------------------------------------------------- overrides
OverrideFamily = Literal["fixed", "normal", "lognormal"]


class Override(BaseModel):
    """A user's (or a calibration's) spec for one parameter, stored in ``Scenario.uncertainty``.

    ``fixed``: held at the scenario's value. ``normal`` / ``lognormal``: through the given
    P10 and P90 (median their mean, or geometric mean), truncated into the parameter's range at
    equal tails. ``note``: where the numbers come from (e.g. "calibrated: estimate ± 1.28 SE");
    ``source``: a user's or a calibration's.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    family: OverrideFamily = "normal"
    p10: float | None = None
    p90: float | None = None
    note: str = ""
    source: Literal["user", "calibrated"] = "user"


def check_override(path: str, ov: Override, params: Mapping[str, Param]) -> None:
    """Refuse an override that names no parameter (``units`` "param": the UI names a path by its
    label), has no or a negative width, or reaches
    outside the parameter's range, with a ``ModelError`` the UI translates."""
    p = params.get(path)
    if p is None:
        raise ModelError("unc_path", f"uncertainty: unknown parameter {path!r}", path=path)
    if p.kind in ("choice", "bool"):
        raise ModelError(
            "unc_kind",
            f"uncertainty: {path} is a {p.kind}, not a number",
            units={"path": "param"},
            path=path,
        )
    if ov.family == "fixed":
        return
    if ov.p10 is None or ov.p90 is None or not (math.isfinite(ov.p10) and math.isfinite(ov.p90)):
        raise ModelError(
            "unc_missing",
            f"uncertainty: {path} needs a P10 and a P90",
            units={"path": "param"},
            path=path,
        )
    units = {**dict.fromkeys(("p10", "p90", "lo", "hi"), p.unit), "path": "param"}
    if ov.p10 > ov.p90:
        raise ModelError(
            "unc_width",
            f"uncertainty: {path}: P10 ({ov.p10:g}) must not exceed P90 ({ov.p90:g})",
            units=units, path=path, p10=ov.p10, p90=ov.p90, lo=p.lo, hi=p.hi,
        )  # fmt: skip
    if ov.p10 < p.lo or ov.p90 > p.hi:
        raise ModelError(
            "unc_range",
            f"uncertainty: {path}: P10–P90 ({ov.p10:g}–{ov.p90:g}) must lie within "
            f"[{p.lo:g}, {p.hi:g}]",
            units=units, path=path, p10=ov.p10, p90=ov.p90, lo=p.lo, hi=p.hi,
        )  # fmt: skip
    if ov.family == "lognormal" and ov.p10 <= 0:
        raise ModelError(
            "unc_positive",
            f"uncertainty: {path}: a log-normal needs a positive P10 (got {ov.p10:g})",
            units=units, path=path, p10=ov.p10, p90=ov.p90, lo=p.lo, hi=p.hi,
        )  # fmt: skip


def override_spec(p: Param, ov: Override, value: float) -> Spec:
    """The spec an override describes (``value``: the scenario's, used when ``fixed``)."""
    note = ov.note or "set by the user"
    if ov.family == "fixed" or ov.p10 is None or ov.p90 is None or ov.p10 == ov.p90:
        v = value if ov.family == "fixed" or ov.p10 is None else ov.p10
        return fixed(v, note, ov.source)
    integer = p.kind == "int"
    if ov.family == "lognormal":
        median = math.sqrt(ov.p10 * ov.p90)
        sigma = math.log(ov.p90 / ov.p10) / (2 * Z90)
        params: tuple[float, ...] = (median, sigma)
    else:
        median = 0.5 * (ov.p10 + ov.p90)
        params = (median, (ov.p90 - ov.p10) / (2 * Z90))
    d = _dist(ov.family, params)
    tail = min(max(float(d.cdf(p.lo)), float(d.sf(p.hi)), 0.0), 0.5 - 1e-9)
    return Spec(family=ov.family, params=params, reason=note, tail=tail, integer=integer,
                lo=p.lo, hi=p.hi, basis=ov.source)  # fmt: skip


def override_from_se(p: Param, estimate: float, se: float, note: str) -> Override:
    """A calibrated value's override: Normal on the estimate with its standard error, or
    LogNormal (sd of ln = SE / estimate, the delta method) for a positive-only parameter; P10 and
    P90 clipped into the range (a fit is not allowed outside it)."""
    positive = p.lo >= 0 and estimate > 0
    if positive:
        s = min(se / estimate, 10.0)  # a wider one is clipped to the range anyway
        p10, p90 = estimate * math.exp(-Z90 * s), estimate * math.exp(Z90 * s)
    else:
        p10, p90 = estimate - Z90 * se, estimate + Z90 * se
    # six significant digits keep share links short; clipped after rounding, so inside the range
    p10, p90 = (min(max(float(f"{x:.6g}"), p.lo), p.hi) for x in (p10, p90))
    family: OverrideFamily = "lognormal" if positive and p10 > 0 else "normal"
    return Override(family=family, p10=p10, p90=p90, note=note, source="calibrated")


def scenario_spec(scenario: object, path: str, params: Mapping[str, Param]) -> Spec:
    """The spec a Monte Carlo draws for ``path`` in ``scenario``: the user's override if set,
    else the default rule around the scenario's own value (a template path such as
    ``promotion.coupon.claim_rate`` around the registry default)."""
    p = params[path]
    value: object = scenario
    for part in path.split("."):  # a template path (list items) has no value: the default
        value = getattr(value, part, None)
    if not isinstance(value, int | float) or isinstance(value, bool):
        value = p.default
    ov = getattr(scenario, "uncertainty", {}).get(path)
    if ov is not None:
        return override_spec(p, ov, float(value))
    return spec_for(p, value)


# ---------------------------------------------------------------------------- correlations
#: Largest |ρ| a correlation may take (a correlation of ±1 would make two parameters one).
MAX_RHO = 0.99
#: A pair's key in ``Scenario.correlations``: the two registry paths, sorted, joined by this.
PAIR = "|"


def pair_key(a: str, b: str) -> str:
    """The key of the pair (a, b) in ``Scenario.correlations`` (order-free)."""
    return PAIR.join(sorted((a, b)))


def check_correlations(value: Mapping[str, float], params: Mapping[str, Param]) -> dict[str, float]:
    """The correlations with their keys in canonical order, or a ``ModelError``: a key that is
    not two different numeric registry paths, a |ρ| past ``MAX_RHO``, or a set of pairs whose
    correlation matrix is not positive definite (no joint normal has it)."""
    out: dict[str, float] = {}
    for key, rho in value.items():
        parts = key.split(PAIR)
        if len(parts) != 2 or parts[0] == parts[1]:
            raise ModelError("unc_corr_pair", f"correlation {key!r}: name two different "
                             "parameters as 'a|b'", pair=key)  # fmt: skip
        for path in parts:
            p = params.get(path)
            if p is None or p.kind in ("choice", "bool"):
                raise ModelError("unc_corr_pair", f"correlation {key!r}: {path!r} is not a "
                                 "numeric parameter", pair=key)  # fmt: skip
        if not (math.isfinite(rho) and abs(rho) <= MAX_RHO):
            raise ModelError("unc_corr_rho", f"correlation {key!r}: ρ must lie in "
                             f"[-{MAX_RHO}, {MAX_RHO}] (got {rho})", a=parts[0], b=parts[1],
                             rho=rho, max=MAX_RHO, units={"a": "param", "b": "param"})  # fmt: skip
        out[pair_key(*parts)] = float(rho)
    paths, corr = correlation_matrix(out)
    if paths and np.linalg.eigvalsh(corr).min() <= 1e-9:
        raise ModelError("unc_corr_pd", "correlations: no joint distribution has these "
                         "correlations together (the matrix is not positive definite)")  # fmt: skip
    return out


def correlation_matrix(correlations: Mapping[str, float]) -> tuple[tuple[str, ...], np.ndarray]:
    """The paths named in ``correlations`` (sorted) and their correlation matrix."""
    paths = tuple(sorted({p for key in correlations for p in key.split(PAIR)}))
    index = {p: i for i, p in enumerate(paths)}
    corr = np.eye(len(paths))
    for key, rho in correlations.items():
        i, j = (index[p] for p in key.split(PAIR))
        corr[i, j] = corr[j, i] = rho
    return paths, corr


def correlate(
    u: np.ndarray, dims: tuple[str, ...], correlations: Mapping[str, float]
) -> np.ndarray:
    """Uniforms ``u`` (rows: paths; column j: registry path ``dims[j]``) with the columns named
    in ``correlations`` made dependent through a Gaussian copula: z = Φ⁻¹(u), z' = L·z with
    L Lᵀ = R (Cholesky), u' = Φ(z'). Each column stays uniform, so every parameter keeps its
    own marginal spec; the normal scores of the pairs correlate by ρ [DERIVED: a fit's
    asymptotic covariance of its estimates, MODEL.md §9.1 "calibrated from data"]. The
    first path of each set (sorted) keeps its own uniforms. No correlations: ``u`` itself."""
    if not correlations:
        return u
    paths, corr = correlation_matrix(correlations)
    cols = [dims.index(p) for p in paths]
    low = np.linalg.cholesky(corr)
    out = u.copy()
    z = special.ndtri(u[:, cols]) @ low.T[:, 1:]  # L's first row is (1, 0, …): z'₀ = z₀
    out[:, cols[1:]] = np.clip(special.ndtr(z), 1e-12, 1.0 - 1e-12)
    return out


def fit_correlations(keys: tuple[str | None, ...], cov: np.ndarray) -> dict[str, float]:
    """The correlations of a fit's estimates (registry paths ``keys`` in ``cov``'s order; a
    ``None`` key is a fitted quantity that is not a parameter and is left out): ρ_ij =
    Σ_ij / √(Σ_ii Σ_jj), clipped to ±``MAX_RHO`` and, when the clipped matrix is not positive
    definite, shrunk towards independence (R' = (1 − λ)R + λI, the smallest λ in steps of 0.05
    that is). Pairs without a finite positive variance are left out."""
    cov = np.asarray(cov, dtype=float)
    keep = [i for i, k in enumerate(keys) if k is not None and np.isfinite(cov[i, i])
            and cov[i, i] > 0]  # fmt: skip
    out: dict[str, float] = {}
    for x, i in enumerate(keep):
        for j in keep[x + 1 :]:
            rho = cov[i, j] / math.sqrt(cov[i, i] * cov[j, j])
            if math.isfinite(rho) and abs(rho) > 1e-6:
                out[pair_key(keys[i], keys[j])] = float(f"{np.clip(rho, -MAX_RHO, MAX_RHO):.4g}")
    for step in range(21):
        lam = step / 20
        shrunk = {k: float(f"{(1 - lam) * v:.4g}") for k, v in out.items()}
        paths, corr = correlation_matrix(shrunk)
        if not paths or np.linalg.eigvalsh(corr).min() > 1e-6:
            return {k: v for k, v in shrunk.items() if v != 0.0}
    return {}
