"""The Overview page and its opening sentence (``ui.story``).

Prefixes: ``ov.*``, ``story.*``.
Used by pages/overview.py, ui/story.py."""

from __future__ import annotations

PREFIXES = ("ov", "story")

KEYS: dict[str, tuple[str, str]] = {
    "ov.daily": ("每日走势", "Day by day"),
    "ov.metric": ("指标", "Metric"),
    "ov.funnel": ("转化漏斗(整段合计)", "Funnel (horizon totals)"),
    "ov.bridge": ("变化拆解:方案对比基线", "Bridges: plan vs baseline"),
    "ov.bridge_caption": (
        "新客 GMV = 访客数 × 新客转化率 × 新客客单价,按对数平均迪氏指数(LMDI)精确拆分;"
        "复购效应 = 老客户 GMV 的变化。四项之和等于 GMV 的变化。",
        "New-customer GMV = visitors × new-customer conversion × new-customer AOV, split exactly "
        "with the log-mean Divisia index (LMDI); the repeat effect is the change in old-customer "
        "GMV. The four effects add up to the GMV change.",
    ),
    "ov.no_change": (
        "方案与基线相同。到「流量与漏斗」页修改方案,这里会显示差异。",
        "The plan equals the baseline. Change it on the Traffic & funnel page to see differences here.",
    ),
    "ov.formulas": ("公式与口径", "Formulas and definitions"),
    "ov.formulas_body": (
        "- 销售额 = 流量 × 转化率 × 客单价 [种子 003]\n"
        "- 转化率 = 订单数 ÷ 访客数;流量价值 = 成交金额 ÷ 访客数 [种子 002]\n"
        "- 访客 ≥ 新客订单 + v_ret × 老客户订单:老买家每下一单要来 v_ret 次(默认 4 次,假设),引流访客容纳不下时补足,所以新访客很少时转化率也不会虚高\n"
        "- 自然流量增长 G_t = (K/U0)/(1 + (K/U0 − 1)·e^(−ρt)),ρ = ln(1+g)/30/(1 − U0/K):越接近天花板 K(默认现在的3倍,假设)增长越慢,不会超过它\n"
        "- 支付订单 = 新客订单 + 老客户(复购)订单;复购来自 BG/NBD 模型 [文献 Fader, Hardie & Lee 2005],客户账户平均寿命 L(默认 365 天,假设)外生流失:ΔE_L(k) = ΔE(k)·e^(−k/L),成熟店铺的复购量因此保持平稳;按店铺年龄与老客户占比校准\n"
        "- 贡献利润 = 净销售额 − 商品成本 − 快递 − 平台费 − 客服 − 营销费用(直通车、钻展、淘客佣金、活动费、催付)− 会员计划(积分、储值赠送等成本,扣除会费、包邮卡收入和未使用的储值);利润拆解图逐项对应,合计恰好等于利润的变化",
        "- Sales = traffic × conversion × order value [seed 003]\n"
        "- Conversion = orders ÷ visitors; UV value = GMV ÷ visitors [seed 002]\n"
        "- Visitors ≥ new-customer orders + v_ret × old-customer orders: a returning buyer "
        "visits v_ret times per order (default 4, assumption), added when the traffic sources "
        "cannot hold them, so conversion stays honest with few new visitors\n"
        "- Organic growth G_t = (K/U0)/(1 + (K/U0 − 1)·e^(−ρt)), ρ = ln(1+g)/30/(1 − U0/K): "
        "growth slows as traffic nears the ceiling K (default 3 × today's, assumption) and never "
        "passes it\n"
        "- Paid orders = new-customer orders + old-customer (repeat) orders; repeats follow "
        "BG/NBD [LIT Fader, Hardie & Lee 2005] with accounts leaving after a mean lifetime L "
        "(default 365 days, assumption): ΔE_L(k) = ΔE(k)·e^(−k/L), so a mature store's repeat "
        "orders hold steady; calibrated to store age and old-customer share\n"
        "- Contribution profit = net sales − cost of goods − shipping − platform fees − service − "
        "marketing (paid search, display, affiliate commission, campaign fees, payment reminders) "
        "− loyalty schemes (points, stored-value gifts and the like, net of the fees, card revenue "
        "and unspent stored value they bring in); the profit bridge follows these lines and "
        "adds up exactly to the profit change",
    ),
    "ov.roi": ("每一元投入的回报", "Return on every yuan spent"),
    "ov.roi_caption": (
        "首单贡献:各渠道带来的新客订单的贡献利润(不含其后复购),减去该渠道花费。",
        "First-order contribution: the contribution of the new-customer orders each channel brings "
        "(their later repeat orders not included), minus the channel's spend.",
    ),
    "ov.no_spend": ("方案没有营销花费。", "The plan has no marketing spend."),
    "story.versus": ("方案「{plan}」对比基线「{base}」", "Plan “{plan}” vs baseline “{base}”"),
    "story.versus_pair": ("「{a}」→「{b}」", "“{a}” → “{b}”"),
    "story.sentence": (
        "该方案 {days} 天贡献利润 {profit}{profit_pct}，成交金额 {gmv}{gmv_pct}，"
        "期末平均评分 {dsr}（{dsr_delta}）：{reason}。",
        "Over {days} days the plan changes contribution profit by {profit}{profit_pct} and GMV "
        "by {gmv}{gmv_pct}, and ends with a mean DSR of {dsr} ({dsr_delta}): {reason}.",
    ),
    "story.sentence_no_dsr": (
        "该方案 {days} 天贡献利润 {profit}{profit_pct}，成交金额 {gmv}{gmv_pct}：{reason}。",
        "Over {days} days the plan changes contribution profit by {profit}{profit_pct} and GMV "
        "by {gmv}{gmv_pct}: {reason}.",
    ),
    "story.pct": ("（{pct}）", " ({pct})"),
    "story.down_offset": (
        "减项合计 {loss_sum}（最大是{loss} {loss_v}）超过增项合计 {gain_sum}（最大是{gain} {gain_v}）",
        "losses of {loss_sum} (largest: {loss}, {loss_v}) outweigh gains of {gain_sum} "
        "(largest: {gain}, {gain_v})",
    ),
    "story.down_only": (
        "减项合计 {loss_sum}，最大是{loss}（{loss_v}）",
        "losses of {loss_sum}, the largest {loss} ({loss_v})",
    ),
    "story.up_offset": (
        "增项合计 {gain_sum}（最大是{gain} {gain_v}）超过减项合计 {loss_sum}（最大是{loss} {loss_v}）",
        "gains of {gain_sum} (largest: {gain}, {gain_v}) outweigh losses of {loss_sum} "
        "(largest: {loss}, {loss_v})",
    ),
    "story.up_only": (
        "增项合计 {gain_sum}，最大是{gain}（{gain_v}）",
        "gains of {gain_sum}, the largest {gain} ({gain_v})",
    ),
    "story.flat_offset": (
        "利润基本不变，增项 {gain_sum}（最大是{gain}）与减项 {loss_sum}（最大是{loss}）大致相抵",
        "profit barely moves, as gains of {gain_sum} (largest: {gain}) and losses of "
        "{loss_sum} (largest: {loss}) roughly cancel out",
    ),
    "story.flat_same": ("与基线的结果相同", "it gives the same result as the baseline"),
    "story.line.margin": ("毛利", "gross margin"),
    "story.link": ("看利润变化拆解 ↓", "See the profit bridge ↓"),
}
