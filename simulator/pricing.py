"""Price response with reference prices (MODEL.md §5.1).

A store-level price index x_t = p_t/p0 = 1 − δ_t·θ_cov moves quantity by

    ln M_price,t = (1 − ρ_ref)·ε·ln max(x_t, x_floor) + γ_G·G_t − γ_L·L_t
    G_t = max(0, R_t − ln x̃_t − λ_lat),  L_t = max(0, ln x̃_t − R_t − λ_lat),  x̃_t = max(x_t, x_floor)
    γ_G = −ρ_ref·ε,  γ_L = λ_LA·γ_G,   R_{t+1} = θ_ref·R_t + (1 − θ_ref)·ln x̃_t

(ε = −2.62 [LIT Bijmolt et al. 2005]; λ_LA = 2.25 [LIT Tversky & Kahneman 1992]). With λ_lat = 0
and the reference at list price a first-time discount gives exactly M = x^ε (T12). Long or repeated
discounts lower R_t, shrinking later gains and creating a loss when the list price returns: the
post-promotion dip through reference prices. x_floor caps the constant-elasticity blow-up: below
it the whole response saturates, the reference included (a reference built from the unfloored
price would sit below the floored price and turn a deep discount into a perceived loss).
The split M_conv = M^φ, M_units = M^(1−φ) and cannibalisation live in ``promotions.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import lfilter

if TYPE_CHECKING:
    from .scenario import Scenario

FloatArray = NDArray[np.float64]


def price_multiplier(index: ArrayLike, elasticity: float, floor: float) -> FloatArray:
    """First-time form M = max(x, x_floor)^ε. At x = 0.8, ε = −2.62: 1.794338 (T12)."""
    return np.maximum(np.asarray(index, dtype=float), floor) ** elasticity


def reference_log_price(log_price: FloatArray, persistence: float) -> FloatArray:
    """R_t with R_0 = 0 (list price) and R_{t+1} = θ·R_t + (1 − θ)·ln x_t, as one linear filter."""
    shifted = np.concatenate(([0.0], np.asarray(log_price, dtype=float)[:-1]))
    return lfilter([1.0 - persistence], [1.0, -persistence], shifted)


def price_response(plan: Scenario, index: FloatArray, reference: bool = True) -> FloatArray:
    """M_price,t for a price path ``index``; without ``reference`` the first-time form x^ε.

    Offers for a closed audience (members, old customers) do not move the public reference price,
    so they use the first-time form.
    """
    pr = plan.price
    lp = np.log(np.maximum(index, pr.floor))
    if not reference:
        return np.exp(pr.elasticity * lp)
    ref = reference_log_price(lp, pr.reference_persistence)
    gain = np.maximum(0.0, ref - lp - pr.latitude)
    loss = np.maximum(0.0, lp - ref - pr.latitude)
    gamma_g = -pr.reference_share * pr.elasticity
    return np.exp(
        (1.0 - pr.reference_share) * pr.elasticity * lp
        + gamma_g * gain
        - pr.loss_aversion * gamma_g * loss
    )


def shipping_fee_response(
    plan: Scenario, reference: Scenario, list_value: float
) -> tuple[float, float]:
    """Steady-state response of a stream's orders to the shipping the plan charges, against the
    reference's (issue 15: a price with no demand response is free money).

    Only the share π of orders that pay shipping sees the fee: their order costs V + s against
    V for a free-shipped one. The change is permanent, so the reference price has adapted and
    only the non-reference part of §5.1 acts, on order incidence (a per-order fee does not buy
    fewer units; shipping fees strongly affect order incidence, Lewis 2006):

        g(π, s) = (1 − π) + π·((V + s)/V)^e,   e = (1 − ρ_ref)·ε
        M_ship = g(π₁, s₁)/g(π₀, s₀),   π_eff = π₁·((V + s₁)/V)^e / g(π₁, s₁)

    M_ship moves the stream's orders and π_eff is the share of them still paying the fee (the
    buyers who leave are the ones asked to pay) [DERIVED from §5.1; ASSUMPTION: free-shipped
    orders are the yardstick]. Returns (M_ship, π_eff): (1, π₁) exactly when the shipping terms
    are the reference's. At ε = −2.62, ρ_ref = 0.3 and 30 % paying, 10 → 50 yuan on a 115.5-yuan
    order costs about 11 % of orders, and the fee income it adds barely pays for them.
    """
    st, s0 = plan.store, reference.store
    pi1, pi0 = st.paid_shipping_share, s0.paid_shipping_share
    if (pi1 * st.shipping_fee == pi0 * s0.shipping_fee and pi1 == pi0) or list_value <= 0:
        return 1.0, pi1
    pr = plan.price
    e = (1.0 - pr.reference_share) * pr.elasticity

    def paying(fee: float) -> float:
        return float(max((list_value + fee) / list_value, pr.floor) ** e)

    g1 = (1.0 - pi1) + pi1 * paying(st.shipping_fee)
    g0 = (1.0 - pi0) + pi0 * paying(s0.shipping_fee)
    return g1 / g0, pi1 * paying(st.shipping_fee) / g1
