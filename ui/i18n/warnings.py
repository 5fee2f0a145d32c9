"""The model's warnings: one ``warn.<code>`` per code ``Result.warnings`` can carry.

Prefixes: ``warn.*``.
Used by ui/layout.py, ui/exports.py."""

from __future__ import annotations

PREFIXES = ("warn",)

KEYS: dict[str, tuple[str, str]] = {
    "warn.conversion_below_1pct": (
        "转化率低于 1%:种子 002 建议先提升转化,暂时不要做推广活动,否则花钱越多浪费越多。",
        "Conversion is below 1%: seed 002 advises fixing conversion before paying for promotion, "
        "or more spend only wastes more money.",
    ),
    "warn.silent_conversion_negative": (
        "方案的询单成交已超过支付转化率所能解释的订单,静默下单率按 0 计。请降低询单率/询单转化率或提高转化率。",
        "The plan's inquiry orders exceed what its paid conversion allows; the silent path is set "
        "to 0. Lower the inquiry figures or raise conversion.",
    ),
    "warn.event_beyond_horizon": (
        "有活动或促销开始于推演期之后,不会出现在结果里。",
        "An event starts after the simulated horizon and does not show in the results.",
    ),
    "warn.points_review_reward": (
        "积分规则奖励“确认收货并好评”:用积分换好评可能违反淘宝评价规则(评价应真实、不得以利益诱导),店铺有被处罚的风险。模型照常计算这些积分,请确认平台当前规则。",
        "The points rules reward a confirmed receipt with a good review: paying for good reviews "
        "may break Taobao's review rules (reviews must not be induced by benefits) and risks a "
        "penalty. The model counts these points as set; check the platform's current rules.",
    ),
    "warn.gg_heavy_tail": (
        "Gamma-Gamma 的 q ≤ 2:单笔金额的方差无穷大,复购订单的金额分布按上限 σ = 1.5 计算。请检查 q(通常由订单数据拟合)。",
        "Gamma-Gamma q ≤ 2: order values have no finite variance, so the repeat basket uses the "
        "capped spread σ = 1.5. Check q (usually fitted from order data).",
    ),
    "warn.referral_explosive": (
        "推荐裂变系数 K ≥ 1:每位被推荐的客户又带来至少一位新客户,增长没有上限,模型在这里不再成立。请降低推荐率或推荐活跃期。",
        "Referral factor K ≥ 1: every referred buyer brings at least one more, growth has no "
        "bound and the model no longer holds. Lower the referral rate or the referring period.",
    ),
    "warn.service_saturated": (
        "有些小时的咨询量超过了客服能同时接待的数量:买家要等很久,询单转化和服务分都会下降。请增加客服或活动日加派客服。",
        "In some hours more buyers ask than the agents can take at once: buyers wait, inquiry "
        "conversion and the service score fall. Add agents, or extra agents on event days.",
    ),
    "warn.dispatch_backlog": (
        "订单超过了发货能力,积压超过半天的量:包裹晚到,物流分下降(种子003:仓库太小导致发货延迟)。请提高发货能力或活动日加开。",
        "Orders exceed dispatch capacity and over half a day's worth waits to ship: parcels arrive "
        "late and the logistics score falls (seed 003: a warehouse too small delayed shipping). "
        "Raise capacity, or add capacity on event days.",
    ),
    "warn.orders_cancelled": (
        "有订单超过发货时限(默认付款后72小时)仍未发出,被买家取消并全额退款:这些订单不算收入,每单还要赔付"
        "延迟发货违约金(实付5%,最低5元、最高30元),并计入物流体验分。请提高发货能力或活动日加开。",
        "Some orders were still unshipped at the ship-by deadline (72 h after payment by default) "
        "and their buyers cancelled them for a full refund: they bring no revenue, each costs a "
        "late-dispatch compensation (5 % of the paid amount, 5 to 30 yuan) and counts against the "
        "logistics score. Raise capacity, or add capacity on event days.",
    ),
    "warn.campaign_gate_closed": (
        "动态评分跌破活动门槛,部分天的聚划算/天天特价流量被关闭(种子001:体验分低于门槛不能参加营销活动)。",
        "The DSR fell below the campaign gate: Juhuasuan/Tiantian Tejia traffic is closed on "
        "some days (seed 001: shops below the score cannot join platform campaigns).",
    ),
    "warn.discount_past_evidence": (
        "有促销的折扣(或赠品、满减折合的优惠)比价格反应下限 x_floor(默认5折)更深:模型在那里把需求按下限处理,更深的折扣不会再带来更多销量——没有证据支持更深折扣下的反应,这部分结果只是外推。",
        "A promotion's discount (or the price cut its reward is worth) goes deeper than the "
        "price-response floor x_floor (50 % off by default): the model holds demand at the "
        "floor's level there, so deeper cuts bring no more sales — there is no evidence for the "
        "response beyond it, and these results are an extrapolation.",
    ),
    "warn.store_still_maturing": (
        "店铺还年轻:老客户基数仍在积累,即使什么都不改,复购订单也会在推演期内明显增长(约经过三个客户平均寿命后才趋于平稳)。与基线的比较不受影响——基线也同样增长。",
        "The store is young: its old-customer base is still building, so repeat orders grow over "
        "the horizon even with nothing changed (a base settles after about three mean customer "
        "lifetimes). Comparisons with the baseline are unaffected: the baseline grows too.",
    ),
    "warn.dsr_feedback_not_converged": (
        "评分对销量的反馈在 60 轮迭代内没有收敛,结果是近似值。请降低评分弹性或活动门槛附近的设定。",
        "The feedback of the scores on sales did not settle within 60 passes; the results are "
        "approximate. Lower the DSR loadings or move the gate away from the scores.",
    ),
}
