"""Customer-service queue and inquiry conversion, hour by hour inside each day (MODEL.md §6.2).

    λ_h = q_inq·UV_t·w_h                   inquiries per hour
    A_h = λ_h·τ_h/60                       offered load (Erlangs)
    s_h = n_agents[h]·m_conc               chat servers
    P_wait = ErlangC(s_h, A_h);  W_q = P_wait·(τ_h/60)/(s_h − A_h) hours     (A_h < s_h)
    RT_h = RT_ref + 3600·W_q seconds;      A_h ≥ s_h: RT_h = RT_max (saturated)
    m_RT,h = max(f_auto, exp(−ln2·max(0, RT_h − RT_ref)/h_RT));   no agent online: m_RT,h = f_auto
    m_RT,t = Σ_h w_h·m_RT,h

Erlang C is written with the Poisson distribution of ``scipy.stats`` (numerically stable for
hundreds of servers): with p = pmf(s; A) and F = cdf(s − 1; A),

    ErlangC(s, A) = p·s/(s − A) / (F + p·s/(s − A)).

Worked case (test T13): 120 inquiries/h, τ = 5 min, 4 agents × 3 chats → W_q = 67.41 s; with 2
agents the desk is saturated. Seed 002's 12 s vs 244 s agents: :func:`response_conversion`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln, pdtr, xlogy

if TYPE_CHECKING:
    from .scenario import Scenario

FloatArray = NDArray[np.float64]
LN2 = float(np.log(2.0))

#: Hourly inquiry profile w_h (00:00 … 23:00), sums to 1: evening-peaked with 2% of the daily
#: volume in 00:00–01:00 [ASSUMPTION; SEED 000 says buyers still ask after 24:00].
INQUIRY_PROFILE: tuple[float, ...] = (
    0.020, 0.012, 0.007, 0.005, 0.004, 0.005, 0.008, 0.015,  # 00–07
    0.030, 0.045, 0.055, 0.055, 0.045, 0.050, 0.055, 0.055,  # 08–15
    0.050, 0.045, 0.045, 0.055, 0.068, 0.078, 0.100, 0.088,  # 16–23
)  # fmt: skip
_W = np.asarray(INQUIRY_PROFILE, dtype=float)
_W = _W / _W.sum()

#: Seed 002's two agents of the clothing store: first response 12 s and 244 s [SEED 002].
SEED_002_FAST_RT_S = 12.0
SEED_002_SLOW_RT_S = 244.0
#: Their inquiry-conversion ratio: 7 orders against 1 on two thirds of the inquiries, 10.5×
#: [DERIVED from SEED 002; MODEL.md §1.3].
SEED_002_CONVERSION_RATIO = 7.0 / (2.0 / 3.0)


def erlang_c(servers: np.ndarray | float, load: np.ndarray | float) -> np.ndarray:
    """P(wait) of an M/M/s queue; 1 where the desk is saturated (A ≥ s) or has no server.

    The Poisson terms are ``scipy.stats.poisson``'s own, called through ``scipy.special``
    (without the distribution's argument checks, which cost as much as the terms):
    p = exp(s·ln A − ln Γ(s + 1) − A) for whole s (0 otherwise), F = pdtr(⌊s − 1⌋, A).
    """
    s = np.asarray(servers, dtype=float)
    a = np.asarray(load, dtype=float)
    s, a = np.broadcast_arrays(s, a)
    out = np.ones(s.shape)
    ok = (s > 0) & (a < s)
    if np.any(ok):
        ss, aa = s[ok], a[ok]
        whole = np.floor(ss) == ss
        p = np.where(whole, np.exp(xlogy(ss, aa) - gammaln(ss + 1.0) - aa), 0.0)
        below = np.floor(ss - 1.0)
        f = np.where(below >= 0.0, pdtr(np.maximum(below, 0.0), aa), 0.0)
        top = p * ss / (ss - aa)
        out[ok] = np.where(aa > 0, top / (f + top), 0.0)
    return out[()] if out.ndim == 0 else out


def mean_wait_s(servers, load, handle_min: float) -> np.ndarray:
    """W_q in seconds (∞ where saturated): P_wait·(τ/60)/(s − A) hours × 3600."""
    s = np.asarray(servers, dtype=float)
    a = np.asarray(load, dtype=float)
    s, a = np.broadcast_arrays(s, a)
    pw = erlang_c(s, a)
    out = np.full(s.shape, np.inf)
    ok = (s > 0) & (a < s)
    out[ok] = pw[ok] * (handle_min / 60.0) / (s[ok] - a[ok]) * 3600.0
    return out[()] if out.ndim == 0 else out


def response_conversion(rt_s, rt_ref_s: float, half_life_s: float) -> np.ndarray:
    """m_RT = exp(−ln2·max(0, RT − RT_ref)/h_RT): inquiry conversion relative to a prompt reply."""
    rt = np.asarray(rt_s, dtype=float)
    return np.exp(-LN2 * np.maximum(0.0, rt - rt_ref_s) / half_life_s)


def agent_gap(
    rt_fast_s: float, rt_slow_s: float, rt_ref_s: float, half_life_s: float, floor: float
) -> tuple[float, float, float]:
    """Inquiry conversion of a fast and a slow agent relative to a prompt reply, and their ratio.

    m = max(f_auto, exp(−ln2·max(0, RT − RT_ref)/h_RT)) as in ``service_days``: with the auto-reply
    on (f_auto > 0) a late human reply never converts worse than the auto-reply alone, so no two
    agents differ by more than 1/f_auto (2× at the default 0.5); f_auto = 0 is no auto-reply.
    """
    m = np.maximum(response_conversion([rt_fast_s, rt_slow_s], rt_ref_s, half_life_s), floor)
    fast, slow = float(m[0]), float(m[1])
    return fast, slow, fast / slow if slow > 0 else float("inf")


def seed_002_cases(rt_ref_s: float, half_life_s: float, floor: float) -> list[dict[str, float]]:
    """Seed 002's 12 s and 244 s agents under four settings: the scenario's half-life and the one
    the seed implies (68 s), each with the scenario's auto-reply floor and with none. Only the seed
    half-life without the floor reproduces the seed's 10.5× (the floor caps any gap at 1/f_auto)."""
    seed_h = implied_half_life(
        SEED_002_FAST_RT_S, SEED_002_SLOW_RT_S, 1 / SEED_002_CONVERSION_RATIO
    )
    rows = []
    for h in (half_life_s, seed_h):
        for f in (floor, 0.0):
            fast, slow, ratio = agent_gap(SEED_002_FAST_RT_S, SEED_002_SLOW_RT_S, rt_ref_s, h, f)
            rows.append({"half_life_s": h, "floor": f, "fast": fast, "slow": slow, "ratio": ratio})
    return rows


def auto_reply_cap(floor: float) -> float:
    """The largest conversion gap between any two reply times with the auto-reply floor
    ``floor`` = f_auto on m_RT: 1/f_auto (∞ without a floor)."""
    return 1.0 / floor if floor > 0 else float("inf")


def implied_half_life(rt_fast_s: float, rt_slow_s: float, conv_ratio: float) -> float:
    """h_RT for which an agent replying in ``rt_slow_s`` converts ``conv_ratio`` × the fast one."""
    if not 0.0 < conv_ratio < 1.0:
        raise ValueError("conv_ratio must lie in (0, 1)")
    return LN2 * (rt_slow_s - rt_fast_s) / -np.log(conv_ratio)


def staffed_hours(start_hour: int, end_hour: int) -> np.ndarray:
    """Boolean mask of the 24 hours with agents online: [start_hour, end_hour)."""
    h = np.arange(24)
    return (h >= start_hour) & (h < end_hour)


@dataclass(frozen=True)
class ServiceDays:
    """The service desk day by day (arrays of length T)."""

    agents: FloatArray  # agents online in service hours
    factor: FloatArray  # m_RT,t: inquiry conversion relative to a prompt reply
    response_time_s: FloatArray  # inquiry-weighted mean first response in staffed hours
    saturated_hours: FloatArray  # staffed hours with more load than chat servers
    unstaffed_share: FloatArray  # share of inquiries met by the auto-reply
    hourly_rt_s: FloatArray  # (T, 24) first-response time by hour (nan when unstaffed)


def service_days(plan: Scenario, inquiries: np.ndarray, event_days: np.ndarray) -> ServiceDays:
    """Queue of every hour of every day for ``inquiries`` per day and the plan's staffing.

    ``event_days``: 1 on campaign and promotion days, when ``service.campaign_extra_agents``
    join the desk.
    """
    sv = plan.service
    q = np.asarray(inquiries, dtype=float)
    agents = sv.agents + sv.campaign_extra_agents * (np.asarray(event_days) > 0)
    staffed = staffed_hours(sv.start_hour, sv.end_hour)
    lam = q[:, None] * _W[None, :]  # (T, 24) inquiries per hour
    load = lam * sv.handle_min / 60.0
    servers = (agents[:, None] * staffed[None, :]) * sv.chats_per_agent
    wait = mean_wait_s(servers, load, sv.handle_min)
    rt = np.where(np.isfinite(wait), sv.rt_ref_s + wait, sv.rt_max_s)
    rt = np.minimum(rt, sv.rt_max_s)
    m = response_conversion(rt, sv.rt_ref_s, sv.rt_half_life_s)
    # The auto-reply answers every chat at once, also when the agents are swamped: a late human
    # reply never converts worse than the auto-reply alone [ASSUMPTION].
    m = np.maximum(m, sv.auto_reply_factor)
    on = servers > 0
    m = np.where(on, m, sv.auto_reply_factor)
    factor = (m * _W[None, :]).sum(axis=1)
    staffed_w = (_W[None, :] * on).sum(axis=1)
    rt_on = np.where(on, rt, 0.0)
    mean_rt = np.divide(
        (rt_on * _W[None, :]).sum(axis=1), staffed_w, out=np.zeros(len(q)), where=staffed_w > 0
    )
    saturated = (on & (load >= servers)).sum(axis=1).astype(float)
    return ServiceDays(
        agents=agents.astype(float),
        factor=factor,
        response_time_s=mean_rt,
        saturated_hours=saturated,
        unstaffed_share=1.0 - staffed_w,
        hourly_rt_s=np.where(on, rt, np.nan),
    )


def hourly_profile() -> FloatArray:
    """w_h, normalised to sum to 1."""
    return _W.copy()
