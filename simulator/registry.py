"""The parameter registry: one record per scenario parameter.

Every number a user can change lives here once, with its unit, valid range, default, provenance
label (MODEL.md §0), source and zh/en label. The pydantic ``Scenario`` (``scenario.py``), the UI
widgets, the validation messages and the Assumptions page all read this table; nothing restates a
range or a default by hand.

Paths are dotted scenario paths (``funnel.conversion_rate``). Fields of list items (campaign
windows, promotions) are registered under a template path such as ``campaign.platform_uv`` or
``promotion.item_discount.pct``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Provenance = Literal["SEED", "LIT", "DERIVED", "ASSUMPTION", "SECONDARY"]
Kind = Literal["float", "int", "choice"]

#: The five seed documents (MODEL.md §0), named by their file names.
SEED_000 = "000_a88f1510fdee5e3d.txt"
SEED_001 = "001_72d724d01ae01744.txt"
SEED_002 = "002_92d308f1e7ed1097.txt"
SEED_003 = "003_6162060a84d80a32.txt"
SEED_004 = "004_d89e59995b8e21f2.txt"


@dataclass(frozen=True)
class Param:
    """One scenario parameter.

    Attributes
    ----------
    path : dotted scenario path (or list-item template path).
    unit : unit string, also a key of ``ui.fmt.UNIT_LABELS``.
    lo, hi : inclusive valid range.
    default : value in the default scenario (``mid_store``).
    provenance : MODEL.md label: SEED / LIT / DERIVED / ASSUMPTION / SECONDARY.
    source : seed file name, publication or derivation behind the default.
    zh, en : short labels; help_zh, help_en : one-sentence explanations.
    symbol : the symbol used in MODEL.md, for the formulas shown beside charts.
    step : widget step; kind : float, int or choice (then ``choices``).
    """

    path: str
    unit: str
    lo: float
    hi: float
    default: float | int | str
    provenance: Provenance
    source: str
    zh: str
    en: str
    help_zh: str = ""
    help_en: str = ""
    symbol: str = ""
    step: float | None = None
    kind: Kind = "float"
    choices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def group(self) -> str:
        """First path segment: the Assumptions page groups by it."""
        return self.path.split(".")[0]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def help(self, lang: str) -> str:
        return self.help_zh if lang == "zh" else self.help_en

    def range_text(self) -> str:
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        return f"[{_num(self.lo)}, {_num(self.hi)}] {self.unit}".rstrip()


def _num(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e7 else f"{x:.3g}"


_P = Param
_ALL: list[Param] = [
    # ---------------------------------------------------------------- horizon
    _P("horizon_days", "days", 1, 730, 180, "ASSUMPTION", "MODEL.md §9.2: ≥ one 180-day DSR window",
       "推演天数", "Days simulated", "从第0天起推演的天数。", "Days simulated from day 0.",
       symbol="T", step=1, kind="int"),
    # ---------------------------------------------------------------- store
    _P("store.aov", "yuan", 1, 100_000, 115.5, "DERIVED", f"{SEED_003} 天天特价 table: 7,505,132 / 64,981",
       "客单价(标价)", "Order value (list price)",
       "基线每笔订单的商品金额(按标价)。", "Baseline merchandise value per order at list price.",
       symbol="AOV0", step=0.5),
    _P("store.gross_margin", "fraction", 0, 0.95, 0.5, "ASSUMPTION", "MODEL.md §4.7",
       "毛利率", "Gross margin", "标价下的毛利率。", "Gross margin at list price.",
       symbol="g_m", step=0.01),
    _P("store.units_per_order", "units/order", 1, 10, 1.3, "ASSUMPTION", "MODEL.md §4.4 (客件数 proxy)",
       "客件数", "Units per order", "每笔订单平均件数。", "Average units per order.",
       symbol="k̄", step=0.1),
    _P("store.age_days", "days", 1, 3650, 365, "ASSUMPTION", f"store stages, {SEED_003}",
       "店铺经营天数", "Store age", "已有老客户的积累期,决定复购基数。",
       "How long the store has been selling: sets the old-customer base.",
       symbol="H", step=1, kind="int"),
    _P("store.shipping_fee", "yuan", 0, 50, 10, "ASSUMPTION", "MODEL.md §4.4",
       "运费(不包邮时)", "Shipping fee charged", "不包邮订单向买家收取的运费。",
       "Fee a buyer pays when an order is not shipped free.", symbol="s_fee", step=1),
    _P("store.paid_shipping_share", "fraction", 0, 1, 0.3, "ASSUMPTION", "many Taobao items ship free (包邮)",
       "付运费订单占比", "Orders paying shipping", "基线中买家付运费的订单占比。",
       "Share of baseline orders on which the buyer pays shipping.", step=0.05),
    # ---------------------------------------------------------------- traffic
    _P("traffic.organic_uv", "UV/day", 0, 1_000_000, 4000, "ASSUMPTION",
       f"preset B, inquiries ≈ 200/day inside the 100–300 band of {SEED_003}",
       "自然访客数", "Organic visitors",
       "店铺日常(非付费、非活动)日均访客数 UV。", "Everyday (non-paid, non-campaign) visitors per day.",
       symbol="UV_base", step=100),
    _P("traffic.growth_pct_month", "%/month", -50, 100, 0, "ASSUMPTION", "MODEL.md §4.1",
       "自然流量月增长", "Organic growth", "自然流量每月增长率(%)。", "Monthly growth of organic traffic (%).",
       symbol="g", step=1),
    _P("traffic.weekday_profile", "ratio", 0, 5, 1.0, "ASSUMPTION", "MODEL.md §4.1 (flat by default)",
       "周内流量系数", "Weekday profile", "周一到周日的流量系数(自动归一到均值1)。",
       "Traffic multipliers Monday…Sunday (normalised to mean 1).", symbol="s_dow", step=0.05),
    _P("traffic.precise_share", "fraction", 0, 1, 0.6479, "SEED", f"{SEED_002}: 64.79% precise traffic",
       "精准流量占比", "Precise-traffic share", "自然流量中精准(目标客户)流量的占比。",
       "Share of organic visitors who are target customers.", symbol="s_prec", step=0.01),
    _P("traffic.imprecise_quality", "ratio", 0, 1, 0.3, "ASSUMPTION", "MODEL.md §4.1",
       "非精准流量转化系数", "Imprecise-traffic quality",
       "非精准流量的转化率相对精准流量的倍数。", "Conversion of imprecise visitors relative to precise.",
       symbol="q_imp", step=0.05),
    _P("traffic.paid_search.budget_per_day", "yuan/day", 0, 1_000_000, 0, "ASSUMPTION", "MODEL.md §4.1",
       "直通车日预算", "Paid search budget", "直通车每天花费。", "Paid-search (直通车) spend per day.",
       symbol="B_ad", step=50),
    _P("traffic.paid_search.cpc", "yuan/click", 0.1, 20, 1.0, "ASSUMPTION", "MODEL.md §4.1",
       "直通车点击单价", "Paid search CPC", "直通车平均每次点击花费。", "Average cost per click of paid search.",
       symbol="CPC", step=0.05),
    _P("traffic.paid_search.quality", "ratio", 0, 2, 1.0, "ASSUMPTION",
       "keyword-targeted visitors assumed as precise as organic",
       "直通车流量质量", "Paid search quality", "直通车访客转化率相对自然流量的倍数。",
       "Conversion of paid-search visitors relative to organic.", step=0.05),
    _P("traffic.display.budget_per_day", "yuan/day", 0, 1_000_000, 0, "ASSUMPTION", "MODEL.md §4.1",
       "钻展日预算", "Display budget", "钻展(展示广告)每天花费。", "Display-ad (钻展) spend per day.",
       step=50),
    _P("traffic.display.cpc", "yuan/click", 0.1, 20, 0.8, "ASSUMPTION",
       "CPM ÷ (1000 × CTR); 钻展 is sold per mille",
       "钻展点击单价", "Display CPC", "钻展折算的每次点击花费(CPM÷(1000×点击率))。",
       "Effective cost per click of display ads (CPM ÷ (1000 × CTR)).", step=0.05),
    _P("traffic.display.quality", "ratio", 0, 2, 0.5, "ASSUMPTION", "broad audience; MODEL.md q_imp analogy",
       "钻展流量质量", "Display quality", "钻展访客转化率相对自然流量的倍数。",
       "Conversion of display visitors relative to organic.", step=0.05),
    _P("traffic.affiliate.uv_per_day", "UV/day", 0, 1_000_000, 0, "ASSUMPTION", f"淘客 sites, {SEED_003}",
       "淘客访客数", "Affiliate visitors", "淘宝客带来的日访客数。", "Visitors per day sent by affiliates (淘客).",
       step=50),
    _P("traffic.affiliate.commission_rate", "fraction", 0, 0.9, 0.1, "ASSUMPTION", "commission on sales brought",
       "淘客佣金率", "Affiliate commission", "按淘客带来的成交额支付的佣金比例。",
       "Commission paid on the sales affiliates bring.", step=0.01),
    _P("traffic.affiliate.quality", "ratio", 0, 2, 0.8, "ASSUMPTION", "MODEL.md §4.1",
       "淘客流量质量", "Affiliate quality", "淘客访客转化率相对自然流量的倍数。",
       "Conversion of affiliate visitors relative to organic.", step=0.05),
    # campaign windows (list items)
    _P("campaign.start_day", "days", 0, 729, 30, "ASSUMPTION", "user's calendar",
       "活动开始日", "Campaign first day", "", "", step=1, kind="int"),
    _P("campaign.end_day", "days", 0, 729, 33, "ASSUMPTION", "user's calendar",
       "活动结束日", "Campaign last day", "", "", step=1, kind="int"),
    _P("campaign.platform_uv", "UV/day", 0, 10_000_000, 550_000, "SEED",
       f"{SEED_003}: 天天特价 55万/100万/150万 UV per day (2012-04/05/06)",
       "平台活动日均UV", "Platform campaign UV", "活动频道每天的总访客数。",
       "Visitors per day of the whole platform campaign channel.", symbol="A_plat", step=10_000),
    _P("campaign.store_share", "fraction", 0, 0.05, 0.002, "ASSUMPTION", "MODEL.md §4.1",
       "本店分得比例", "Store's share", "活动频道访客进入本店的比例。",
       "Share of the channel's visitors who reach this store.", symbol="s_act", step=0.0005),
    _P("campaign.quality", "ratio", 0, 1, 0.3, "ASSUMPTION", "MODEL.md §4.1; calibrated in V4",
       "活动流量质量", "Campaign traffic quality", "活动访客转化率相对自然流量的倍数。",
       "Conversion of campaign visitors relative to organic.", symbol="q_camp", step=0.05),
    _P("campaign.fee_per_day", "yuan/day", 0, 1_000_000, 0, "ASSUMPTION", "坑位费; not in the seeds",
       "活动坑位费", "Campaign slot fee", "参加活动每天的固定费用。", "Fixed fee per campaign day.", step=100),
    _P("campaign.commission_rate", "fraction", 0, 0.5, 0.0, "ASSUMPTION", "not in the seeds",
       "活动佣金率", "Campaign commission", "按活动带来的成交额收取的佣金。",
       "Commission on the sales the campaign brings.", step=0.01),
    # ---------------------------------------------------------------- funnel
    _P("funnel.conversion_rate", "fraction", 0.001, 0.3, 0.024, "SEED",
       f"{SEED_003}: pre-campaign conversion 2.4%", "支付转化率", "Paid conversion",
       "支付订单数 ÷ 访客数(店铺日常流量,含老客户)。", "Paid orders ÷ visitors (everyday traffic, old customers included).",
       symbol="CR0", step=0.001),
    _P("funnel.old_customer_share", "fraction", 0, 0.9, 0.2, "ASSUMPTION",
       f"preset B; 'loyal' share > 5% in {SEED_003} (V6)", "老客户占比", "Old-customer share",
       "基线支付订单中老客户(复购)的占比。", "Share of baseline paid orders from returning customers.",
       symbol="s_old", step=0.01),
    _P("funnel.inquiry_rate", "fraction", 0, 0.5, 0.05, "ASSUMPTION", "MODEL.md §4.2",
       "询单率", "Inquiry rate", "访客中向客服咨询的比例。", "Share of visitors who ask customer service.",
       symbol="q_inq", step=0.005),
    _P("funnel.inquiry_conversion", "fraction", 0, 1, 0.25, "SEED",
       f"{SEED_002}: agents below 25% judged poor", "询单转化率", "Inquiry conversion",
       "咨询访客的下单率。", "Share of inquiring visitors who place an order.", symbol="c_inq", step=0.01),
    # ---------------------------------------------------------------- payment
    _P("payment.pay_now_share", "fraction", 0.3, 1, 0.85, "ASSUMPTION", "MODEL.md §4.2",
       "立即付款比例", "Paid immediately", "下单后立即付款的比例。", "Share of placed orders paid at once.",
       symbol="ρ_pay0", step=0.01),
    _P("payment.late_pay_share", "fraction", 0, 1, 0.3, "ASSUMPTION", "MODEL.md §4.2",
       "未催自付比例", "Paid later unreminded", "未付款订单中无需催付也会稍后付款的比例。",
       "Share of unpaid orders paid later without a reminder.", symbol="ρ_late", step=0.01),
    _P("payment.reminder_lift", "fraction", 0, 1, 0.2, "ASSUMPTION", "MODEL.md §4.2",
       "催付挽回率", "Reminder recovery", "一次催付额外挽回的未付订单比例。",
       "Extra share of remindable unpaid orders one reminder recovers.", symbol="r_rem", step=0.01),
    _P("payment.excluded_share", "fraction", 0, 1, 0.3, "ASSUMPTION",
       f"categories (货到付款, cancelled, duplicate) from {SEED_003}", "不可催付比例", "Not remindable",
       "货到付款、买家已取消、重复下单等不应催付的比例。",
       "Unpaid orders not to remind: cash on delivery, cancelled, duplicates.", symbol="d_ex", step=0.01),
    _P("payment.reminders", "count", 0, 2, 1, "SEED", f"{SEED_003}: 2nd reminder next day 10:00, other method",
       "催付次数", "Reminders", "0 = 不催付;1 = 一次;2 = 次日换方式再催一次。",
       "0 = none; 1 = one; 2 = a second one next day by another method.", step=1, kind="int"),
    _P("payment.reminder_delay_min", "min", 0, 2880, 60, "SEED",
       f"{SEED_003}: within 60 min (10 min in campaigns)", "催付时机", "Reminder delay",
       "下单到催付的分钟数。", "Minutes from order to reminder.", symbol="τ_rem", step=5),
    _P("payment.timing_evidence", "choice", 0, 0, "seed", "ASSUMPTION",
       "seed practice vs cart-retargeting evidence (Li et al. 2021)", "催付时机模型", "Reminder timing model",
       "seed:按卖家经验,时机无影响;evidence:一小时内催付反而降低付款(购物车再营销研究)。",
       "seed: timing does not matter; evidence: reminders within an hour backfire (cart-retargeting study).",
       kind="choice", choices=("seed", "evidence")),
    _P("payment.phone_aov_threshold", "yuan", 0, 100_000, 300, "ASSUMPTION",
       f"rule 'high AOV → phone' from {SEED_003}", "电话催付门槛", "Phone above AOV",
       "客单价高于此值用电话催付,否则短信/旺旺。", "Above this order value remind by phone, else SMS.",
       symbol="A_phone", step=10),
    _P("payment.sms_cost", "yuan", 0, 5, 0.05, "ASSUMPTION", "MODEL.md §4.2",
       "短信催付成本", "SMS reminder cost", "", "", symbol="c_sms", step=0.01),
    _P("payment.call_cost", "yuan", 0, 20, 1.0, "ASSUMPTION", "MODEL.md §4.2",
       "电话催付成本", "Phone reminder cost", "", "", symbol="c_call", step=0.1),
    # ---------------------------------------------------------------- price response
    _P("price.elasticity", "", -6, -0.2, -2.62, "LIT", "Bijmolt, van Heerde & Pieters 2005 (mean of 1,851)",
       "价格弹性", "Price elasticity", "价格变动1%带来的销量变动%。", "% change in quantity per 1% price change.",
       symbol="ε", step=0.05),
    _P("price.conversion_share", "fraction", 0, 1, 0.5, "ASSUMPTION",
       f"MODEL.md §4.3; the seed campaign implies 0.24 ({SEED_003})", "降价作用于转化的份额",
       "Share of lift on conversion", "降价带来的提升中作用于转化率的部分,其余作用于件数。",
       "Part of the price lift acting on conversion; the rest raises units per order.", symbol="φ", step=0.05),
    _P("price.floor", "", 0.2, 1, 0.5, "ASSUMPTION", f"deepest seed campaign was 5折 ({SEED_003})",
       "价格反应下限", "Price-response floor", "价格指数低于此值不再提升销量。",
       "Below this price index demand stops responding.", symbol="x_floor", step=0.05),
    _P("price.repeat_share", "fraction", 0, 1, 0.5, "ASSUMPTION", "MODEL.md §6.6",
       "老客户价格反应份额", "Old-customer price response", "老客户订单对降价反应的指数。",
       "Exponent of the price lift on old-customer orders.", symbol="φ_rep", step=0.05),
    _P("price.cannibalisation", "fraction", 0, 0.5, 0.22, "LIT", "Leeflang et al. 2008 (cross-item 22%)",
       "对未促销商品的蚕食", "Cannibalisation", "部分商品促销时,增量中从店内其他商品转移来的比例。",
       "When only some items are on promotion, the share of their gain taken from other items.",
       symbol="c_can", step=0.01),
    # promotions (list items)
    _P("promotion.start_day", "days", 0, 729, 30, "ASSUMPTION", "user's calendar",
       "促销开始日", "Promotion first day", "", "", step=1, kind="int"),
    _P("promotion.end_day", "days", 0, 729, 33, "ASSUMPTION", "user's calendar",
       "促销结束日", "Promotion last day", "", "", step=1, kind="int"),
    _P("promotion.item_discount.pct", "fraction", 0, 0.9, 0.2, "ASSUMPTION", "user's plan",
       "折扣幅度", "Discount depth", "限时折扣的降价幅度(0.2 = 8折)。", "Fraction off list price (0.2 = 20% off).",
       symbol="δ", step=0.01),
    _P("promotion.item_discount.coverage", "fraction", 0, 1, 1.0, "ASSUMPTION", "全场 = 1",
       "参与商品占比", "Items covered", "参与折扣的商品占销售额的比例(1 = 全场)。",
       "Share of sales on promotion (1 = store-wide).", symbol="θ_cov", step=0.05),
    # ---------------------------------------------------------------- repeat engine
    _P("repeat.r", "", 0.01, 10, 0.243, "LIT", "BG/NBD CDNOW, Fader, Hardie & Lee 2005",
       "BG/NBD r", "BG/NBD r", "购买率异质性的形状参数。", "Shape of purchase-rate heterogeneity.",
       symbol="r", step=0.01),
    _P("repeat.a", "", 0.01, 50, 0.793, "LIT", "BG/NBD CDNOW, Fader, Hardie & Lee 2005",
       "BG/NBD a", "BG/NBD a", "流失概率 Beta 分布参数 a。", "Dropout Beta parameter a.", symbol="a", step=0.01),
    _P("repeat.b", "", 0.01, 50, 2.426, "LIT", "BG/NBD CDNOW, Fader, Hardie & Lee 2005",
       "BG/NBD b", "BG/NBD b", "流失概率 Beta 分布参数 b。", "Dropout Beta parameter b.", symbol="b", step=0.01),
    _P("repeat.aov_ratio", "ratio", 0.3, 3, 1.0, "ASSUMPTION", "MODEL.md §4.5",
       "复购客单价倍数", "Repeat order value ratio", "老客户订单金额相对新客户的倍数。",
       "Old-customer order value relative to new customers'.", symbol="AOV_rep/AOV0", step=0.05),
    # ---------------------------------------------------------------- service
    _P("service.agents", "agents", 0, 200, 4, "SEED", f"{SEED_002}: 4 agents online",
       "在线客服人数", "Agents online", "服务时段在线的客服人数。", "Agents online during service hours.",
       symbol="n_agents", step=1, kind="int"),
    # ---------------------------------------------------------------- finance
    _P("finance.shipping_cost", "yuan", 0, 100, 8, "ASSUMPTION", "MODEL.md §4.7",
       "每单快递成本", "Shipping cost per parcel", "", "", symbol="c_ship", step=0.5),
    _P("finance.platform_fee_rate", "fraction", 0, 0.2, 0.02, "ASSUMPTION", "MODEL.md §4.7",
       "平台及支付费率", "Platform & payment fees", "按成交额收取的平台/支付费用。",
       "Platform and payment fees on paid value.", symbol="f_plat", step=0.005),
    _P("finance.return_rate", "fraction", 0, 0.8, 0.1, "ASSUMPTION", "MODEL.md §4.7",
       "退货退款率", "Return rate", "成交额中退货退款的比例。", "Share of paid value refunded.",
       symbol="r_ret", step=0.01),
    _P("finance.agent_wage_per_day", "yuan/day", 0, 5000, 250, "ASSUMPTION", "MODEL.md §4.7",
       "客服日薪", "Agent cost per day", "每位客服每天的人力成本。", "Cost of one agent per day.",
       symbol="wage", step=10),
]

PARAMS: dict[str, Param] = {p.path: p for p in _ALL}


def param(path: str) -> Param:
    """The registry record of ``path``; ``KeyError`` lists close matches."""
    try:
        return PARAMS[path]
    except KeyError:
        close = [k for k in PARAMS if path.split(".")[-1] in k][:5]
        raise KeyError(f"unknown parameter {path!r}; similar: {close}") from None


# Named constants of the model with their sources (not user-editable).
CR_WARN = 0.01
"""Below this paid conversion, do not promote [SEED 002: '转化率没有超过1%…暂时不要去做推广活动']."""
