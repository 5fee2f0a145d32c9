"""Bad input in words (``ui.errors``): out-of-range values, layering rules, the model's
refusals.

Prefixes: ``err.*``.
Used by ui/errors.py."""

from __future__ import annotations

PREFIXES = ("err",)

KEYS: dict[str, tuple[str, str]] = {
    "err.range": (
        "「{label}」须在 {lo} 到 {hi} 之间(收到 {value})。",
        "“{label}” must be between {lo} and {hi} (got {value}).",
    ),
    "err.number": (
        "「{label}」须是 {lo} 到 {hi} 之间的数字(收到 {value})。",
        "“{label}” must be a number between {lo} and {hi} (got {value}).",
    ),
    "err.whole": (
        "「{label}」须是 {lo} 到 {hi} 之间的整数(收到 {value})。",
        "“{label}” must be a whole number between {lo} and {hi} (got {value}).",
    ),
    "err.order": ("结束日不能早于开始日。", "The last day cannot be before the first day."),
    "err.funnel": (
        "询单率 × 询单转化率 超过了由支付转化率和老客户占比推出的新客下单率;请降低询单数字或提高转化率。",
        "Inquiry rate × inquiry conversion exceeds the new-customer order rate implied by "
        "conversion and old-customer share; lower the inquiry figures or raise conversion.",
    ),
    "err.old_share": (
        "按当前的店铺经营天数、客户平均寿命和复购模型形状(BG/NBD r、a、b),达不到这个老客户占比;请降低老客户占比,或增加经营天数、客户平均寿命。",
        "This old-customer share cannot be reached with the store's age, the mean customer "
        "lifetime and the repeat model's shapes (BG/NBD r, a, b); lower the share or raise the "
        "store age or the lifetime.",
    ),
    "err.generic": ("输入无效:{msg}", "Invalid input: {msg}"),
    "err.layers": (
        "第{day}天同时有{n}层促销({kinds}):最多{max}层(种子003)。未添加。",
        "{n} layers on day {day} ({kinds}): at most {max} may run at once (seed 003). Not added.",
    ),
    "err.same_kind": (
        "第{day}天已有一个「{kind}」:同一类促销不能同时进行(种子003)。未添加。",
        "A “{kind}” already runs on day {day}: two promotions of one kind never overlap (seed 003). "
        "Not added.",
    ),
    "err.tier_below": (
        "满减的优惠金额必须小于它的门槛。",
        "A spend-and-save tier's amount off must be below its threshold.",
    ),
    "err.tiers_rising": (
        "满减各档的门槛须各不相同,门槛越高优惠越多。",
        "spend-and-save tiers need different thresholds, with more off at a higher threshold.",
    ),
    "err.tiers_empty": (
        "满减至少需要一档 [门槛, 减多少]。",
        "spend-and-save needs at least one [threshold, amount off] tier.",
    ),
    "err.prize_sum": (
        "各奖品的中奖概率加起来超过了 100%。",
        "The prizes' win probabilities add up to more than 100%.",
    ),
    "err.audience_kind": (
        "满包邮、加价换购和抽奖只能面向全部买家。",
        "Free shipping, add-on deals and lotteries can only be offered to all buyers.",
    ),
    "err.voucher_audience": (
        "购后抵价券发给新买家,适用人群只能是全部买家。",
        "Post-purchase vouchers go to new buyers: the audience must be all buyers.",
    ),
    "err.hours": (
        "客服下班时间必须晚于上班时间。",
        "The service must close after it opens.",
    ),
    "err.rt_max": (
        "排队饱和时的响应时间必须长于无损响应时间。",
        "The response time when swamped must be longer than the response time without penalty.",
    ),
    "err.industry": (
        "行业最高分必须高于行业平均分。",
        "The industry top score must be above the industry mean.",
    ),
    "err.gg_mean": (
        "Gamma-Gamma 的复购平均客单价 p·v/(q−1) 必须在 1 到 100,000 元之间。请调整 p、q 或 v。",
        "The Gamma-Gamma mean repeat order value p·v/(q − 1) must lie between 1 and 100,000 "
        "yuan. Adjust p, q or v.",
    ),
    "err.unexpected": (
        "出了点问题,本页未能画完。你的方案没有丢失;请换个数值再试,或重置方案。",
        "Something went wrong drawing this page. Your scenarios are safe; try another value or "
        "reset the plan.",
    ),
    "err.long_number": ("一个 {n} 位的数", "a number of {n} digits"),
}
