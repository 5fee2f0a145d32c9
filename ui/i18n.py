"""Translation catalogue: every string a user reads, in Chinese and English.

Parameter labels live in the registry (``simulator.registry``); everything else is here.
``t(key, lang, **kw)`` formats with ``str.format``. Pure Python: no streamlit import.
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

CATALOGUE: dict[str, tuple[str, str]] = {
    # app
    "app.title": ("店铺推演", "Shop What-If"),
    "app.tagline": (
        "在花钱之前先推演:流量、转化、客单价、复购与利润",
        "Try a plan before you spend on it: traffic, conversion, order value, repurchase and profit",
    ),
    "page.overview": ("总览", "Overview"),
    "page.traffic": ("流量与漏斗", "Traffic & funnel"),
    "page.assumptions": ("假设与来源", "Assumptions"),
    "page.promotions": ("促销", "Promotions"),
    # sidebar
    "side.language": ("语言 / Language", "Language / 语言"),
    "side.workspace": ("方案", "Scenarios"),
    "side.baseline_preset": ("基线(店铺现状)", "Baseline (your store today)"),
    "side.plan_preset": ("推演方案起点", "Plan starts from"),
    "side.reset_plan": ("方案重置为基线", "Reset plan to baseline"),
    "side.horizon": ("推演天数", "Days simulated"),
    "side.baseline_name": ("基线", "Baseline"),
    "side.plan_name": ("方案", "Plan"),
    "side.help": (
        "基线 = 店铺现状(按生意参谋数据填写);方案 = 你想尝试的改变。所有对比均为 方案 − 基线。",
        "Baseline = your store today (enter your dashboard numbers); plan = the change you want to "
        "try. Every comparison is plan − baseline.",
    ),
    "side.edit_baseline": ("编辑基线", "Edit the baseline"),
    "side.edit_plan": ("编辑方案", "Edit the plan"),
    "side.editing": ("正在编辑", "Editing"),
    "nav.unknown_page": (
        "没有“/{path}”这个页面,已为你打开总览。",
        "There is no page “/{path}”: here is the Overview.",
    ),
    # KPIs
    "kpi.gmv": ("成交金额 GMV", "GMV"),
    "kpi.orders_paid": ("支付订单数", "Paid orders"),
    "kpi.aov": ("客单价", "Order value (AOV)"),
    "kpi.conversion_rate": ("支付转化率", "Paid conversion"),
    "kpi.uv_value": ("流量价值(UV价值)", "UV value"),
    "kpi.profit": ("贡献利润", "Contribution profit"),
    "kpi.old_customer_share": ("老客户占比", "Old-customer share"),
    "kpi.uv": ("访客数 UV", "Visitors (UV)"),
    "kpi.discount_cost": ("折扣让利", "Discounts given"),
    "kpi.promotion_cost": ("促销成本", "Promotion cost"),
    "kpi.baseline_value": ("基线:{value}", "Baseline: {value}"),
    "kpi.vs_baseline": ("基线 {value}", "baseline {value}"),
    "kpi.horizon_note": (
        "{days} 天合计;比率为整段比率(如 GMV ÷ 订单数)。",
        "Totals over {days} days; ratios are horizon ratios (e.g. GMV ÷ orders).",
    ),
    # overview
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
    # metrics for charts
    "m.gmv": ("成交金额", "GMV"),
    "m.orders_paid": ("支付订单", "Paid orders"),
    "m.orders_new": ("新客订单", "New-customer orders"),
    "m.orders_repeat": ("老客户订单", "Old-customer orders"),
    "m.uv": ("访客数", "Visitors"),
    "m.conversion_rate": ("支付转化率", "Paid conversion"),
    "m.aov": ("客单价", "AOV"),
    "m.profit": ("贡献利润", "Contribution profit"),
    "m.inquiries": ("询单", "Inquiries"),
    "m.orders_placed": ("下单", "Placed orders"),
    "m.day": ("第几天", "Day"),
    "m.scenario": ("方案", "Scenario"),
    "m.value": ("数值", "Value"),
    "m.stage": ("环节", "Stage"),
    "m.effect": ("效应", "Effect"),
    "m.source": ("来源", "Source"),
    "eff.baseline": ("基线 GMV", "Baseline GMV"),
    "eff.traffic": ("流量效应", "Traffic effect"),
    "eff.conversion": ("转化效应", "Conversion effect"),
    "eff.aov": ("客单价效应", "AOV effect"),
    "eff.repeat": ("复购效应", "Repeat effect"),
    "eff.plan": ("方案 GMV", "Plan GMV"),
    "peff.baseline": ("基线利润", "Baseline profit"),
    "peff.plan": ("方案利润", "Plan profit"),
    "peff.list_sales": ("原价销售额", "Sales at list price"),
    "peff.discounts": ("折扣让利", "Discounts"),
    "peff.returns": ("退款与运费", "Refunds and shipping fees"),
    "peff.goods_cost": ("商品成本", "Goods cost"),
    "peff.fulfilment": ("快递与平台费", "Shipping and platform fees"),
    "peff.service": ("客服", "Customer service"),
    "peff.marketing": ("营销费用", "Marketing"),
    "peff.loyalty": ("会员计划", "Loyalty schemes"),
    # channels
    "ch.paid_search": ("直通车", "Paid search (Through Train)"),
    "ch.display": ("钻展", "Display ads (Diamond Booth)"),
    "ch.affiliate": ("淘宝客", "Affiliates (Taoke)"),
    "ch.campaign": ("平台活动 {n}", "Platform campaign {n}"),
    "ch.reminders": ("催付", "Payment reminders"),
    "ch.organic": ("自然流量", "Organic"),
    "ch.returning": ("回访老客", "Returning buyers"),
    "col.channel": ("渠道", "Channel"),
    "col.spend": ("花费", "Spend"),
    "col.uv": ("访客", "Visitors"),
    "col.orders": ("新客订单", "New orders"),
    "col.gmv": ("成交金额", "GMV"),
    "col.roas": ("投产比 ROAS", "ROAS"),
    "col.profit": ("净贡献", "Net contribution"),
    "col.roi": ("ROI", "ROI"),
    "col.cost_per_order": ("单均成本", "Cost per order"),
    # traffic & funnel page
    "tf.intro": (
        "修改方案的流量来源与漏斗比率,右侧即时显示结果与公式。基线不变(在侧栏切换到「编辑基线」可修改店铺现状)。",
        "Change the plan's traffic sources and funnel rates; results and formulas update on the "
        "right. The baseline stays as it is (switch to “Edit the baseline” in the sidebar to change it).",
    ),
    "tf.sec.traffic": ("流量来源", "Traffic sources"),
    "tf.sec.organic": ("自然流量", "Organic traffic"),
    "tf.sec.paid": (
        "付费推广(直通车、钻展、淘客)",
        "Paid traffic (paid search, display, affiliates)",
    ),
    "tf.sec.campaigns": (
        "平台活动(聚划算、天天特价)",
        "Platform campaigns (Juhuasuan, Tiantian Tejia)",
    ),
    "tf.sec.funnel": ("漏斗比率", "Funnel rates"),
    "tf.sec.payment": ("付款与催付", "Payment and reminders"),
    "tf.sec.price": ("价格与促销", "Price & promotions"),
    "tf.price_moved": (
        "限时折扣、满减、包邮等所有促销,以及价格弹性、参考价、透支和凑单等参数,都在「促销」页统一编辑。",
        "Every promotion (limited-time discounts, spend-and-save, free shipping …) and the "
        "price-response, reference-price, pull-forward and basket parameters are edited on the "
        "Promotions page.",
    ),
    "tf.sec.store": ("店铺与成本", "Store and costs"),
    "tf.weekday": ("周一至周日流量系数", "Monday…Sunday traffic multipliers"),
    "tf.weekdays": ("一,二,三,四,五,六,日", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
    "tf.campaign_editor": (
        "每行一个活动窗口(第几天开始/结束,含首尾)。平台 UV × 本店分得比例 = 本店活动访客。",
        "One row per campaign window (first/last day, inclusive). Platform UV × store share = "
        "campaign visitors to this store.",
    ),
    "tf.results": ("方案结果", "Plan results"),
    "tf.formula_cr": ("转化率 = 订单数 ÷ 访客数", "Conversion = orders ÷ visitors"),
    "tf.formula_uvv": ("流量价值 = 成交金额 ÷ 访客数", "UV value = GMV ÷ visitors"),
    "tf.formula_sales": (
        "销售额 = 流量 × 转化率 × 客单价",
        "Sales = traffic × conversion × order value",
    ),
    "tf.formula_source": ("公式来源:种子 002、003", "Formulas: seeds 002 and 003"),
    "tf.sources_chart": ("每日访客来源(方案)", "Visitors by source per day (plan)"),
    "tf.calibration": ("校准(由基线推出)", "Calibration (derived from the baseline)"),
    "tf.calibration_body": (
        "- 付款率 PR0 = {pr0}\n- 静默下单率 c_sil = {csil}\n- 询单路径:{qinq} × {cinq}\n"
        "- 老客户基数:开店前每天新客 {nhist},BG/NBD 尺度 α = {alpha} 天 [派生]",
        "- Pay rate PR0 = {pr0}\n- Silent-path conversion c_sil = {csil}\n- Inquiry path: "
        "{qinq} × {cinq}\n- Old-customer base: {nhist} new buyers per day before day 0, BG/NBD "
        "scale α = {alpha} days [DERIVED]",
    ),
    "tf.kind": ("活动类型", "Campaign type"),
    "camp.juhuasuan": ("聚划算", "Juhuasuan"),
    "camp.tiantian_tejia": ("天天特价", "Tiantian Tejia (daily deals)"),
    "camp.other": ("其他活动", "Other campaign"),
    "tf.rows_invalid": ("以下行未生效:", "These rows were not applied:"),
    "tf.row": ("第 {n} 行:{msg}", "Row {n}: {msg}"),
    # warnings
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
    # errors
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
    "err.unexpected": (
        "出了点问题,本页未能画完。你的方案没有丢失;请换个数值再试,或重置方案。",
        "Something went wrong drawing this page. Your scenarios are safe; try another value or "
        "reset the plan.",
    ),
    "err.not_applied": ("未应用:", "Not applied:"),
    # assumptions page
    "as.intro": (
        "每个参数的单位、取值、合法范围与出处。出处标签:种子(五份原始资料)、文献(已发表的研究)、派生(由前两者计算)、假设(无出处,需自行判断)。",
        "Every parameter with its unit, value, valid range and source. Provenance: SEED (the "
        "five source documents), LIT (published research), DERIVED (computed from those), "
        "ASSUMPTION (no source: judge for yourself).",
    ),
    "as.filter": ("按出处筛选", "Filter by provenance"),
    "as.search": ("搜索参数", "Search parameters"),
    "as.col.group": ("分组", "Group"),
    "as.col.param": ("参数", "Parameter"),
    "as.col.symbol": ("符号", "Symbol"),
    "as.col.baseline": ("基线值", "Baseline"),
    "as.col.plan": ("方案值", "Plan"),
    "as.col.unit": ("单位", "Unit"),
    "as.col.range": ("合法范围", "Valid range"),
    "as.col.provenance": ("出处", "Provenance"),
    "as.col.source": ("来源", "Source"),
    "as.col.path": ("路径", "Path"),
    "as.col.fitted": ("从你的数据校准", "Calibrated from your data"),
    "as.col.changed": ("已改", "Changed"),
    "as.presets": ("预设方案", "Presets"),
    "as.errata": (
        "关于模型:种子资料的勘误与歧义",
        "About the model: errata and ambiguities in the seeds",
    ),
    "as.errata_intro": (
        "种子资料是本工具的出发点,但其中有笔误、算错和说法不清的地方。下表列出我们发现的问题以及模型的处理方式。",
        "The seed documents are where this tool starts, but they contain typos, a wrong formula "
        "and unclear wording. This table lists what we found and how the model resolves it.",
    ),
    "as.col.seed": ("种子", "Seed"),
    "as.col.issue": ("原文问题", "Issue"),
    "as.col.resolution": ("处理方式", "Resolution"),
    "errata.E1": (
        "DSR 示例印成“4*4*3.05%”||该项应为 4×3.05%;结果 4.8905 是对的",
        "DSR example printed as “4*4*3.05%”||the term is 4×3.05%; the result 4.8905 is right",
    ),
    "errata.E2": (
        "补分公式写成 x ≥ 6/(5−f) − 1||代数上错了;正确的是 x ≥ (f−1)/(5−f) = 4/(5−f) − 1(f = 4.8 时需 19 个五星,不是 29)",
        "recovery bound printed as x ≥ 6/(5−f) − 1||algebraically wrong; the right bound is "
        "x ≥ (f−1)/(5−f) = 4/(5−f) − 1 (at f = 4.8: 19 five-star ratings, not 29)",
    ),
    "errata.E3": (
        "“往前推180天 = 2月12日—8月11日”||非闰年里这段含首尾共 181 天;窗口口径可配置,默认沿用种子的字面例子(起点 = t − 180 天,含首尾)",
        "“180 days back = 12 Feb – 11 Aug”||in a non-leap year that span is 181 days inclusive; "
        "the window convention is configurable, default = the seed's literal example "
        "(start = t − 180 d, inclusive)",
    ),
    "errata.E4": (
        "“转货率提升至4-4.5”||读作转化率(%),与“转化率由2.4提升到了3.68”一致",
        "“zhuanhuo rate (a typo) rose to 4–4.5”||read as conversion rate (%), consistent with "
        "“conversion rose from 2.4 to 3.68”",
    ),
    "errata.E5": (
        "类目表的成交额占比合计 101%||四舍五入所致",
        "GMV shares in the category table add up to 101%||rounding",
    ),
    "errata.E6": (
        "“215 个咨询 / 12 单”的时间段不明;“咨询量只有5.88%的客服”含义不清||5.58% 当作该时段的询单转化率,5.88% 当作单个客服的转化率(1/17);两者都标为推断",
        "the period of “215 inquiries / 12 orders” is unclear; “an agent at only 5.88%” is "
        "ambiguous||5.58% is taken as the period's inquiry conversion and 5.88% as one agent's "
        "(1/17); both are flagged as inference",
    ),
    "errata.E7": (
        "“日成交额达到了350%-400%的增长”||可读作常态的 ×3.5–4.0 或 ×4.5–5.0;校准时用 3.5–5.0 的区间(V4)",
        "“daily GMV grew by 350–400%”||either ×3.5–4.0 or ×4.5–5.0 of normal; calibration uses "
        "the range 3.5–5.0 (V4)",
    ),
    "errata.E8": (
        "关联营销的“好/中/差”几列丢失||满包邮门槛规则(客单价 + 20–30 元)只作为默认值,不作为“效果”评级",
        "the good/medium/poor columns of the association-marketing table are lost||the "
        "free-shipping threshold rule (AOV + 20–30 yuan) is used as a default, not as an "
        "effectiveness rating",
    ),
    "as.col.preset": ("预设", "Preset"),
    "as.col.description": ("说明", "Description"),
    "as.derived": ("派生值(由基线校准)", "Derived values (calibrated from the baseline)"),
    "as.count": ("共 {n} 个参数,其中 {a} 个为假设。", "{n} parameters, {a} of them assumptions."),
    "as.download": ("下载参数表 CSV", "Download the table as CSV"),
    "as.campaigns_promos": (
        "活动窗口与促销为列表项,其字段的范围同样来自参数表。",
        "Campaign windows and promotions are list items; their fields' ranges come from the "
        "same registry.",
    ),
    "grp.horizon_days": ("推演", "Horizon"),
    "grp.store": ("店铺", "Store"),
    "grp.traffic": ("流量", "Traffic"),
    "grp.campaign": ("平台活动", "Platform campaign"),
    "grp.funnel": ("漏斗", "Funnel"),
    "grp.payment": ("付款", "Payment"),
    "grp.price": ("价格反应", "Price response"),
    "grp.promotion": ("促销", "Promotion"),
    "grp.repeat": ("复购", "Repeat"),
    "grp.basket": ("购物篮", "Basket"),
    "grp.membership": ("会员", "Membership"),
    "grp.service": ("客服", "Service"),
    "grp.fulfilment": ("发货", "Fulfilment"),
    "grp.dsr": ("店铺评分 DSR", "Shop ratings (DSR)"),
    "grp.finance": ("财务", "Finance"),
    "prov.SEED": ("种子", "SEED"),
    "prov.LIT": ("文献", "LIT"),
    "prov.DERIVED": ("派生", "DERIVED"),
    "prov.ASSUMPTION": ("假设", "ASSUMPTION"),
    "prov.SECONDARY": ("二手", "SECONDARY"),
    # promotions page
    "pr.intro": (
        "在日历上安排促销,看每项促销的成本、增量与 ROI、购物篮的凑单、满减门槛的选择、利润变化和促销后的回落。编辑的是侧栏选中的方案。",
        "Place promotions on the calendar and see each one's cost, increments and ROI, the "
        "basket topping up to a threshold, how to pick a spend-and-save tier, the profit change "
        "and the post-promotion dip. Edits go to the scenario chosen in the sidebar.",
    ),
    "pr.builder": ("添加促销", "Add a promotion"),
    "pr.kind": ("促销类型", "Kind"),
    "pr.goal": ("目标(种子003):{goals}", "Goal (seed 003): {goals}"),
    "pr.stage": ("叠加顺序:{stage}", "Stacking stage: {stage}"),
    "goal.conversion": ("转化率(刺激购买)", "conversion (make them buy)"),
    "goal.aov": ("客单价(刺激多买)", "order value (make them buy more)"),
    "goal.repurchase": ("复购率(刺激再来)", "repurchase (bring them back)"),
    "stage.item": ("① 商品级", "① item level"),
    "stage.order": ("② 订单级门槛", "② order-level threshold"),
    "stage.addon": ("③ 加购", "③ add-on"),
    "kind.item_discount": ("限时折扣", "Limited-time discount"),
    "kind.threshold_discount": ("满减", "Spend & save"),
    "kind.coupon": ("优惠券", "Coupon"),
    "kind.free_shipping": ("满包邮", "Free shipping over"),
    "kind.gift": ("满就送", "Gift with spend"),
    "kind.addon": ("加价换购", "Add-on deal"),
    "kind.second_item": ("第2件N折", "Second item off"),
    "kind.lottery": ("抽奖", "Lottery"),
    "desc.item_discount": (
        "全场或部分商品限时降价;买家心里的参考价会随之下降。",
        "A time-limited price cut on all or part of the range; buyers' reference price follows it.",
    ),
    "desc.threshold_discount": (
        "满X减Y,可设多档或每满减;差一点到门槛的买家会凑单。",
        "Spend X, get Y off, in tiers or for every X; buyers just below top up.",
    ),
    "desc.coupon": (
        "领券后满额抵扣;或购后发抵价券,促进再次购买。",
        "A claimed coupon off a minimum spend; or a voucher given after purchase that brings "
        "buyers back.",
    ),
    "desc.free_shipping": (
        "满额包邮;留空门槛 = 客单价 + {margin} 元,0 = 全场包邮。",
        "Free shipping from a spend; leave the threshold empty for AOV + {margin} yuan, 0 = every "
        "order.",
    ),
    "desc.gift": (
        "满额送赠品(门槛 0 = 买就送),可上不封顶(每满一次送一份)。",
        "A gift from a spend (threshold 0 = with every order), optionally uncapped (one per "
        "multiple).",
    ),
    "desc.addon": (
        "加少量钱换购一件更值钱的商品。",
        "Add a little money to get an item worth more.",
    ),
    "desc.second_item": (
        "第二件打折(50% = 半价),吸引只买一件的买家买两件。",
        "Every second unit off (50% = half price), so single-unit buyers take two.",
    ),
    "desc.lottery": (
        "满额抽奖;奖品表:价值、成本、中奖概率。",
        "Orders from a spend draw for prizes: value, cost, win probability.",
    ),
    "pr.days": ("活动日(第几天,含首尾)", "Event days (inclusive)"),
    "pr.audience": ("适用人群", "Audience"),
    "pr.audience_all_only": (
        "这类促销只能面向全部买家。",
        "This kind is offered to all buyers only.",
    ),
    "opt.payment.timing_evidence.seed": ("按种子经验", "Seed practice"),
    "opt.dsr.window.seed": ("按种子例子(含首尾181天)", "Seed example (181 days inclusive)"),
    "opt.dsr.window.strict": ("严格180天", "Strictly 180 days"),
    "opt.payment.timing_evidence.evidence": ("按研究证据", "Research evidence"),
    "opt.membership.card.tier.T1": ("T1 年卡", "T1 annual"),
    "opt.membership.card.tier.T2": ("T2 终身卡", "T2 lifetime"),
    "opt.membership.card.tier.T3": ("T3 终身优先卡", "T3 lifetime priority"),
    "opt.membership.stored_value.amount.500": ("充 500 元", "Top up 500"),
    "opt.membership.stored_value.amount.1000": ("充 1000 元", "Top up 1000"),
    "opt.membership.outreach.channel.sms": ("短信", "SMS"),
    "opt.membership.outreach.channel.phone": ("电话", "Phone"),
    "opt.repeat.spend_model.ratio": ("客单价倍数", "AOV ratio"),
    "opt.repeat.spend_model.gamma_gamma": ("Gamma-Gamma", "Gamma-Gamma"),
    "aud.all": ("全部买家", "All buyers"),
    "aud.old_customers": ("老客户", "Old customers"),
    "aud.members": ("会员", "Members"),
    "pr.tiers": (
        "每行一档:门槛与减多少(元);满200减20、满300减40 → 到300减40。",
        "One row per tier: threshold and amount off (yuan); 200 → 20 off, 300 → 40 off means 40 "
        "off from 300.",
    ),
    "pr.repeat": ("每满减(按第一档的倍数叠加)", "Every multiple (of the first tier)"),
    "pr.repeat_help": (
        "每满140减10:280减20,420减30……",
        "10 off every 140: 20 off at 280, 30 off at 420 …",
    ),
    "pr.post_purchase": ("购后发放抵价券", "Voucher after purchase"),
    "pr.post_purchase_help": (
        "勾选后:新买家付款后获得抵价券,在有效期内复购率提升;不勾选:本次购买可用的券。",
        "Ticked: new buyers get a voucher after paying that raises their repeat rate until it "
        "expires; unticked: a coupon for this purchase.",
    ),
    "pr.uncapped": ("上不封顶(每满一次送一份)", "Uncapped (one gift per multiple)"),
    "pr.uncapped_help": (
        "全场满百送,上不封顶:满200送两份……(种子003)",
        "One gift per 100 spent, uncapped: two gifts at 200 … (seed 003)",
    ),
    "pr.fs_placeholder": (
        "留空 = 客单价 + {margin} = {value}",
        "empty = AOV + {margin} = {value}",
    ),
    "pr.prizes": (
        "每行一种奖品:标价、成本、中奖概率(%)。",
        "One row per prize: list value, cost, win probability (%).",
    ),
    "pr.add": ("添加到日历", "Add to the calendar"),
    "pr.added": ("已添加:{label}", "Added: {label}"),
    "pr.current": ("促销日历", "Campaign calendar"),
    "pr.none": (
        "还没有促销。在左侧添加一项,或在侧栏选择预设「年末大促」作为方案。",
        "No promotions yet. Add one on the left, or pick the “Year-end campaign” preset as the plan "
        "in the sidebar.",
    ),
    "pr.delete": ("删除这项促销", "Delete this promotion"),
    "pr.delete_short": ("删除", "Delete"),
    "pr.clear": ("全部清除", "Clear all"),
    "pr.layers_now": (
        "同时最多 {n} 层(上限 {max} 层,种子003)。",
        "At most {n} layers at once (limit {max}, seed 003).",
    ),
    "pr.days_text": ("第{a}–{b}天", "days {a}–{b}"),
    "pr.day_text": ("第{a}天", "day {a}"),
    "pr.preheat_text": ("(预热{p}天)", " (pre-heat {p} d)"),
    "pr.phase.event": ("活动", "Event"),
    "pr.phase.preheat": ("预热", "Pre-heat"),
    "pr.col.phase": ("阶段", "Phase"),
    "pr.col.no": ("#", "#"),
    "pr.col.kind": ("类型", "Kind"),
    "pr.col.detail": ("内容", "Offer"),
    "pr.col.days": ("日期", "Days"),
    "pr.col.audience": ("人群", "Audience"),
    "pr.col.cost": ("直接成本", "Direct cost"),
    "pr.col.incremental_gmv": ("增量 GMV", "Incremental GMV"),
    "pr.col.incremental_orders": ("增量订单", "Incremental orders"),
    "pr.col.incremental_profit": ("增量利润", "Incremental profit"),
    "pr.col.roi": ("ROI", "ROI"),
    "pr.report": ("每项促销的成本与回报", "Cost and return of each promotion"),
    "pr.report_caption": (
        "直接成本:让利、免掉的运费、赠品/奖品/换购品成本、抵价券。增量 = 方案 − 去掉这一项后的方案(整段推演,含促销后的回落);ROI = 增量利润 ÷ 直接成本。",
        "Direct cost: money off, shipping fees waived, gifts, prizes and add-on items at cost, "
        "vouchers. Increments = plan − the plan without this promotion (whole horizon, the "
        "post-promotion dip included); ROI = incremental profit ÷ direct cost.",
    ),
    "pr.daily": ("每日走势与促销后的回落", "Day by day, and the post-promotion dip"),
    "pr.repay": ("偿还透支(单/天)", "Orders repaid (per day)"),
    "pr.repay_caption": (
        "下图:每天偿还给「透支」的订单(促销时提前买走的需求)。整段共偿还 {total} 单,期末仍欠 {left} 单。",
        "Lower panel: orders repaid each day to the pull-forward debt (demand the promotion "
        "bought early). {total} orders repaid over the horizon, {left} still owed at the end.",
    ),
    "pr.band": ("促销", "Promotion"),
    "pr.basket": (
        "购物篮:门槛前后的订单金额分布",
        "Basket: order values before and after a threshold",
    ),
    "pr.basket_source": ("门槛来自", "Threshold from"),
    "pr.custom": ("自定义门槛", "A threshold chosen here"),
    "pr.basket_threshold": ("门槛(元)", "Threshold (yuan)"),
    "pr.basket_x": ("订单金额(元,标价)", "Order value (yuan, list price)"),
    "pr.basket_y": ("每 1 元区间的订单占比", "Share of orders per ¥1"),
    "pr.before": ("促销前", "Before"),
    "pr.after": ("促销后(凑单)", "After (topping up)"),
    "pr.curve": ("分布", "Curve"),
    "pr.threshold": ("门槛", "Threshold"),
    "pr.basket_stats": (
        "凑单概率 P_pad = **{p_pad}** · 门槛下订单中凑单的比例 **{share}**(文献 Hemmati et al. 2021:{lo}–{hi},{verdict})· 客单价变化 ΔAOV = **{daov}**",
        "Topping-up probability P_pad = **{p_pad}** · share of below-threshold orders that top up **{share}** (LIT "
        "Hemmati et al. 2021: {lo}–{hi}, {verdict}) · ΔAOV = **{daov}**",
    ),
    "pr.in_range": ("在范围内", "inside"),
    "pr.below_range": ("低于范围", "below"),
    "pr.above_range": ("高于范围", "above"),
    "pr.basket_caption": (
        "按店铺客单价 {aov}(标价,σ_B = {sigma})的对数正态购物篮;{share}的买家持有此优惠。",
        "Lognormal basket at the store's AOV {aov} (list price, σ_B = {sigma}); {share} of buyers "
        "hold the offer.",
    ),
    "pr.picker": ("选满减门槛", "Pick a spend-and-save threshold"),
    "pr.picker_x": ("候选门槛(元)", "Candidate threshold (yuan)"),
    "pr.picker_aov": ("付款客单价(元)", "AOV paid (yuan)"),
    "pr.picker_cost": ("单均让利(元)", "Discount per order (yuan)"),
    "pr.picker_elig": ("达标订单占比", "Orders qualifying"),
    "pr.picker_pad": ("门槛下凑单比例", "Below-threshold orders topping up"),
    "pr.current_tier": ("当前满减档", "Current spend-and-save tier"),
    "pr.picker_caption": (
        "实线:付款客单价(左轴);虚线:每单平均让利(右轴);竖线:方案里现有的满减档。",
        "Solid: AOV paid (left axis); dashed: discount per order (right axis); rules: the "
        "scenario's current spend-and-save tiers.",
    ),
    "pr.picker_at": (
        "当前档 满{t}减{r}:付款客单价 {aov},单均让利 {cost},达标 {elig}。",
        "Current tier ¥{r} off ¥{t}: AOV paid {aov}, discount per order {cost}, {elig} qualify.",
    ),
    "pr.waterfall": ("利润瀑布:方案对比基线", "Profit waterfall: plan vs baseline"),
    "pr.wf.baseline": ("基线利润", "Baseline profit"),
    "pr.wf.plan": ("方案利润", "Plan profit"),
    "pr.no_change": (
        "方案与基线利润相同。添加一项促销,这里会显示利润的变化。",
        "The plan's profit equals the baseline's. Add a promotion to see the change here.",
    ),
    "pr.advanced": (
        "高级:价格反应、透支与购物篮参数",
        "Advanced: price response, pull-forward and basket parameters",
    ),
    "pr.adv.price": ("价格反应与透支", "Price response and pull-forward"),
    "pr.adv.basket": ("购物篮与凑单", "Basket and topping up"),
    "pr.adv.other": ("运费、会员与退货", "Shipping, members and returns"),
    "adv.title": ("高级设置", "Advanced settings"),
    "adv.caption": (
        "本页其余会影响结果的参数,取自参数表:单位在名称后,来源类别和出处在每项的说明里。",
        "The page's other parameters that move the results, from the parameter registry: the "
        "unit after each name, the provenance and source in its help.",
    ),
    "pr.formulas": ("公式与出处", "Formulas and sources"),
    "pr.f.calendar": (
        "- **叠加规则** [种子003]:同一天最多 {max} 层促销,同一类促销不能同时进行;预热日不算一层。\n- **叠加顺序**:① 商品级(限时折扣、第2件N折)→ ② 订单级门槛(满减、优惠券、满包邮、满就送、抽奖)→ ③ 加价换购 [假设:平台计算顺序]。\n- **预热**:公布后到开始前买家观望,转化 ×(1 − w_pre),w_pre = {w_pre} {w_pre_src}。\n- **人群**:限时折扣、满减、优惠券、满就送、第2件N折可只给老客户或会员(老客户中入会的 {members});满包邮、加价换购、抽奖面向全部买家。",
        "- **Layer rule** [SEED 003]: at most {max} promotions on one day, never two of one "
        "kind; pre-heat days are not a layer.\n- **Stacking order**: ① item level (limited-time "
        "discount, second item) → ② order-level thresholds (spend-and-save, coupons, free "
        "shipping, gifts, lottery) → ③ add-on deals [ASSUMPTION: the platform's order of "
        "calculation].\n- **Pre-heat**: between announcement and start buyers wait, conversion × "
        "(1 − w_pre), w_pre = {w_pre} {w_pre_src}.\n- **Audience**: discounts, spend-and-save, "
        "coupons, gifts and second-item offers may target old customers or members only "
        "(members = {members} of old customers); free shipping, add-on deals and lotteries go "
        "to all buyers.",
    ),
    "pr.f.mechanisms": (
        "- **限时折扣**:价格指数 x = 1 − δ·θ_cov;ln M = (1 − ρ_ref)·ε·ln x + γ_G·G − γ_L·L,γ_G = −ρ_ref·ε,γ_L = λ·γ_G;参考价 R_t+1 = θ_ref·R_t + (1 − θ_ref)·ln x_t。ε = {eps} {eps_src};λ = {lam} {lam_src};ρ_ref = {rho},θ_ref = {theta} {rho_src}。提升中 M^φ 作用于转化(φ = {phi}),其余作用于件数。\n- **第2件N折**:单件毛利 p − c,一对毛利 (2 − N)·p − 2c;本店 p = {p}、c = {c}、N = {n2}:单件 {m1},一对 {m2}。只有升级为两件的买家(u2 = {u2})带来的多于给原本就买两件的人的让利时才划算 [种子003;假设]。\n- **加价换购**:换购率 a = clip(a0 + a1·(1 − X/V), 0, a_max) = {attach}(X = {x},V = {v};a0 = {a0},a1 = {a1},a_max = {amax})[假设]。\n- **满就送、抽奖**:赠品/奖品的感知价值按 η_g = {eta} 折算成让利;抽奖每单成本 = Σ pᵢ·cᵢ。\n- **ROI** = 增量利润 ÷ 直接成本;增量 = 方案 − 去掉这一项的方案。",
        "- **Limited-time discount**: price index x = 1 − δ·θ_cov; ln M = (1 − ρ_ref)·ε·ln x + "
        "γ_G·G − γ_L·L, γ_G = −ρ_ref·ε, γ_L = λ·γ_G; reference price R_t+1 = θ_ref·R_t + (1 − "
        "θ_ref)·ln x_t. ε = {eps} {eps_src}; λ = {lam} {lam_src}; ρ_ref = {rho}, θ_ref = "
        "{theta} {rho_src}. M^φ of the lift acts on conversion (φ = {phi}), the rest on "
        "units.\n- **Second item off**: single margin p − c, pair margin (2 − N)·p − 2c; for "
        "this store p = {p}, c = {c}, N = {n2}: single {m1}, pair {m2}. It pays only if "
        "upgrades to two (u2 = {u2}) bring more than the discount given to buyers of pairs "
        "anyway [SEED 003; ASSUMPTION].\n- **Add-on deal**: attach rate a = clip(a0 + a1·(1 − "
        "X/V), 0, a_max) = {attach} (X = {x}, V = {v}; a0 = {a0}, a1 = {a1}, a_max = {amax}) "
        "[ASSUMPTION].\n- **Gifts, lottery**: a gift's or prize's perceived value counts as "
        "money off at η_g = {eta}; a lottery costs Σ pᵢ·cᵢ per qualifying order.\n- **ROI** = "
        "incremental profit ÷ direct cost; increments = plan − the plan without it.",
    ),
    "pr.f.pull": (
        "- **透支**:促销日增加的**订单数** ΔQ_t = 订单_t·(1 − 1/M°_t)(M° 是促销对下单人数的倍数;促销篮子里多买的件数算作多消费、品类扩张,不借未来 [假设;van Heerde 等 2004:促销增量约三分之一来自跨期]),其中 π = {pi} 是从未来借来的 {pi_src};Dbt_t+1 = Dbt_t·(1 − 1/τ) + π·ΔQ_t,每天到期 Dbt_t/τ,τ = {tau} 天 {tau_src}。\n- **参考价**:长期或频繁的折扣拉低买家心里的参考价,恢复原价时被看作涨价(损失厌恶 λ = {lam})。\n- **回落只算一次**:参考价损失少掉的订单 ℓ_t 先抵扣当天到期的透支,只偿还余下部分 Repay_t = (Dbt_t/τ − ℓ_t)⁺ [假设:两者是同一个回落的两种解释]。这样回落为促销增量的 4–25%(van Heerde, Leeflang & Wittink 2000),例如全店8折4天约为订单增量的 13%。",
        "- **Pull-forward**: of a promotion day's extra **orders** ΔQ_t = Orders_t·(1 − 1/M°_t) "
        "(M° is the promotion's multiplier on the number of orders; the extra units in the deal "
        "baskets count as consumption and category expansion and are not borrowed [ASSUMPTION; "
        "van Heerde et al. 2004: about a third of a bump is cross-period]), π = {pi} are "
        "borrowed from the future {pi_src}; Dbt_t+1 = Dbt_t·(1 − 1/τ) + π·ΔQ_t, Dbt_t/τ falling "
        "due a day, τ = {tau} days {tau_src}.\n- **Reference price**: long or frequent discounts "
        "lower the price buyers expect, so the list price feels like a rise when it returns "
        "(loss aversion λ = {lam}).\n- **One dip, counted once**: the orders the reference-price "
        "loss keeps away, ℓ_t, pay what falls due first; only the rest is charged, Repay_t = "
        "(Dbt_t/τ − ℓ_t)⁺ [ASSUMPTION: two accounts of one dip]. The dip is then 4–25 % of the "
        "bump (van Heerde, Leeflang & Wittink 2000): a 4-day 20 % store-wide discount dips by "
        "about 13 % of its orders lift.",
    ),
    "pr.f.basket": (
        "- **凑单**:订单金额 B ~ 对数正态,μ = ln AOV − σ_B²/2(σ_B = {sigma})。门槛 T、让利 Rw:差额在窗口 w = Rw/(1 − v) 内的买家以 ψ(b) = ψ_max·(b − (T − w))/w 的概率凑单到 T + O,O 服从均值 {over}·T 的指数分布。\n- P_pad = (ψ_max/w)·[PM₁(a, T) − a·PM₀(a, T)],ΔAOV = (ψ_max/w)·[−PM₂ + (c + a)·PM₁ − a·c·PM₀],a = T − w,c = T + ō,PM_k 为对数正态部分矩。\n- v = {v_pad},ψ_max = {psi} [假设,按文献 Hemmati et al. 2021 校准:门槛下订单 {lo}–{hi} 凑单];凑单部分退货率 {bubble} {bubble_src}。\n- **满包邮**:Rw = 运费 {fee};默认门槛 = 客单价 + {margin} = {default} [种子003「比客单价多消费20–30元的满包邮」]。",
        "- **Topping up**: order value B ~ lognormal, μ = ln AOV − σ_B²/2 (σ_B = {sigma}). "
        "Threshold T, reward Rw: a buyer short by less than w = Rw/(1 − v) tops up with "
        "probability ψ(b) = ψ_max·(b − (T − w))/w to T + O, O exponential with mean {over}·T.\n- "
        "P_pad = (ψ_max/w)·[PM₁(a, T) − a·PM₀(a, T)], ΔAOV = (ψ_max/w)·[−PM₂ + (c + a)·PM₁ − "
        "a·c·PM₀], a = T − w, c = T + ō, PM_k the lognormal partial moments.\n- v = {v_pad}, "
        "ψ_max = {psi} [ASSUMPTION, calibrated to LIT Hemmati et al. 2021: {lo}–{hi} of "
        "below-threshold orders top up]; padded items return at {bubble} {bubble_src}.\n- **Free "
        "shipping**: Rw = the shipping fee {fee}; default threshold = AOV + {margin} = "
        "{default} [SEED 003 “free shipping 20–30 yuan above the AOV”].",
    ),
    "pr.f.curve": (
        "对每个候选门槛 T:付款客单价 = AOV + ΔAOV − Rw·P_elig,单均让利 = Rw·P_elig,P_elig = 1 − P_below + P_pad。门槛太低,人人达标,让利成了白送;门槛太高,凑单的人多但达标的人少。",
        "For each candidate threshold T: AOV paid = AOV + ΔAOV − Rw·P_elig, discount per order "
        "= Rw·P_elig, P_elig = 1 − P_below + P_pad. Too low and everyone qualifies: the money "
        "off is given away; too high and more buyers top up but fewer qualify.",
    ),
    "pr.f.profit": (
        "利润的变化按收支科目拆分,与总览和对比页的利润拆解是同一个,各项之和恰好等于利润的变化:原价销售额 − 折扣让利 − 退款(扣除收取的运费)− 商品成本(含赠品、换购品、奖品)− 快递与平台费 − 客服 − 营销 − 会员计划(积分、储值赠送等成本,扣除会费、包邮卡收入和未使用的储值)。凑单部分按更高的退货率退回。",
        "The profit change split money line by money line: the same bridge as the Overview's "
        "and the Compare page's, so the lines add up exactly to the change: sales at list price "
        "− discounts − refunds (net of shipping fees charged) − goods cost (gifts, add-on items "
        "and prizes included) − shipping and platform fees − customer service − marketing − "
        "loyalty schemes (points, stored-value gifts and the like, net of the fees, card "
        "revenue and unspent stored value they bring in). Padded items return at a higher rate.",
    ),
    "sum.item_discount": ("降价 {pct},覆盖 {cov} 的商品", "{pct} off on {cov} of sales"),
    "sum.tier": ("满{t}减{r}", "¥{r} off ¥{t}+"),
    "sum.every": ("每满{t}减{r}", "¥{r} off every ¥{t}"),
    "sum.coupon": ("满{t}减{f} 的券,领券率 {c}", "¥{f} off ¥{t}+, claimed by {c}"),
    "sum.coupon_any": ("无门槛 {f} 元券,领券率 {c}", "¥{f} off any order, claimed by {c}"),
    "sum.voucher": (
        "购后抵价券 {f} 元(满{t}可用),{d} 天有效,发给 {c} 的新买家",
        "¥{f} voucher after purchase (¥{t}+), valid {d} days, to {c} of new buyers",
    ),
    "sum.free_shipping": ("满{t}包邮", "free shipping from ¥{t}"),
    "sum.free_shipping_default": (
        "满{t}包邮(客单价 + {m})",
        "free shipping from ¥{t} (AOV + {m})",
    ),
    "sum.free_shipping_all": ("全场包邮", "free shipping on every order"),
    "sum.gift": ("满{t}送价值 {v} 元的赠品", "a ¥{v} gift from ¥{t}"),
    "sum.gift_any": ("买就送价值 {v} 元的赠品", "a ¥{v} gift with every order"),
    "sum.uncapped": (",上不封顶", ", uncapped"),
    "sum.addon": ("加 {x} 元换购价值 {v} 元的商品", "add ¥{x} for an item worth ¥{v}"),
    "sum.addon_from": ("(满{t})", " (from ¥{t})"),
    "sum.second_item": ("第2件优惠 {pct}", "{pct} off every second unit"),
    "sum.lottery": (
        "满{t}抽奖,{n} 种奖品,每单期望成本 {c} 元",
        "draw from ¥{t}, {n} prizes, expected cost ¥{c} per order",
    ),
    "m.pull_forward_repay": ("偿还透支订单", "Orders repaid"),
    "preset.new_store": ("新店", "New store"),
    "preset.mid_store": ("中级店铺", "Mid-size store"),
    "preset.large_store": ("高级店铺", "Large store"),
    "preset.clothing_store_2011": ("服装店 2011(种子002)", "Clothing store 2011 (seed 002)"),
    "preset.tiantian_tejia_2012": ("天天特价 2012(种子003)", "Tiantian Tejia 2012 (seed 003)"),
    "preset.double12_campaign": (
        "年末大促 5折包邮(种子003)",
        "Year-end campaign, 50% off (seed 003)",
    ),
    # share links
    "share.title": ("分享链接", "Share link"),
    "share.help": (
        "复制这个链接({n} 个字符):在新的浏览器里打开,会还原工作区的全部方案(连同名称)、语言和当前页面。",
        "Copy this link ({n} characters): opened in a new browser it restores every scenario of "
        "the workspace (names included), the language and this page.",
    ),
    "share.too_long": (
        "这个工作区的链接有 {n} 个字符,超过 {limit}:邮件和聊天软件常会截断这么长的链接。请下载方案文件发送,对方用“导入方案文件”打开。",
        "This workspace's link would be {n} characters, over {limit}: mail and chat apps often "
        "cut links that long. Download the workspace file and send it instead; it opens with "
        "“Import a workspace file”.",
    ),
    "share.more_plans": (
        "这里有 {n} 个方案:第一个作为方案打开,其余保存在“方案对比”页。",
        "It holds {n} plans: the first is open as the plan, the others are kept on the Compare "
        "page.",
    ),
    # compare page
    "page.compare": ("方案对比", "Compare"),
    "cmp.intro": (
        "管理工作区的方案(命名、复制、删除、从预设新建、设为基线或载入编辑),并把它们并排对比:关键指标及其相对基线的变化、按指标的柱状图、逐日走势,以及任意两个方案之间的 GMV 和利润变化拆解。每个方案都以基线为参照推演。",
        "Manage the workspace's scenarios (name, duplicate, delete, start one from a preset, "
        "make one the baseline or edit it as the plan) and compare them side by side: key "
        "figures with their change against the baseline, a bar chart per measure, daily "
        "overlays, and the GMV and profit bridges between any two. Every scenario is simulated "
        "with the baseline as reference.",
    ),
    "cmp.scenarios": ("工作区的方案", "Scenarios in this workspace"),
    "cmp.role.baseline": ("基线 · 参照", "Baseline · the reference"),
    "cmp.role.plan": ("方案 · 正在编辑", "Plan · being edited"),
    "cmp.role.saved": ("保存的方案", "Saved"),
    "cmp.col.name": ("名称", "Name"),
    "cmp.col.role": ("角色", "Role"),
    "cmp.name": ("把当前方案保存为", "Save the current plan as"),
    "cmp.save": ("保存", "Save"),
    "cmp.rename": ("名称", "Name"),
    "cmp.open": ("编辑", "Edit"),
    "cmp.open_help": (
        "把这个方案载入为当前方案,在各页编辑;原来的当前方案保存在它的位置。",
        "Make this the plan to edit on every page; the plan so far is kept in its place.",
    ),
    "cmp.make_baseline": ("设为基线", "Make baseline"),
    "cmp.make_baseline_help": (
        "把这个方案设为基线(店铺现状):所有方案都以它为参照重新推演;原来的基线保存在它的位置。",
        "Make this the baseline (the store today): every scenario is simulated again against it; "
        "the baseline so far is kept in its place.",
    ),
    "cmp.duplicate": ("复制", "Duplicate"),
    "cmp.delete": ("删除", "Delete"),
    "cmp.from_preset": ("从预设新建方案", "New scenario from a preset"),
    "cmp.preset": ("预设", "Preset"),
    "cmp.add": ("新建", "Add"),
    "cmp.limit": (
        "一个工作区最多 {n} 个方案(基线、当前方案和至多4个保存的方案);分享链接和方案文件都包含它们。“编辑”把保存的方案换为当前方案,“设为基线”把它换为基线,原来的方案都保留。",
        "A workspace holds at most {n} scenarios (the baseline, the plan and up to 4 saved ones); "
        "share links and workspace files carry them all. “Edit” swaps a saved scenario with the "
        "plan and “Make baseline” with the baseline: nothing is dropped.",
    ),
    "cmp.former_baseline": ("原基线", "Former baseline"),
    "cmp.former_plan": ("原方案", "Former plan"),
    "cmp.now_baseline": (
        "「{name}」现在是基线,所有方案都以它为参照;原来的基线保存为「{old}」。",
        "“{name}” is now the baseline and every scenario is compared with it; the former "
        "baseline is kept as “{old}”.",
    ),
    "cmp.horizons_differ": (
        "这些方案推演的天数不同({days}):合计值不能直接相比。在侧边栏设置推演天数,会统一全部方案。",
        "These scenarios cover different numbers of days ({days}): their totals do not compare "
        "directly. Setting the days in the sidebar sets them for every scenario.",
    ),
    "cmp.kpis": ("关键指标(括号内为相对基线的变化)", "Key figures (change against the baseline)"),
    "cmp.kpi": ("指标", "Measure"),
    "cmp.changes": ("各方案相对基线的变化", "Every scenario's change against the baseline"),
    "cmp.change_axis": ("相对基线", "Against the baseline"),
    "cmp.bridge": ("两个方案之间的变化拆解", "Bridges between two scenarios"),
    "cmp.no_change": (
        "「{a}」和「{b}」的结果相同,没有可拆解的变化。",
        "“{a}” and “{b}” give the same results: there is no change to split.",
    ),
    "cmp.gmv_bridge": ("GMV 变化拆解", "GMV bridge"),
    "cmp.profit_bridge": ("利润变化拆解", "Profit bridge"),
    "cmp.profit_bridge_note": (
        "贡献利润的变化按收支科目逐项拆分,各项之和等于利润的变化:原价销售额、折扣让利、退款(扣除收取的运费)、商品成本(含赠品和换购品)、快递与平台费、客服、营销(直通车、钻展、淘客、活动费、催付)和会员计划(成本扣除会费、包邮卡收入和未使用的储值)。",
        "The change in contribution profit, money line by money line; the lines add up to the "
        "change: sales at list price, discounts, refunds (net of shipping fees charged), goods "
        "cost (gifts and add-ons included), shipping and platform fees, customer service, "
        "marketing (paid search, display, affiliates, campaign fees, payment reminders) and the "
        "loyalty schemes (their costs net of fees, card revenue and stored value never spent).",
    ),
    "cmp.from": ("从", "From"),
    "cmp.to": ("到", "To"),
    "cmp.bridge_note": (
        "GMV 的变化拆成流量、转化、客单价和复购四部分(对数均值分解,四项之和等于变化)。",
        "The GMV change split into traffic, conversion, order value and repeat (log-mean "
        "decomposition; the parts add up to the change).",
    ),
    "cmp.opened": (
        "已把「{name}」载入为当前方案;原来的方案保存为「{old}」。",
        "“{name}” is now the plan; the plan so far is kept as “{old}”.",
    ),
    "cmp.copy_of": ("{name} 副本", "Copy of {name}"),
    "cmp.err.name": ("名称不能为空,最多40个字符。", "A name is needed, at most 40 characters."),
    "cmp.err.taken": (
        "已有同名的方案,请换一个名称。",
        "A scenario of that name exists; choose another.",
    ),
    "cmp.err.full": (
        "工作区已满({n} 个方案);请先删除一个保存的方案。",
        "The workspace is full ({n} scenarios); delete a saved one first.",
    ),
    "share.err.too_long": (
        "分享链接太长,无法打开;已打开默认方案。请改用导出的方案文件。",
        "The share link is too long to open; the default scenarios are open. Use an exported "
        "workspace file instead.",
    ),
    "share.err.encoding": (
        "分享链接已损坏(可能复制时被截断或改动);已打开默认方案。请重新复制完整的链接。",
        "The share link is damaged (cut short or changed when copied); the default scenarios are "
        "open. Copy the whole link again.",
    ),
    "share.err.too_big": (
        "分享链接解压后过大,已拒绝打开;已打开默认方案。",
        "The share link unpacks to too much data and was refused; the default scenarios are open.",
    ),
    "share.err.json": (
        "分享链接的内容无法读取;已打开默认方案。",
        "The share link's content cannot be read; the default scenarios are open.",
    ),
    "share.err.version": (
        "这个分享链接来自更新的版本,当前版本无法打开;已打开默认方案。",
        "This share link comes from a newer version of the app and cannot be opened here; the "
        "default scenarios are open.",
    ),
    "share.err.format": (
        "这个链接不包含方案;已打开默认方案。",
        "This link holds no scenarios; the default scenarios are open.",
    ),
    "share.err.invalid": (
        "分享链接里的方案有不合法的数值,无法打开;已打开默认方案。",
        "The share link's scenarios hold values out of range and cannot be opened; the default "
        "scenarios are open.",
    ),
    "share.err.file": (
        "无法读取文件;方案没有改变。",
        "The file cannot be read; nothing changed.",
    ),
    "files.title": ("方案文件与导出", "Files and exports"),
    "files.export_xlsx": ("导出结果(Excel)", "Export results (Excel)"),
    "files.export_html": ("导出一页报告(HTML)", "Export a one-page report (HTML)"),
    "report.title": ("店铺推演报告", "Shop What-If report"),
    "report.intro": (
        "{n} 个方案的推演结果,与基线「{baseline}」对比。",
        "Results of {n} scenarios, compared with the baseline “{baseline}”.",
    ),
    "report.kpis": ("关键指标", "Key figures"),
    "report.assumptions": ("假设与设定", "Assumptions and settings"),
    "report.defaults": ("全部为默认设定(中级店铺)。", "All default settings (mid-size store)."),
    "report.footer": (
        "由 店铺推演 · Shop What-If 生成。每个参数的出处(种子/文献/派生/假设)见应用的“假设与来源”页。",
        "Made with 店铺推演 · Shop What-If. The provenance of every parameter (seed, literature, "
        "derived, assumption) is on the app's Assumptions page.",
    ),
    "files.chart_help": ("下载这张图({fmt})", "Download this chart ({fmt})"),
    "xl.comparison": ("对比", "Comparison"),
    "xl.kpi": ("指标", "Measure"),
    "xl.change": ("{name} 变化", "{name} change"),
    "xl.change_pct": ("{name} 变化 %", "{name} change %"),
    "files.export_json": ("导出方案(JSON)", "Export scenarios (JSON)"),
    "files.export_csv": ("导出逐日结果(CSV)", "Export daily results (CSV)"),
    "files.import": ("导入方案文件", "Import a workspace file"),
    "files.import_help": (
        "导入本应用导出的 JSON 方案文件(或单个方案的 JSON);先检查全部内容,有问题会一次列出,当前方案不受影响。",
        "A JSON workspace exported by this app (or one scenario's JSON); everything is checked "
        "first, every problem is listed at once, and your scenarios stay as they are.",
    ),
    "files.imported": ("已导入 {name}", "Imported {name}"),
    "files.err.invalid": (
        "方案文件里有不合法的内容,没有导入;当前方案保持不变:",
        "The workspace file holds invalid values and was not imported; your scenarios are "
        "unchanged:",
    ),
    "files.field_bad": ("「{where}」不合法或缺失。", "“{where}” is invalid or missing."),
    "files.err.json": (
        "这个文件不是 JSON,没有导入;当前方案保持不变。",
        "The file is not JSON and was not imported; your scenarios are unchanged.",
    ),
    "files.err.format": (
        "这个文件不是本应用的方案文件,没有导入;当前方案保持不变。",
        "The file is not a workspace of this app and was not imported; your scenarios are "
        "unchanged.",
    ),
    "files.err.version": (
        "这个方案文件来自更新的版本,无法导入;当前方案保持不变。",
        "The workspace file comes from a newer version of the app and cannot be imported; your "
        "scenarios are unchanged.",
    ),
    "files.err.encoding": (
        "这个文件不是 UTF-8 文本,没有导入;当前方案保持不变。",
        "The file is not UTF-8 text and was not imported; your scenarios are unchanged.",
    ),
    "files.err.too_big": (
        "这个文件太大,没有导入;当前方案保持不变。",
        "The file is too large and was not imported; your scenarios are unchanged.",
    ),
    # DSR & service page
    "page.dsr": ("评分与服务", "DSR & service"),
    "ds.intro": (
        "大促让订单翻倍时,客服和仓库跟不上,店铺动态评分(DSR)可能被拖累半年(种子003的活动复盘)。这里推演客服排队、发货积压、描述/服务/物流三项评分的180天滚动窗口,以及评分反过来对转化的影响。改动作用于侧边栏选中的方案。",
        "When a promotion doubles orders and the service desk or the warehouse cannot keep up, "
        "the shop's DSR can suffer for half a year (seed 003's campaign review). This page "
        "simulates the chat queue, the dispatch backlog, the 180-day windows of the description, "
        "service and logistics scores, and how the scores move conversion in turn. Changes apply "
        "to the scenario selected in the sidebar.",
    ),
    "ds.inputs": ("客服、发货与评分", "Desk, warehouse and ratings"),
    "ds.tab_service": ("客服", "Service desk"),
    "ds.tab_fulfilment": ("发货", "Fulfilment"),
    "ds.tab_ratings": ("评分", "Ratings"),
    "ds.tab_feedback": ("反馈", "Feedback"),
    "ds.scores": ("动态评分走势", "Scores over the horizon"),
    "ds.dimension": ("评分项", "Score"),
    "ds.score": ("评分", "Score"),
    "ds.band": ("行业平均 … 行业最高", "Industry mean … industry top"),
    "ds.vs_industry_up": (
        "期末 {score} 分,高于行业 {pct}(种子000 的口径:(F − 行业均值)/(行业最高 − 行业均值))。",
        "At the end: {score}, {pct} above the industry (seed 000's measure: (F − mean)/(top − mean)).",
    ),
    "ds.vs_industry_down": (
        "期末 {score} 分,低于行业 {pct}(种子000 的口径:(F − 行业均值)/(行业最高 − 行业均值))。",
        "At the end: {score}, {pct} below the industry (seed 000's measure: (F − mean)/(top − mean)).",
    ),
    "ds.star_title": ("评分窗口中的星级分布", "Stars in the window"),
    "ds.stars": ("星级", "Stars"),
    "ds.share": ("占比", "Share"),
    "ds.at_start": ("第0天", "day 0"),
    "ds.at_low": ("最低分那天", "lowest day"),
    "ds.star_note": (
        "{dim}:180天窗口内各星级评分的占比(纵轴为平方根刻度),第0天与评分最低的那天对比。出事故(迟到、破损、响应慢、货不对板)的订单按差评体验的星级分布 π_bad 打分,其余按种子000 的正常体验分布 π_good。",
        "{dim}: shares of each star in the 180-day window (square-root axis), day 0 against the "
        "lowest day. Orders with an incident (late, damaged, slow reply, not as described) rate "
        "by the bad-experience star mix π_bad, the rest by seed 000's normal mix π_good.",
    ),
    "ds.ops": ("客服与发货", "Service desk and warehouse"),
    "ds.hour": ("时段", "Hour"),
    "ds.auto_reply": ("自动回复", "auto-reply"),
    "ds.hourly_note": (
        "咨询最多的一天(第 {day} 天)逐小时的咨询量和首次响应时间(Erlang C 排队模型)。",
        "Inquiries and first-response time hour by hour on the busiest day (day {day}), from the "
        "Erlang C queue.",
    ),
    "ds.what_if": ("大促人手与仓容推演", "Campaign staffing & capacity what-if"),
    "ds.wi_intro": (
        "种子003 的年末大促(全场5折包邮4天)复盘说:客服人手不足、仓库太小导致发货延迟。这里把预设“年末大促”照原样(日常4名客服、日发货150单)与活动日加派客服、加开发货能力对比,基线为中级店铺。",
        "Seed 003's year-end campaign (4 days of 50% off with free shipping) found too few agents "
        "and a warehouse too small, so parcels shipped late. Here the campaign preset as it was "
        "(the everyday 4 agents, 150 orders shipped a day) is set against extra agents and extra "
        "capacity on the event days, with the mid-size store as the baseline.",
    ),
    "ds.wi_agents": ("活动日加派客服", "Extra agents on event days"),
    "ds.wi_capacity": ("活动日加开发货能力(单/天)", "Extra dispatch on event days (orders/day)"),
    "ds.wi_adequate": (
        "足够的配置:加派 {agents} 名客服(最忙时段响应不超过黄金6秒的2倍),加开 {capacity} 单/天(最多一天的订单当天发完)。",
        "Adequate: {agents} extra agents (the busiest hour answers within twice the golden 6 s) "
        "and {capacity} extra orders a day (the busiest day ships the same day).",
    ),
    "ds.wi_seed": ("种子003 原样", "Seed 003 as it was"),
    "ds.wi_yours": ("加派后", "With the extra staff"),
    "ds.wi_measure": ("指标", "Measure"),
    "ds.wi_peak_rt": ("最忙时段的首次响应", "First response in the busiest hour"),
    "ds.wi_saturated": ("排队饱和的小时数", "Hours swamped"),
    "ds.wi_service_min": ("服务分最低", "Lowest service score"),
    "ds.wi_logistics_min": ("物流分最低", "Lowest logistics score"),
    "ds.recovery": ("挽回一个差评要多少好评", "Five stars to offset one low rating"),
    "ds.rc_score": ("当前评分 f", "Score now, f"),
    "ds.rc_star": ("收到的低分", "Low rating received"),
    "ds.rc_star_n": ("{k} 星", "{k} star(s)"),
    "ds.rc_need": ("需要的5星评分", "Five-star ratings needed"),
    "ds.rc_exact": ("精确值 x = {x}", "Exact x = {x}"),
    "ds.rc_right": ("正确公式 ⌈(f − 1)/(5 − f)⌉", "Correct ⌈(f − 1)/(5 − f)⌉"),
    "ds.rc_wrong": ("种子原式 6/(5 − f) − 1", "Seed's 6/(5 − f) − 1"),
    "ds.rc_explain": (
        "窗口原本平均 f = {f} 分,收到一个 {k} 星后,要 x 个5星才能回到 f:(5x + {k} + f·N)/(N + 1 + x) ≥ f,化简得 **x ≥ (f − {k})/(5 − f) = {x}**,即 **{n}** 个5星。\n\n种子000 写成 x ≥ 6/(5 − f) − 1(这里算出 {wrong}),这是错的:对1星评分,正确的下界是 (f − 1)/(5 − f) = 4/(5 − f) − 1。例如 f = 4.8 时是 19 个,而不是 29 个(勘误E2)。",
        "The window averages f = {f}; after one {k}-star rating it takes x five-star ratings to "
        "get back to f: (5x + {k} + f·N)/(N + 1 + x) ≥ f, so **x ≥ (f − {k})/(5 − f) = {x}**, "
        "i.e. **{n}** five-star ratings.\n\nSeed 000 prints x ≥ 6/(5 − f) − 1 ({wrong} here), "
        "which is wrong: for a 1-star rating the bound is (f − 1)/(5 − f) = 4/(5 − f) − 1. At f "
        "= 4.8 that is 19, not 29 (erratum E2).",
    ),
    "ds.seed002_title": ("种子002:12秒与244秒的客服", "Seed 002: the 12 s and 244 s agents"),
    "ds.seed002": (
        "种子002 的服装店:平均响应 244 秒的客服当天只成交1单,响应 12 秒的客服接待量只有前者的2/3,却成交7单——询单转化相差 {ratio} 倍。若全部归因于响应时间,半衰期约为 **{h} 秒**(派生)。\n\n"
        "模型默认半衰期取 {h_now} 秒(假设,较保守,因为两位客服的产品知识和态度也不同),并且开着自动回复:12 秒的客服转化为及时回复的 {fast},244 秒的为 {slow},只相差 {model} 倍。下表说明原因。",
        "Seed 002's clothing store: the agent who answered in 244 s on average closed 1 order that "
        "day, the one who answered in 12 s closed 7 on two thirds of the inquiries — a {ratio}× "
        "difference in inquiry conversion. Were it all down to response time, the half-life would "
        "be about **{h} s** (derived).\n\n"
        "The scenario's half-life is {h_now} s (assumption, more cautious: the two agents also "
        "differed in product knowledge and manner), with the auto-reply on: the 12 s agent "
        "converts at {fast} of a prompt reply, the 244 s agent at {slow}, only a {model}× "
        "difference. The table shows why.",
    ),
    "ds.s2_half_life": ("半衰期", "Half-life"),
    "ds.s2_auto_reply": ("自动回复", "Auto-reply"),
    "ds.s2_floor": ("开(下限 {f})", "on (floor {f})"),
    "ds.s2_off": ("关", "off"),
    "ds.s2_fast": ("12 秒客服", "12 s agent"),
    "ds.s2_slow": ("244 秒客服", "244 s agent"),
    "ds.s2_ratio": ("转化倍数", "Conversion ratio"),
    "ds.s2_floor_note": (
        "自动回复的下限:开着自动回复时,每个咨询都会立刻收到自动答复,所以人工回复再慢,询单转化也不低于及时回复的 {f}——任何两位客服的差距最多 {cap} 倍。种子002 的 10.5 倍只有在关闭自动回复(系数 0)、半衰期取派生值时才能复现。",
        "What the auto-reply floor does: with the auto-reply on, every chat gets an instant "
        "automatic answer, so however late the human reply, inquiry conversion never falls below "
        "{f} of a prompt reply — no two agents differ by more than {cap}×. Seed 002's 10.5× is "
        "reproduced only with the auto-reply off (factor 0) and the derived half-life.",
    ),
    "ds.s2_no_floor_note": (
        "自动回复已关闭(系数 0):慢回复的转化不设下限,半衰期取派生值时复现种子002 的 10.5 倍。",
        "The auto-reply is off (factor 0): a slow reply's conversion has no floor, and the derived "
        "half-life reproduces seed 002's 10.5×.",
    ),
    "ds.s2_apply": (
        "在当前编辑的方案中复现:半衰期 {h} 秒,关闭自动回复",
        "Reproduce it in the scenario being edited: half-life {h} s, auto-reply off",
    ),
    "ds.s2_applied": (
        "已设置:响应时间半衰期取种子002 的派生值,自动回复系数为 0。",
        "Set: the response-time half-life derived from seed 002, auto-reply factor 0.",
    ),
    "ds.formulas": (
        "**客服排队** λ_h = q_inq·UV·w_h;A_h = λ_h·τ_h/60;s_h = n_agents·m_conc;W_q = ErlangC(s_h, A_h)·(τ_h/60)/(s_h − A_h);RT_h = RT_ref + 3600·W_q(饱和时 RT_max);m_RT,h = max(f_auto, exp(−ln2·max(0, RT_h − RT_ref)/h_RT));无人在线 m = f_auto;询单路径转化 × m_RT,t/m_RT0,t(基线客服的同日值)。\n\n**发货** 先付先发,每天最多发 K_t 单;第 s 天付款的订单可在第 s … s + D_ship − 1 天发出(淘宝默认72小时 = 3天,平台规则常见说法 [假设]);到期仍未发出的,每天有 h_cancel 的比例被买家取消并全额退款(含运费;默认1 = 到期全部取消),所以积压不超过最近 D_ship 天的订单;取消的订单不发货、无货品成本、运费和平台佣金。超时的订单(取消或迟发)每单赔付 min(c_max, max(c_min, c_rate·实付))(5%、5元、30元 [假设])。等了 w 天发出的订单迟到率 p_late(w) = p_late0 + (1 − p_late0)·(1 − e^(−w/d_tol)),按每单平均;d_t = 发出订单的平均等待天数;迟到或取消率 = (迟到 + 取消)/付款订单。取消的新客以 h_cancel 的权重进入复购池(默认0:没收到货就不算店铺客户)。\n\n**事故率** q_R = (1 − c)·[q0 + (p_late − p_late0) + (p_dmg − p_dmg0)] + c(c = 当天付款订单中被取消的比例,取消必算事故);q_S 中取消的订单按 p_late = 1 计;q_S = q0 + s_late·(p_late − p_late0) + s_RT·(m_RT0 − m_RT);q_D = q0 + d_deal·深度折扣订单占比 + d_pad·凑单金额占比。\n\n**评分** D 由发出的订单在付款后 d_t + L_del + L_rev 天评分(每件一条);S、R 统计每笔付款订单的结果(含取消;S 中取消按 p_late = 1 计),一律在付款后 L_del + L_rev 天计入(类似体验分按全部付款订单考核发货及时率和售后 [假设]),积压不会把差评推到推演期之外;π = (1 − q)·π_good + q·π_bad;F = Σk·N_k/ΣN_k,窗口 = 含当天往前 181 天(种子口径)或 180 天。\n\n**反馈** M_DSR = exp(β_DSR·(F̄_{t−1} − F̄_0));M_neg = 1 − β_neg·(最新20条描述评价中1–2星占比 − 基线);F̄ < θ_gate 时关闭聚划算/天天特价流量;出事故的新客按 h_bad 降低复购。",
        "**Service queue** λ_h = q_inq·UV·w_h; A_h = λ_h·τ_h/60; s_h = n_agents·m_conc; W_q = "
        "ErlangC(s_h, A_h)·(τ_h/60)/(s_h − A_h); RT_h = RT_ref + 3600·W_q (RT_max when "
        "swamped); m_RT,h = max(f_auto, exp(−ln2·max(0, RT_h − RT_ref)/h_RT)); no agent online: "
        "m = f_auto; the inquiry path converts × m_RT,t/m_RT0,t (the baseline desk on the same "
        "day).\n\n**Fulfilment** first paid, first shipped (FIFO), at most K_t orders a day; "
        "orders paid on day s may ship on days s … s + D_ship − 1 (Taobao's default 72 h = 3 "
        "days, platform rule as commonly stated [assumption]); of those still waiting at the "
        "deadline a share h_cancel a day is cancelled by the buyers and refunded in full, "
        "shipping fee included (default 1: all cancelled at the deadline), so the backlog never "
        "exceeds the last D_ship days' orders; cancelled orders carry no goods cost, parcel or "
        "platform commission. Every order past the deadline (cancelled or shipped late) is "
        "compensated min(c_max, max(c_min, c_rate·paid)) (5 %, 5 and 30 yuan [assumption]). An "
        "order shipped after w days arrives late with p_late(w) = p_late0 + (1 − p_late0)·(1 − "
        "e^(−w/d_tol)), averaged order by order; d_t = mean wait of the shipped orders; late or "
        "cancelled = (late + cancelled) ÷ paid orders. Cancelled new buyers join the repeat "
        "base with weight h_cancel (default 0: no goods, no customer).\n\n**Incidents** q_R = (1 "
        "− c)·[q0 + (p_late − p_late0) + (p_dmg − p_dmg0)] + c (c = share of the day's paid "
        "orders cancelled: a cancellation is always an incident); in q_S a cancelled order "
        "counts as p_late = 1; q_S = q0 + s_late·(p_late − p_late0) + s_RT·(m_RT0 − m_RT); q_D "
        "= q0 + d_deal·deep-discount order share + d_pad·padded value share.\n\n**Scores** D "
        "ratings come from the shipped orders d_t + L_del + L_rev days after payment (one per "
        "item); S and R count every paid order's fate, cancellations included (in S as p_late = "
        "1), L_del + L_rev days after payment (as the platform's experience score measures "
        "shipping timeliness and after-sales over all paid orders [assumption]), so a backlog "
        "never pushes its bad marks past the horizon; π = (1 − q)·π_good + q·π_bad; F = "
        "Σk·N_k/ΣN_k over the window: 181 days up to today (seed's example) or "
        "180.\n\n**Feedback** M_DSR = exp(β_DSR·(F̄_{t−1} − F̄_0)); M_neg = 1 − β_neg·(1–2★ share "
        "of the latest 20 description ratings − baseline); below θ_gate the Juhuasuan/Tiantian "
        "Tejia traffic closes; new buyers with an incident come back less (h_bad).",
    ),
    "kpi.dsr_mean_end": ("期末平均评分", "Mean DSR at the end"),
    "kpi.dsr_logistics_min": ("物流分最低", "Lowest logistics score"),
    "kpi.late_rate": ("迟到或取消率", "Late or cancelled"),
    "kpi.response_time_s": ("平均首次响应", "Mean first response"),
    "kpi.backlog_max": ("最大发货积压(单)", "Largest backlog (orders)"),
    "m.dsr_description": ("描述相符", "Item as described"),
    "m.dsr_service": ("服务态度", "Seller service"),
    "m.dsr_logistics": ("物流服务", "Logistics"),
    "m.dsr_mean": ("三项平均", "Mean of the three"),
    "m.response_time_s": ("首次响应(秒)", "First response (s)"),
    "m.inquiry_conversion_factor": ("询单路径转化系数", "Inquiry-path conversion factor"),
    "m.agents": ("在线客服", "Agents online"),
    "m.backlog": ("待发货积压(单)", "Orders waiting to ship"),
    "m.late_rate": ("迟到或取消率", "Late or cancelled"),
    "m.dispatch_delay_days": ("发货延迟(天)", "Dispatch delay (days)"),
    "ds.cancel_note": (
        "{n} 单({share})在付款后 {days} 天内没能发出,被买家取消:退款 {refunds},另付延迟发货赔付 {comp}。"
        "这些订单不计收入,也不会成为回头客。",
        "{n} orders ({share}) could not ship within {days} days of payment and were cancelled by "
        "their buyers: {refunds} refunded, plus {comp} of late-dispatch compensation. They bring "
        "no revenue and no returning customers.",
    ),
    "m.orders_cancelled": ("超时取消的订单", "Orders cancelled past the deadline"),
    "m.cancellation_refunds": ("超时取消退款", "Refunds of cancelled orders"),
    "m.late_compensation": ("延迟发货赔付", "Late-dispatch compensation"),
    "m.dsr_conversion_factor": ("评分对新客转化的系数", "Scores' factor on new-buyer conversion"),
    "m.service_cost": ("客服成本", "Service desk cost"),
    # membership & repurchase page
    "page.membership": ("会员与复购", "Membership & repurchase"),
    "mb.intro": (
        "“让买过的再来”:会员、积分、包邮卡、储值、推荐裂变和老客户召回,会带回多少复购、一个新客户值多少、这些方案背后欠下多少负债、现金何时进出。改动作用于侧边栏选中的方案。",
        "“Bring buyers back”: members, points, free-shipping cards, stored value, referrals and "
        "old-customer outreach — how many repeat orders they bring, what a new customer is worth, "
        "what the schemes owe and when the cash moves. Edits go to the scenario chosen in the "
        "sidebar.",
    ),
    "mb.schemes": ("会员方案", "Membership schemes"),
    "mb.review_reward": (
        "奖励“确认收货并好评”(+10 分)",
        "Reward a confirmed receipt with a good review (+10)",
    ),
    "mb.review_warning": (
        "用积分奖励好评可能违反淘宝评价规则(不得以利益诱导评价),有被处罚的风险。",
        "Rewarding good reviews with points may break Taobao's review rules (no reviews induced "
        "by benefits) and risks a penalty.",
    ),
    "mb.fee_uptake": (
        "支付意愿:会员一年预计省 {benefit}(会员价、积分)。会费 {price} 时新买家入会率 {priced}"
        "(所填 {stated} 按基线会费 {ref_price} 测得);只有交费的会员享受会员权益。",
        "Willingness to pay: a member expects to save {benefit} a year (member price, points). "
        "At a fee of {price}, {priced} of new buyers join (the {stated} entered is measured at "
        "the baseline's fee of {ref_price}); only paying members get the perks.",
    ),
    "mb.card_uptake": (
        "支付意愿:持卡期内预计省运费 {benefit}。售价 {price} 时新会员购卡率 {priced}"
        "(所填 {stated} 按基线售价 {ref_price} 测得)。",
        "Willingness to pay: a holder expects to save {benefit} of shipping while the card "
        "lasts. At a price of {price}, {priced} of new members buy it (the {stated} entered is "
        "measured at the baseline's price of {ref_price}).",
    ),
    "mb.fee_terms": (
        "付费会员:首年续费率 {r1},三年后仍在 {s3}(sBG)。",
        "Paid membership: first renewal {r1}, still a member after three years {s3} (sBG).",
    ),
    "mb.gg_summary": (
        "Gamma-Gamma:复购平均客单价 {mean}(= p·v/(q−1),客单价的 {ratio} 倍),单笔金额变异系数 {cv},复购篮子 σ = {sigma}。",
        "Gamma-Gamma: mean repeat order {mean} (= p·v/(q−1), {ratio} × AOV), order-value CV {cv}, "
        "repeat basket σ = {sigma}.",
    ),
    "mb.gg_infinite": ("无穷大(q ≤ 2)", "infinite (q ≤ 2)"),
    "mb.gg_match": ("按当前客单价设定 v", "Set v from the current AOV"),
    "mb.gg_customer": ("某位老客户的预期客单价", "One old customer's expected order value"),
    "mb.gg_x": ("已复购次数 x", "Repeat orders so far x"),
    "mb.gg_mbar": ("这些复购的平均金额 m̄(元)", "Their mean value m̄ (yuan)"),
    "mb.gg_expect": (
        "预期下一单 {value}:在自己的均值 {own} 与全体均值 {pop} 之间,复购越多越靠近自己的均值。",
        "Expected next order {value}: between their own mean {own} and everyone's {pop}, closer "
        "to their own the more they have bought.",
    ),
    "mb.enable": ("启用", "Switch on"),
    "mb.member_price": ("会员价", "Member price"),
    "mb.member_day": ("会员日", "Member day"),
    "mb.points": ("积分", "Points"),
    "mb.card": ("包邮卡", "Free-shipping card"),
    "mb.stored_value": ("储值卡", "Stored value"),
    "mb.referral": ("推荐裂变", "Referrals"),
    "mb.outreach": ("老客户召回", "Outreach"),
    "mb.streams": ("复购与 CLV", "Repeat & CLV"),
    "mb.member_price_about": (
        "会员在复购时享受会员价;长期折扣下参考价已适应,只有非参考部分起作用。",
        "Members pay a member price on repeat orders; with a permanent discount the reference "
        "price has adapted, so only the non-reference part acts.",
    ),
    "mb.member_day_about": (
        "每月一天会员日,会员复购意愿提高,但会透支之后几天的购买。",
        "One member day a month: members buy again more that day, borrowing from the days after.",
    ),
    "mb.points_about": (
        "种子003的积分规则:每消费1元积1分,2小时内付款 +10,5天内确认收货并好评 +10,每日签到 +1(连续10天 +20),收藏店铺 +5;订单积分在确认收货后次日生效。积分在发放时计费用,按沉淀率和兑换滞后进入负债台账。",
        "Seed 003's rules: 1 point per yuan, +10 for paying within 2 h, +10 for confirming with "
        "a good review within 5 days, +1 a daily sign-in (+20 for 10 days in a row), +5 for "
        "adding the store to favourites; order points are valid the day after confirmed "
        "receipt. Points are expensed when issued, net of breakage, and tracked in a liability "
        "ledger.",
    ),
    "mb.card_about": (
        "种子003的三档包邮卡;持卡人复购更多、运费由店铺承担;年卡按 sBG 续费。",
        "Seed 003's three card tiers; holders buy again more and ship free; yearly cards renew "
        "at the sBG rate.",
    ),
    "mb.stored_value_about": (
        "种子004的储值档位与赠品;现金先到、销售后确认,沉淀部分最终计为收入。",
        "Seed 004's top-up tiers and gifts; cash arrives first, revenue when the balance is "
        "spent, and what is never spent becomes income.",
    ),
    "mb.referral_about": (
        "会员带来新买家,推荐奖励按种子004的档位;K ≥ 1 时增长无上限,会给出警告。",
        "Members bring new buyers, rewarded by seed 004's tiers; K ≥ 1 grows without bound and "
        "is flagged.",
    ),
    "mb.outreach_about": (
        "活动日前用短信或电话通知老客户,通知到的老客户当天复购提高;每次活动发送一次。",
        "Old customers are notified by SMS or phone before campaign days and buy again more on "
        "them; one message per campaign.",
    ),
    "kpi.orders_repeat": ("复购订单", "Repeat orders"),
    "kpi.members_end": ("期末会员数", "Members at the end"),
    "kpi.loyalty_cost": ("会员方案成本", "Scheme costs"),
    "kpi.cash": ("现金流", "Cash"),
    "mb.members_chart": ("会员与老客户", "Members and old customers"),
    "m.members": ("会员数", "Members"),
    "m.membership_fee_deferred": ("预收会员费", "Membership fees deferred"),
    "m.card_deferred_revenue": ("包邮卡递延收入", "Card deferred revenue"),
    "m.membership_fee_cash": ("会员费收款", "Membership fees received"),
    "m.membership_fee_revenue": ("会员费确认收入", "Membership fees recognised"),
    "m.old_customer_share": ("老客户占比", "Old-customer share"),
    "m.orders_referred": ("被推荐新买家", "Referred new buyers"),
    "mb.cohort": ("新客户复购曲线与终身价值", "Cohort repurchase and lifetime value"),
    "mb.rr": ("{d} 天复购率", "RR {d} d"),
    "mb.clv_repeats": ("期内复购单数", "Repeat orders in horizon"),
    "mb.clv_plain": ("CLV(未折现)", "CLV (undiscounted)"),
    "mb.clv": ("CLV(折现)", "CLV (discounted)"),
    "mb.days_since": ("首单后天数", "Days since the first order"),
    "mb.rr_axis": ("至少复购一次的比例", "Share who bought again"),
    "mb.clv_units": (
        "CLV:每位新客户的贡献利润(元),含首单;期限 {h} 天,年折现率 {d}。复购率 RR(τ) = 1 − (α/(α+τ))^r,按该方案客群的平均复购倍数缩放 [派生]。",
        "CLV: contribution per new customer (yuan), first order included; horizon {h} days, "
        "annual discount rate {d}. RR(τ) = 1 − (α/(α+τ))^r with the rate scaled by the cohort's "
        "mean repeat multiplier [DERIVED].",
    ),
    "mb.money": ("负债、现金与利润", "Liabilities, cash and profit"),
    "mb.liabilities": ("负债余额(所选方案)", "Liabilities outstanding (scenario shown)"),
    "m.points_liability": ("积分负债", "Points liability"),
    "m.stored_value_liability": ("储值余额", "Stored-value balance"),
    "m.yuan": ("元", "Yuan"),
    "mb.ledger": ("台账", "Ledger"),
    "m.cash": ("现金", "Cash"),
    "mb.cash_chart": ("累计现金与利润", "Cumulative cash and profit"),
    "mb.line": ("项目", "Line"),
    "mb.total": ("推演期合计", "Horizon total"),
    "m.points_expense": ("积分费用", "Points expense"),
    "m.card_revenue": ("包邮卡确认收入", "Card revenue recognised"),
    "m.card_free_orders": ("包邮卡免邮订单", "Orders shipped free on a card"),
    "m.stored_value_topups": ("储值充值", "Stored-value top-ups"),
    "m.stored_value_gift_cost": ("充值赠品成本", "Top-up gifts"),
    "m.stored_value_breakage": ("储值沉淀收入", "Stored value never spent"),
    "m.referral_reward_cost": ("推荐奖励", "Referral rewards"),
    "m.outreach_cost": ("召回通知成本", "Outreach cost"),
    "m.member_price_cost": ("会员价让利", "Member-price discount"),
    "mb.k": (
        "推荐裂变系数 K = {k}(每位被推荐客户再带来的新客户数)。",
        "Referral factor K = {k} (new buyers each referred buyer brings).",
    ),
    "mb.v6": ("店铺阶段核对(种子003,V6)", "Store stages against seed 003 (V6)"),
    "mb.v6_a": ("新店:询单 < 50/天,老客户占比 5–10%", "New: < 50 inquiries/day, old share 5–10%"),
    "mb.v6_b": ("中级:询单 100–300/天,忠实客户 > 5%", "Mid: 100–300 inquiries/day, loyal > 5%"),
    "mb.v6_c": ("高级:询单 > 500/天,忠实客户 > 10%", "Large: > 500 inquiries/day, loyal > 10%"),
    "mb.loyal": ("忠实客户(≥2 单)", "Loyal (≥ 2 orders)"),
    "mb.seed_says": ("种子003", "Seed 003"),
    "mb.v6_note": (
        "“忠实客户”按至少下过 2 单理解 [假设];按 ≥3 单,中级店和高级店达不到种子的下限。老客户占比取第 0 天。",
        "“Loyal” is read as at least 2 orders [ASSUMPTION]; with ≥ 3 orders the mid and large "
        "stores miss the seed's minima. Old-customer share on day 0.",
    ),
    "mb.formulas": (
        "**复购** Rep_t = (1/Z)·[N·Σ ΔE_L(j)·f_hist(j) + Σ_c N_c·ΔE_L(t−c)·f(t−c)],ΔE_L(k) = ΔE(k)·e^(−k/L)(客户账户平均寿命 L,假设;它让成熟店铺的复购保持平稳),f(k) = [(1−e) + e·(1+u_mem)·(1+c·u_ship·S_card(k))·(1+s·u_sv·e^(−k/L_sv))]·(1−b+b·h_bad);Z 使方案等于基线时老客户占比不变。\n\n**推荐** R_t = ρ·e·Σ_{j=1..L}(N_{t−j}+R_{t−j}),K = e·ρ·L,稳态每位自然新客带来 K/(1−K) 位被推荐客户。\n\n**积分(种子003规则)** 每单 ⌊实付⌋·e_pt + 10·s_2h + 10·s_rev;每位会员每天签到 q + 20·(1−q)·q¹⁰/(1−q¹⁰);新会员收藏 5·s_fav。费用 = 发放 × 每分价值 × (1 − 沉淀率);负债 = 发放 − 兑换 − 过期。\n\n**付费会员与包邮卡** 年度续费 sBG:r_n = (β+n−1)/(α+β+n−1),存续 S(n) = Π r_i;未续费的会员失去 u_mem;收入按 365 天直线确认。\n\n**会费与包邮卡售价(支付意愿)** 买家愿付的价格服从对数正态分布:S(P) = 1 − Φ((ln P − ln m)/σ),m = κ·B(至少 1 元);B_会员 = 新客一年复购次数·(1+u_mem)·复购客单价·(δ_m + e_pt·v_pt·(1−沉淀率)),B_卡 = 运费·付运费占比·持卡期内订单数(T1 一年,最多 36 次;T2/T3 为 CLV 期限)。入会率 e 与购卡率 c 按基线价格测得:e' = min(1, e·S_方案(P_方案)/S_基线(P_基线)),c' 同理;所填比率高于 S_基线(P_基线) 时两边的 m 一同上调,使 S_基线(P_基线) = 所填比率。只有付费者成为会员或持卡人、享受复购提升;续费仍按 sBG。形式:二分选择条件价值评估的对数出价 probit(Cameron & James 1987);κ、σ 为 [假设]。\n\n**复购金额(Gamma-Gamma)** 复购客单价 = p·v/(q−1);单笔金额 CV² = (p+q−1)/(p·(q−2)),篮子 σ = √ln(1+CV²);已知客户 x 次复购、均值 m̄ 时 E[M] = p·(v + x·m̄)/(p·x + q − 1)。\n\n**储值** 负债 = 充值 − 消费 − 沉淀;现金 = 利润 + Δ储值负债 + (售卡现金 − 确认收入) + (积分费用 − 兑换)。\n\n**CLV** = 首单贡献 + Σ_k ΔE(k)·m·复购客单价·贡献率/(1+d)^(k/365)。",
        "**Repeat** Rep_t = (1/Z)·[N·Σ ΔE_L(j)·f_hist(j) + Σ_c N_c·ΔE_L(t−c)·f(t−c)], ΔE_L(k) = "
        "ΔE(k)·e^(−k/L) (mean customer lifetime L, assumption: it keeps a mature store's repeat "
        "orders steady), f(k) = [(1−e) + "
        "e·(1+u_mem)·(1+c·u_ship·S_card(k))·(1+s·u_sv·e^(−k/L_sv))]·(1−b+b·h_bad); Z keeps the "
        "old-customer share when the plan equals the baseline.\n\n**Referrals** R_t = "
        "ρ·e·Σ_{j=1..L}(N_{t−j}+R_{t−j}), K = e·ρ·L; in steady state every organic new buyer "
        "brings K/(1−K) referred ones.\n\n**Points (seed 003's rules)** per order ⌊paid⌋·e_pt + "
        "10·s_2h + 10·s_rev; per member a day (sign-ins) q + 20·(1−q)·q¹⁰/(1−q¹⁰); new members' "
        "favourites 5·s_fav. Expense = issued × value per point × (1 − breakage); liability = "
        "issued − redeemed − expired.\n\n**Paid membership and card** yearly renewals sBG: r_n = "
        "(β+n−1)/(α+β+n−1), survival S(n) = Π r_i; lapsed members lose u_mem; revenue "
        "straight-line over 365 days.\n\n**Fee and card price (willingness to pay)** the price "
        "buyers would pay is log-normal: S(P) = 1 − Φ((ln P − ln m)/σ), m = κ·B (at least 1 "
        "yuan); B_member = a new buyer's repeat orders in a year·(1+u_mem)·repeat AOV·(δ_m + "
        "e_pt·v_pt·(1 − breakage)), B_card = shipping fee·share paying shipping·orders while "
        "the card lasts (T1: a year, at most 36; T2/T3: the CLV horizon). Enrolment e and card "
        "uptake c are measured at the baseline's prices: e' = min(1, "
        "e·S_plan(P_plan)/S_baseline(P_baseline)), c' likewise; when the rate entered is above "
        "S_baseline(P_baseline), both medians rise together until they meet it. Only payers "
        "become members or holders and get the repeat uplift; renewals keep the sBG rates. "
        "Form: the log-bid probit of closed-ended contingent valuation (Cameron & James 1987); "
        "κ and σ are [ASSUMPTION].\n\n**Repeat spend (Gamma-Gamma)** repeat AOV = p·v/(q−1); one "
        "order's CV² = (p+q−1)/(p·(q−2)), basket σ = √ln(1+CV²); a customer with x repeat "
        "orders averaging m̄: E[M] = p·(v + x·m̄)/(p·x + q − 1).\n\n**Stored value** liability = "
        "top-ups − spent − breakage; cash = profit + Δ stored-value liability + (card cash − "
        "revenue recognised) + (points expense − redeemed).\n\n**CLV** = first-order contribution "
        "+ Σ_k ΔE(k)·m·repeat AOV·margin/(1+d)^(k/365).",
    ),
    # calibrate page
    "page.calibrate": ("校准", "Calibrate"),
    "cal.intro": (
        "让模拟器讲你自己店铺的数字:上传订单记录拟合复购模型(BG/NBD 与 Gamma-Gamma,含标准误和留出期检验),上传每日店铺数据(生意参谋式的访客数、支付买家数、支付金额、客单价、老买家占比)推出基线。点“应用”之前,方案不会改变。",
        "Make the simulator speak for your shop: fit the repeat model to an order history "
        "(BG/NBD and Gamma-Gamma, with standard errors and a holdout check) and derive the "
        "baseline from a daily export of shop metrics (visitors, paying buyers, GMV, order value, "
        "old-customer share, as the dashboard shows them). Your scenarios stay as they are until "
        "you press Apply.",
    ),
    "cal.tab.orders": ("订单记录 → 复购模型", "Order history → repeat model"),
    "cal.tab.daily": ("每日店铺数据 → 基线", "Daily shop metrics → baseline"),
    "cal.orders.help": (
        "每行一笔订单,至少三列:**买家ID**、**订单日期**(可带时间)、**实付金额**;可选 **订单编号**(用来去重)和 **订单状态**(交易关闭、退款、未付款的订单不算购买)。同一买家同一天的订单算一次交易(金额相加),时间以天计。",
        "One row per order with at least three columns: **customer ID**, **order date** (a time "
        "may follow) and **amount paid**; optionally an **order ID** (used to drop duplicates) "
        "and an **order status** (closed, refunded and unpaid orders are not purchases). Orders "
        "of one customer on one day are one transaction (amounts added up); time is in days.",
    ),
    "cal.daily.help": (
        "每行一天:**日期**、**访客数**,**支付买家数**或**支付转化率**,**支付金额**或**客单价**,可选**老买家占比**或**老买家数**。比率可以写成 2.45% 或 0.0245。",
        "One row per day: **date**, **visitors**, **paying buyers** or **paid conversion**, "
        "**GMV** or **order value**, and optionally the **old-customer share** or **old buyers**. "
        "Rates may read 2.45% or 0.0245.",
    ),
    "cal.upload": ("上传文件(CSV 或 Excel .xlsx)", "Upload a file (CSV or Excel .xlsx)"),
    "cal.upload_help": (
        "UTF-8 或 GBK 编码的 CSV(逗号、分号或制表符分隔),或 .xlsx 的第一个工作表;中英文表头均可,识别出的列可以在下面改。",
        "A CSV in UTF-8 or GBK (comma, semicolon or tab separated) or the first sheet of an "
        ".xlsx; Chinese or English headers; the columns found can be corrected below.",
    ),
    "cal.sample.orders": ("用示例:CDNOW 1997–98", "Use the sample: CDNOW 1997–98"),
    "cal.sample.orders_help": (
        "Fader、Hardie 与 Lee(2005)发表 BG/NBD 模型时用的 CDNOW 抽样数据:2,357 位顾客 1997-01 至 1998-06 的订单(美元)。按 1997-09-30 截止校准,可与论文的 r = 0.243、α = 4.414 周、a = 0.793、b = 2.426 对照。",
        "The CDNOW sample Fader, Hardie & Lee (2005) introduced BG/NBD with: the orders of 2,357 "
        "customers, January 1997 to June 1998 (US dollars). Calibrated to 1997-09-30 it gives the "
        "paper's r = 0.243, α = 4.414 weeks, a = 0.793, b = 2.426.",
    ),
    "cal.sample.daily": (
        "用示例:中级店铺 120 天(合成)",
        "Use the sample: mid-size store, 120 days (synthetic)",
    ),
    "cal.sample.daily_help": (
        "按中级店铺预设合成的 120 天生意参谋式数据(访客 4,000/天、转化 2.4%、客单价 ¥115.5、老买家 20%,周末多、每月增长约 2%,加随机波动):用来看格式和演示,不是真实店铺。",
        "120 days of dashboard-style data made from the mid-size store preset (4,000 visitors a "
        "day, 2.4% conversion, ¥115.5 order value, 20% old buyers, busier weekends, about 2% "
        "growth a month, with noise): to see the format and to demonstrate, not a real shop.",
    ),
    "cal.sample.download": ("下载示例文件", "Download the sample file"),
    "cal.file_info": ("{name}:{rows} 行,{encoding}", "{name}: {rows} rows, {encoding}"),
    "cal.mapping": ("列的对应", "Columns"),
    "cal.mapping_help": (
        "按表头自动识别;识别错了就在这里改。",
        "Found from the headers; correct any of them here.",
    ),
    "cal.none": ("—(无)", "— (none)"),
    "cal.field.customer_id": ("买家ID", "Customer ID"),
    "cal.field.date": ("日期", "Date"),
    "cal.field.amount": ("实付金额", "Amount paid"),
    "cal.field.order_id": ("订单编号(可选)", "Order ID (optional)"),
    "cal.field.status": ("订单状态(可选)", "Order status (optional)"),
    "cal.field.uv": ("访客数", "Visitors"),
    "cal.field.buyers": ("支付买家数", "Paying buyers"),
    "cal.field.conversion": ("支付转化率", "Paid conversion"),
    "cal.field.gmv": ("支付金额", "GMV"),
    "cal.field.aov": ("客单价", "Order value"),
    "cal.field.old_share": ("老买家占比(可选)", "Old-customer share (optional)"),
    "cal.field.old_buyers": ("老买家数(可选)", "Old buyers (optional)"),
    "cal.preview": (
        "按上面的对应读取的前 {n} 行;对不上就改上面的选择。",
        "The first {n} rows as read with the columns above; if they look wrong, change them.",
    ),
    "cal.all_columns": ("文件的全部 {n} 列", "All {n} columns of the file"),
    "cal.errors": ("这个文件还不能拟合:", "This file cannot be fitted yet:"),
    "cal.left_out": (
        "有 {n} 行没有用于拟合(其余照常使用):",
        "{n} rows are left out of the fit (the rest are used):",
    ),
    "cal.notes": ("请留意:", "Please note:"),
    "cal.err.apply": (
        "无法应用到「{name}」:{reason} 所有方案都没有改变。",
        "Could not apply to “{name}”: {reason} No scenario was changed.",
    ),
    "cal.date_forms": (
        "日期有 {n} 种写法,都按 年-月-日 读取。",
        "Dates came in {n} forms, all read year first (year-month-day).",
    ),
    "cal.usable": (
        "用于拟合:{orders} 行订单,{customers} 位顾客,{start} 至 {end}。",
        "Used: {orders} order rows, {customers} customers, {start} to {end}.",
    ),
    "cal.calibration_end": ("校准期截止日", "End of the calibration period"),
    "cal.calibration_end_help": (
        "模型只用这天及以前的订单拟合;之后的订单用来检验预测(留出期)。",
        "The model is fitted on the orders up to this day; the later ones test its forecast "
        "(the holdout).",
    ),
    "cal.periods": (
        "校准期 {cal} 天,留出期 {hold} 天。",
        "Calibration {cal} days, holdout {hold} days.",
    ),
    "cal.no_holdout": (
        "没有留出期,无法检验预测:把截止日提前,留一段数据做检验。",
        "There is no holdout to test the forecast on: move the end earlier to keep some data back.",
    ),
    "cal.err.fit": (
        "无法拟合这些数据;请检查列的对应。",
        "These data cannot be fitted; check the columns.",
    ),
    "cal.results": ("拟合结果", "The fitted model"),
    "cal.kpi.customers": ("顾客(截止日前首购)", "Customers (first order by the end)"),
    "cal.kpi.repeaters": ("回购顾客", "Came back"),
    "cal.kpi.transactions": ("交易(按人按天)", "Transactions (customer-days)"),
    "cal.kpi.loglik": ("BG/NBD 对数似然", "BG/NBD log-likelihood"),
    "cal.col.param": ("参数", "Parameter"),
    "cal.col.meaning": ("含义", "Meaning"),
    "cal.col.estimate": ("估计值", "Estimate"),
    "cal.col.se": ("标准误", "Std. error"),
    "cal.col.ci": ("95% 区间", "95% interval"),
    "cal.col.provenance": ("出处", "Provenance"),
    "cal.prov": ("派生(你的数据)", "DERIVED (your data)"),
    "cal.p.r": ("购买率 λ ~ Gamma(r, α) 的形状", "Shape of the purchase rate λ ~ Gamma(r, α)"),
    "cal.p.alpha": ("购买率的尺度(天)", "Scale of the purchase rate (days)"),
    "cal.p.a": ("流失概率 p ~ Beta(a, b) 的 a", "a of the dropout probability p ~ Beta(a, b)"),
    "cal.p.b": ("流失概率 p ~ Beta(a, b) 的 b", "b of the dropout probability p ~ Beta(a, b)"),
    "cal.p.p": ("单笔金额 ~ Gamma(p, ν) 的形状", "Shape of an order's value ~ Gamma(p, ν)"),
    "cal.p.q": ("ν ~ Gamma(q, v) 的形状", "Shape of ν ~ Gamma(q, v)"),
    "cal.p.v": ("ν ~ Gamma(q, v) 的尺度(元)", "Scale of ν ~ Gamma(q, v) (yuan)"),
    "cal.not_converged": (
        "优化没有停在平坦的极值点(可能到了参数边界):结果仅供参考。",
        "The optimiser did not stop at a flat optimum (perhaps at a parameter bound): treat the "
        "estimates with care.",
    ),
    "cal.gg_missing": (
        "有回购金额的顾客少于 {n} 位(或回购金额全为零、全相同),没有拟合 Gamma-Gamma 客单价模型。",
        "Fewer than {n} returning customers with repeat amounts above zero (or all their "
        "amounts equal): the Gamma-Gamma order-value model was not fitted.",
    ),
    "cal.unusable": (
        "这些数据不足以估计复购模型:{reason} 需要更多顾客或更长的记录;拟合结果不能应用。",
        "These data are too few to estimate the repeat model: {reason} It needs more customers "
        "or a longer history; the fit cannot be applied.",
    ),
    "cal.unusable.flat": (
        "优化停在了参数边界上。",
        "The optimiser stopped at a parameter bound.",
    ),
    "cal.unusable.range": (
        "{params} 超出了模型的范围。",
        "{params} lie outside the model's ranges.",
    ),
    "cal.gg_q_low": (
        "Gamma-Gamma 的 q ≤ 1:客单价没有有限的均值(金额的尾部太重),不能用于推演。",
        "The Gamma-Gamma q is ≤ 1: order values have no finite mean (too heavy a tail) and "
        "cannot be used in the simulation.",
    ),
    "cal.derived": ("拟合推出的数字", "What the fit implies"),
    "cal.d.rr": ("{days} 天复购率", "Repurchase within {days} days"),
    "cal.d.aov": ("老客户客单价 p·v/(q−1)", "Repeat order value p·v/(q−1)"),
    "cal.d.share": ("店龄 {age} 天的老客户占比", "Old-customer share at {age} days old"),
    "cal.d.holdout": ("留出期回购交易(实际)", "Holdout repeat transactions (actual)"),
    "cal.d.holdout_model": ("模型 {model}({gap})", "model {model} ({gap})"),
    "cal.tracking": (
        "累计回购交易:数据与模型(每周)",
        "Cumulative repeat transactions: data and model (weekly)",
    ),
    "cal.tracking_note": (
        "截止日前首购的顾客此后的全部回购;模型线 = Σ 各日首购人数 × E[X(t − 首购日)]。截止线右边是模型没有见过的数据。",
        "Every repeat transaction of the customers whose first order came by the end; the model "
        "is Σ first-order cohort × E[X(t − first day)]. Right of the marker lies data the model "
        "has not seen.",
    ),
    "cal.curve": (
        "复购曲线:首购后 τ 天内再次购买的比例",
        "Repurchase curve: the share buying again within τ days of the first order",
    ),
    "cal.curve_note": (
        "模型:RR(τ) = 1 − (α/(α+τ))^r。数据:在数据里能看满 τ 天的顾客中,τ 天内回购的比例(用全部数据,包括留出期)。",
        "Model: RR(τ) = 1 − (α/(α+τ))^r. Data: of the customers the data follow for at least τ "
        "days, the share who bought again within τ days (all the data, holdout included).",
    ),
    "cal.series": ("", ""),
    "cal.series.data": ("数据", "Data"),
    "cal.series.model": ("模型", "Model"),
    "cal.axis.date": ("日期", "Date"),
    "cal.axis.cum": ("累计回购交易", "Cumulative repeat transactions"),
    "cal.axis.days": ("首购后天数 τ", "Days after the first order τ"),
    "cal.axis.rr": ("复购率", "Repurchase rate"),
    "cal.end_marker": ("校准期截止", "End of calibration"),
    "cal.caveat": (
        "每位顾客在文件里的第一笔订单被当作首购。文件如果不是从开店算起,早已是老顾客的人会被当作新顾客,复购率会被低估。",
        "Each customer's first order in the file is taken as her first ever. A file that starts "
        "after the shop opened counts long-standing customers as new, and understates repeat "
        "buying.",
    ),
    "cal.apply": ("应用到方案", "Apply to the scenarios"),
    "cal.apply_to": ("应用到", "Apply to"),
    "cal.alpha_mode": ("复购速度 α", "Repeat rate α"),
    "cal.alpha.fitted": (
        "用拟合的 α = {alpha}:老客户占比设为它在店龄 {age} 天时对应的 {share}",
        "Use the fitted α = {alpha}: the old-customer share becomes the {share} it implies at a "
        "store age of {age} days",
    ),
    "cal.alpha.hint": (
        "可以改选“保留各方案的老客户占比”,只用拟合的形状。",
        "Choose “Keep each scenario's old-customer share” to use the fitted shapes only.",
    ),
    "cal.alpha.keep": (
        "保留各方案的老客户占比,只用拟合的形状 r、a、b(α 由占比重新校准)",
        "Keep each scenario's old-customer share and use only the fitted shapes r, a, b (α is "
        "calibrated from the share again)",
    ),
    "cal.apply_gg": (
        "同时应用 Gamma-Gamma 客单价模型(老客户客单价 {aov})",
        "Also apply the Gamma-Gamma order-value model (repeat order value {aov})",
    ),
    "cal.apply_button": ("应用", "Apply"),
    "cal.applied": ("已应用到{names}。", "Applied to {names}."),
    "cal.pick_target": ("请至少选择一个方案。", "Choose at least one scenario."),
    "cal.untouched": (
        "点“应用”之前,方案不会改变;应用后可在“假设与来源”页看到哪些数字来自你的数据。",
        "Your scenarios stay as they are until you press Apply; afterwards the Assumptions page "
        "shows which numbers came from your data.",
    ),
    "cal.daily.results": ("从数据得出的基线", "The baseline from your data"),
    "cal.daily.level": ("日均访客数", "Visitors per day"),
    "cal.daily.level_help": (
        "去掉星期效应;应用趋势时是趋势线在数据之后那一天的值,否则是数据期的平均。",
        "Weekday-neutral; with the trend, where the trend line reaches the day after the data, "
        "without it the mean over the data.",
    ),
    "cal.daily.growth": ("每月增长", "Growth per month"),
    "cal.daily.pm": ("± {se}(标准误)", "± {se} (std. error)"),
    "cal.daily.weekday": (
        "星期分布(均值 = 1;误差线为 95% 区间)",
        "Weekday profile (mean 1; error bars are 95% intervals)",
    ),
    "cal.daily.lo": ("95% 区间下限", "95% interval, low"),
    "cal.daily.hi": ("95% 区间上限", "95% interval, high"),
    "cal.daily.weekday_axis": ("倍数", "Multiplier"),
    "cal.daily.day": ("星期", "Day"),
    "cal.daily.fit": ("模型与数据对比", "The model against the data"),
    "cal.daily.fit_stats": (
        "访客数 R² = {r2};GMV 平均绝对百分比误差 {mape}。",
        "Visitors R² = {r2}; GMV mean absolute percentage error {mape}.",
    ),
    "cal.daily.use_growth": ("应用趋势(每月 {g})", "Apply the trend ({g} a month)"),
    "cal.daily.growth_ns": (
        "增长在统计上不显著(|增长| / 标准误 < 1.96),默认不应用。",
        "The growth is not statistically significant (|growth| / std. error < 1.96) and is off "
        "by default.",
    ),
    "cal.daily.no_weekday": (
        "数据少于 {n} 天或缺少某个星期几:不估计星期分布(设为均匀)。",
        "Fewer than {n} days, or a weekday missing: no weekday profile is estimated (flat).",
    ),
    "cal.daily.no_old": (
        "文件里没有老买家占比:应用时老客户占比保持不变。",
        "The file has no old-customer share: applying keeps each scenario's own.",
    ),
    "cal.daily.notes": (
        "访客数包括付费和淘客访客:应用时自然访客 = 访客数 − 方案里直通车、钻展和淘客带来的访客。客单价按实付计,基线的客单价是标价口径:数据期有大促折扣时请酌情调整。",
        "Visitors include paid and affiliate ones: applying sets organic visitors = visitors − "
        "those the scenario's paid search, display and affiliates bring. Order value is what "
        "buyers paid, the baseline's is at list price: adjust it if the data span a sale.",
    ),
    "cal.weekday.0": ("周一", "Mon"),
    "cal.weekday.1": ("周二", "Tue"),
    "cal.weekday.2": ("周三", "Wed"),
    "cal.weekday.3": ("周四", "Thu"),
    "cal.weekday.4": ("周五", "Fri"),
    "cal.weekday.5": ("周六", "Sat"),
    "cal.weekday.6": ("周日", "Sun"),
    "cal.fitted_from": ("你的数据({name})", "your data ({name})"),
    # problems of an uploaded file
    "up.empty": ("文件是空的。", "The file is empty."),
    "up.too_big": (
        "文件大于 {detail},没有读取:请按时间拆成几个文件。",
        "The file is larger than {detail} and was not read: split it by period.",
    ),
    "up.too_many_rows": (
        "文件有 {n} 行,超过 {detail} 行的上限:请按时间拆成几个文件。",
        "The file has {n} rows, over the limit of {detail}: split it by period.",
    ),
    "up.not_text": (
        "这不是 CSV 文本文件,也不是 .xlsx 表格。",
        "This is neither a CSV text file nor an .xlsx workbook.",
    ),
    "up.encoding": (
        "文件既不是 UTF-8 也不是 GBK 编码:请在 Excel 里另存为“CSV UTF-8”后上传。",
        "The file is neither UTF-8 nor GBK text: save it from Excel as “CSV UTF-8” and upload "
        "that.",
    ),
    "up.xls": (
        "这是旧版 Excel(.xls)文件:请另存为 .xlsx 或 CSV 后上传。",
        "This is an old Excel (.xls) file: save it as .xlsx or CSV and upload that.",
    ),
    "up.bad_excel": (
        "这个 Excel 文件已损坏,无法读取。",
        "This Excel file is damaged and cannot be read.",
    ),
    "up.malformed": (
        "{rows}的列数比表头多,文件可能已损坏(例如金额里有没加引号的逗号)。",
        "{rows} has more fields than the header: the file may be damaged (a comma inside an "
        "amount without quotes, say).",
    ),
    "up.unparsable": (
        "文件无法按表格读取(可能有没闭合的引号,或某个格子过长)。",
        "The file cannot be read as a table (an unclosed quote, or a cell far too long).",
    ),
    "up.unreadable": (
        "这个文件无法读取;请另存为 CSV(UTF-8)后再上传。",
        "This file cannot be read; save it as CSV (UTF-8) and upload that.",
    ),
    "up.no_rows": ("文件只有表头,没有数据行。", "The file has a header but no data rows."),
    "up.missing_column": (
        "找不到“{field}”一列:请在“列的对应”里选择。",
        "No column for “{field}”: choose one under Columns.",
    ),
    "up.missing_either": (
        "需要“{a}”或“{b}”中的一列。",
        "One of “{a}” or “{b}” is needed.",
    ),
    "up.column_twice": (
        "“{column}”一列被选给了多个字段。",
        "The column “{column}” is chosen for more than one field.",
    ),
    "up.bad_date": (
        "“{column}”列{rows}不是可识别的日期(请写成 年-月-日,如 2024-01-05)。",
        "Column “{column}”, {rows}: not a date this app can read (write year-month-day, e.g. "
        "2024-01-05).",
    ),
    "up.bad_number": ("“{column}”列{rows}不是数字。", "Column “{column}”, {rows}: not a number."),
    "up.blank": ("“{column}”列{rows}是空的。", "Column “{column}”, {rows}: empty."),
    "up.negative": (
        "“{column}”列{rows}是负数(退款?)。",
        "Column “{column}”, {rows}: negative (a refund?).",
    ),
    "up.duplicate_row": (
        "{rows}与前面某行完全相同,只计一次。",
        "{rows}: the same as an earlier row, counted once.",
    ),
    "up.not_bought": (
        "“{column}”列{rows}是关闭、取消、退款或未付款的订单,不算购买。",
        "Column “{column}”, {rows}: closed, cancelled, refunded or unpaid orders, not purchases.",
    ),
    "up.identical_rows": (
        "{rows}与前面某行完全相同:按不同的订单计入(同一买家同一天的订单本来就算一次交易)。如果是重复导出的,请删掉,或加上订单编号列。",
        "{rows}: the same as an earlier row, counted as separate orders (one customer's orders "
        "on one day are one transaction anyway). If they are copies, delete them or add an "
        "order-ID column.",
    ),
    "up.duplicate_order": (
        "“{column}”列{rows}的订单编号与前面重复,只计一次。",
        "Column “{column}”, {rows}: an order ID seen before, counted once.",
    ),
    "up.more_buyers": (
        "{rows}的买家数多于访客数(或老买家多于买家)。",
        "{rows}: more buyers than visitors (or more old buyers than buyers).",
    ),
    "up.date_twice": (
        "“{column}”列{rows}的日期与别的行重复而数字不同:每个日期只能有一行。",
        "Column “{column}”, {rows}: a date given twice with different numbers; one row per "
        "date, please.",
    ),
    "up.no_usable_rows": ("没有一行可以使用。", "Not one row can be used."),
    "up.rows": ("第 {rows} 行", "row {rows}"),
    "up.rows_many": ("第 {rows} 行", "rows {rows}"),
    "up.rows_more": ("第 {rows} 行等共 {n} 行", "rows {rows} … ({n} in all)"),
    # --- issue 16: calendar dates ---
    "dt.start": ("开始日期(第0天)", "Start date (day 0)"),
    "dt.start_help": (
        "推演第0天的日历日期。活动窗口、图表和导出都按日期显示;周内流量系数和会员日按真实的星期"
        "和日期排列。分享链接总是带上这个日期。",
        "The calendar date of day 0. Promotion windows, charts and exports speak in dates; the "
        "weekday profile and the member day follow the real weekdays and dates. Share links "
        "always carry this date.",
    ),
    "dt.horizon_to": ("推演到 {date}", "Simulated to {date}"),
    "dt.window": ("{dates}({days})", "{dates} ({days})"),
    "dt.preheat": ("(预热{p}天,{date}起)", " (pre-heat {p} d from {date})"),
    "dt.range": ("活动日期(含首尾)", "Event dates (inclusive)"),
    "dt.range_help": (
        "在日历上选活动的第一天和最后一天;推演期之外的日期不可选。",
        "Pick the event's first and last day on the calendar; dates outside the simulated "
        "period cannot be chosen.",
    ),
    "dt.tpl.title": ("活动日历模板", "Campaign calendar template"),
    "dt.tpl.pick": ("电商节日", "E-commerce festival"),
    "dt.tpl.apply": ("应用到方案", "Apply to plan"),
    "dt.tpl.help": (
        "把方案的活动放到这个节日下一次的日期上:所有促销移到节日当天并按节日预热;没有促销时"
        "加一个默认满减;节日带来的平台流量替换方案里“其他”平台活动窗口,聚划算/天天特价窗口"
        "一并移到节日。",
        "Moves the plan's campaign to the festival's next occurrence: every promotion moves to "
        "the festival's days with its pre-heat (a plan without promotions gets the default spend-and-save offer); "
        "the festival's platform visitors replace the plan's “other” platform windows, and its "
        "Juhuasuan/Tiantian Tejia windows move to the festival too.",
    ),
    "dt.tpl.next": (
        "下一次:{window},预热{p}天;平台额外访客 = 日常自然访客 × {m}。",
        "Next: {window}, pre-heat {p} d; extra platform visitors = everyday organic visitors "
        "× {m}.",
    ),
    "dt.tpl.source": ("来源:{prov} · {text}", "Source: {prov} · {text}"),
    "dt.tpl.outside": (
        "{name}下一次在{dates},推演期只到{end}:未应用。请延长推演天数或调整开始日期。",
        "{name}'s next occurrence is {dates}, after the simulated period ends on {end}: not "
        "applied. Lengthen the horizon or move the start date.",
    ),
    "dt.tpl.unknown": (
        "{name}:{year}年的日期未知(春节日期表只到2040年):未应用。",
        "{name}: its date in {year} is not known (the Spring Festival table ends in 2040): not "
        "applied.",
    ),
    "dt.tpl.applied": (
        "已把{name}({window})应用到方案:{n}个促销、平台流量窗口已设置。",
        "{name} ({window}) applied to the plan: {n} promotion(s) and the platform traffic "
        "window set.",
    ),
    "dt.err.layers": (
        "{when}同时有{n}层促销({kinds}):最多{max}层(种子003)。未添加。",
        "{n} layers on {when} ({kinds}): at most {max} may run at once (seed 003). Not added.",
    ),
    "dt.err.same_kind": (
        "{when}已有一个「{kind}」:同一类促销不能同时进行(种子003)。未添加。",
        "A “{kind}” already runs on {when}: two promotions of one kind never overlap (seed 003). "
        "Not added.",
    ),
    "dt.ds.hourly_note": (
        "咨询最多的一天({when})逐小时的咨询量和首次响应时间(Erlang C 排队模型)。",
        "Inquiries and first-response time hour by hour on the busiest day, {when}, from the "
        "Erlang C queue.",
    ),
    "dt.ev.nianhuo": ("年货节", "New Year Shopping Festival"),
    "dt.ev.women38": ("38女王节", "Queen's Day (Mar 8)"),
    "dt.ev.mid618": ("618年中大促", "618 mid-year sale"),
    "dt.ev.sep99": ("99划算节", "9.9 Bargain Festival"),
    "dt.ev.double11": ("双11", "Double 11"),
    "dt.ev.double12": ("双12", "Double 12"),
    "dt.src.nianhuo": (
        "春节前第21–12天(快递约在春节前一周停运,活动须提前结束);流量倍数为假设。",
        "The 10 days ending 12 days before Spring Festival (couriers stop about a week before "
        "it); the traffic multiple is an assumption.",
    ),
    "dt.src.women38": (
        "3月6–8日,3月8日为正日;流量倍数为假设。",
        "Mar 6–8, the main day Mar 8; the traffic multiple is an assumption.",
    ),
    "dt.src.mid618": (
        "6月16–18日(京东店庆、天猫年中大促的高潮),前有预售预热;流量倍数为假设。",
        "Jun 16–18 (JD's anniversary, Tmall's mid-year peak) after a pre-sale; the traffic "
        "multiple is an assumption.",
    ),
    "dt.src.sep99": (
        "9月7–9日,9月9日为正日(聚划算);流量倍数为假设。",
        "Sep 7–9, the main day Sep 9 (Juhuasuan); the traffic multiple is an assumption.",
    ),
    "dt.src.double11": (
        "11月11日,11月1日起预热;全年最大的节日,流量倍数为假设。",
        "Nov 11, pre-heat from Nov 1; the year's largest festival, the traffic multiple is an "
        "assumption.",
    ),
    "dt.src.double12": (
        "12月9–12日,4天,同种子资料(淘宝运营课程)中年终大促的天数;流量倍数由该活动的引流"
        "访客推算(每天3,794人,对日常自然访客4,000人)。",
        "Dec 9–12, 4 days like the year-end campaign in the seed material (a Taobao operations "
        "course); the traffic multiple is derived from that campaign's visitors (3,794 a day "
        "against 4,000 everyday organic visitors).",
    ),
    # --- issue 16: fast first paint (spinners of steps that can take over a second) ---
    "busy.simulate": (
        "正在推演 {n} 个方案的 {days} 天…",
        "Simulating {n} scenarios over {days} days…",
    ),
    "busy.promotions": (
        "正在逐个去掉每个促销重新推演,测算它的贡献…",
        "Working out each promotion's contribution (simulating the plan without it)…",
    ),
    "busy.campaign": (
        "正在测算大促需要多少客服与仓容…",
        "Working out the agents and warehouse capacity the campaign needs…",
    ),
    "busy.read": ("正在读取并检查文件…", "Reading and checking the file…"),
    "busy.fit_orders": (
        "正在用订单拟合复购模型(BG/NBD 与 Gamma-Gamma)…",
        "Fitting the repeat-purchase model (BG/NBD and Gamma-Gamma) to the orders…",
    ),
    "busy.fit_daily": (
        "正在用每日数据拟合访客、增长与转化…",
        "Fitting visitors, growth and conversion to the daily figures…",
    ),
    # --- issue 16: charts, number formats and the plan's story ---
    "chart.date": ("日期", "Date"),
    "chart.total_change": ("合计变化", "Total change"),
    "chart.levels": (
        "{start_label} {start} → {end_label} {end}：变化 {delta}{pct}",
        "{start_label} {start} → {end_label} {end}: change {delta}{pct}",
    ),
    "chart.pct": ("（{pct}）", " ({pct})"),
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
    # --- issue 16: exports and sharing ---
    # export column headers (ui/exports.py adds the unit of the column's kind)
    "xcol.date": ("日期", "Date"),
    "xcol.day": ("第几天", "Day"),
    "xcol.scenario": ("方案", "Scenario"),
    "xcol.uv": ("访客数", "Visitors (UV)"),
    "xcol.uv_organic": ("自然流量访客", "Organic visitors"),
    "xcol.uv_paid": ("付费流量访客", "Paid-traffic visitors"),
    "xcol.uv_search": ("直通车访客", "Paid-search visitors (Through Train)"),
    "xcol.uv_display": ("钻展访客", "Display-ad visitors (Diamond Booth)"),
    "xcol.uv_affiliate": ("淘宝客访客", "Affiliate visitors (Taoke)"),
    "xcol.uv_campaign": ("平台活动访客", "Platform-campaign visitors"),
    "xcol.uv_returning": ("回访老客", "Returning buyers' visits"),
    "xcol.inquiries": ("询单数", "Inquiries"),
    "xcol.orders_placed": ("下单数", "Orders placed"),
    "xcol.orders_paid": ("支付订单数", "Paid orders"),
    "xcol.orders_new": ("新客订单", "New-customer orders"),
    "xcol.orders_repeat": ("老客户订单", "Old-customer orders"),
    "xcol.conversion_rate": ("支付转化率", "Paid conversion"),
    "xcol.conversion_rate_new": ("新客支付转化率", "New-customer paid conversion"),
    "xcol.pay_rate": ("付款率", "Payment rate"),
    "xcol.aov": ("客单价", "Order value (AOV)"),
    "xcol.aov_new": ("新客客单价(标价)", "New-customer order value (list price)"),
    "xcol.aov_repeat": ("老客客单价(标价)", "Old-customer order value (list price)"),
    "xcol.units_per_order": ("每单件数", "Units per order"),
    "xcol.gmv": ("成交金额", "GMV"),
    "xcol.gmv_new": ("新客成交金额", "New-customer GMV"),
    "xcol.gmv_repeat": ("老客成交金额", "Old-customer GMV"),
    "xcol.gmv_list": ("成交件按标价的金额", "GMV at list price"),
    "xcol.discount_cost": ("折扣让利", "Discounts given"),
    "xcol.uv_value": ("流量价值(UV价值)", "UV value"),
    "xcol.old_customer_share": ("老客户占比", "Old-customer share"),
    "xcol.price_index": ("成交价占标价", "Price paid vs list price"),
    "xcol.traffic_quality": ("流量质量系数", "Traffic quality factor"),
    "xcol.shipping_fee_income": ("运费收入", "Shipping fees received"),
    "xcol.refunds": ("退款", "Refunds"),
    "xcol.cancellation_refunds": ("超时取消退款", "Refunds of cancelled orders"),
    "xcol.net_sales": ("净销售额", "Net sales"),
    "xcol.cogs": ("商品成本", "Cost of goods"),
    "xcol.shipping_cost": ("物流成本", "Shipping cost"),
    "xcol.late_compensation": ("延迟发货赔付", "Late-dispatch compensation"),
    "xcol.platform_fee": ("平台扣点", "Platform fees"),
    "xcol.service_cost": ("客服成本", "Service desk cost"),
    "xcol.ad_spend": ("广告花费(直通车+钻展)", "Ad spend (paid search + display)"),
    "xcol.affiliate_commission": ("淘宝客佣金", "Affiliate commission"),
    "xcol.campaign_cost": ("平台活动费用", "Platform-campaign cost"),
    "xcol.reminder_cost": ("催付成本", "Payment-reminder cost"),
    "xcol.marketing_cost": ("营销费用合计", "Marketing cost, total"),
    "xcol.profit": ("贡献利润", "Contribution profit"),
    "xcol.promotion_cost": ("促销成本", "Promotion cost"),
    "xcol.promotion_goods_cost": ("赠品与换购品成本", "Gifts and add-on goods cost"),
    "xcol.free_shipping_cost": ("包邮成本", "Free-shipping cost"),
    "xcol.voucher_cost": ("回购券抵扣", "Vouchers redeemed"),
    "xcol.pull_forward_repay": ("偿还透支订单", "Pulled-forward orders repaid"),
    "xcol.pull_forward_offset": (
        "透支已被参考价抵消的订单",
        "Pulled-forward orders offset by the reference price",
    ),
    "xcol.pull_forward_debt": ("待偿还的透支订单", "Pulled-forward orders still owed"),
    "xcol.orders_referred": ("被推荐新买家", "Referred new buyers"),
    "xcol.orders_members": ("会员订单", "Member orders"),
    "xcol.members": ("会员数", "Members"),
    "xcol.membership_fee_cash": ("会员费收款", "Membership fees received"),
    "xcol.membership_fee_revenue": ("会员费确认收入", "Membership fees recognised"),
    "xcol.membership_fee_deferred": ("预收会员费", "Membership fees deferred"),
    "xcol.member_price_cost": ("会员价让利", "Member-price discount"),
    "xcol.points_expense": ("积分费用", "Points expense"),
    "xcol.points_liability": ("积分负债", "Points liability"),
    "xcol.card_holders": ("包邮卡持卡人", "Shipping-card holders"),
    "xcol.card_sales": ("包邮卡售卡收款", "Shipping-card sales"),
    "xcol.card_revenue": ("包邮卡确认收入", "Card revenue recognised"),
    "xcol.card_free_orders": ("包邮卡免邮订单", "Orders shipped free on a card"),
    "xcol.card_deferred_revenue": ("包邮卡递延收入", "Card deferred revenue"),
    "xcol.stored_value_topups": ("储值充值", "Stored-value top-ups"),
    "xcol.stored_value_spent": ("储值消费", "Stored value spent"),
    "xcol.stored_value_breakage": ("储值沉淀收入", "Stored value never spent"),
    "xcol.stored_value_liability": ("储值余额", "Stored-value balance"),
    "xcol.stored_value_gift_cost": ("充值赠品成本", "Top-up gifts"),
    "xcol.referral_reward_cost": ("推荐奖励", "Referral rewards"),
    "xcol.outreach_cost": ("召回通知成本", "Outreach cost"),
    "xcol.loyalty_cost": ("会员方案成本", "Loyalty scheme costs"),
    "xcol.cash": ("现金流", "Cash"),
    "xcol.agents": ("在线客服", "Agents online"),
    "xcol.response_time_s": ("首次响应时间", "First response time"),
    "xcol.service_factor": (
        "响应速度对询单转化的系数",
        "Response time's factor on inquiry conversion",
    ),
    "xcol.inquiry_conversion_factor": ("询单路径转化系数", "Inquiry-path conversion factor"),
    "xcol.saturated_hours": ("客服满负荷时长", "Hours the desk was saturated"),
    "xcol.auto_reply_share": ("机器人自动回复占比", "Share answered by the auto-reply"),
    "xcol.dispatch_capacity": ("日发货能力", "Dispatch capacity"),
    "xcol.dispatched": ("发出订单", "Orders dispatched"),
    "xcol.backlog": ("待发货积压", "Orders waiting to ship"),
    "xcol.dispatch_delay_days": ("发货延迟", "Dispatch delay"),
    "xcol.late_rate": ("迟到或取消率", "Late or cancelled"),
    "xcol.orders_late": ("迟到订单", "Orders delivered late"),
    "xcol.orders_damaged": ("破损订单", "Orders damaged"),
    "xcol.orders_cancelled": ("超时取消的订单", "Orders cancelled past the deadline"),
    "xcol.ratings": ("当日评价数", "Ratings given"),
    "xcol.incident_description": ("描述问题概率", "Chance of a description problem"),
    "xcol.incident_service": ("服务问题概率", "Chance of a service problem"),
    "xcol.incident_logistics": ("物流问题概率", "Chance of a logistics problem"),
    "xcol.dsr_description": ("描述相符评分", "Item-as-described score"),
    "xcol.dsr_service": ("服务态度评分", "Seller-service score"),
    "xcol.dsr_logistics": ("物流服务评分", "Logistics score"),
    "xcol.dsr_mean": ("三项平均评分", "Mean of the three scores"),
    "xcol.dsr_description_vs_industry": ("描述相符相对同行", "Item as described vs industry"),
    "xcol.dsr_service_vs_industry": ("服务态度相对同行", "Seller service vs industry"),
    "xcol.dsr_logistics_vs_industry": ("物流服务相对同行", "Logistics vs industry"),
    "xcol.negative_share": ("描述相符1–2星占比", "Share of 1–2★ description ratings"),
    "xcol.dsr_conversion_factor": (
        "评分对新客转化的系数",
        "Scores' factor on new-buyer conversion",
    ),
    "xcol.campaign_gate": ("活动报名资格(1=可报名)", "Campaign entry open (1 = yes)"),
    # units after a column's name
    "unit.yuan": ("(元)", " (yuan)"),
    "unit.pct": ("(%)", " (%)"),
    "unit.seconds": ("(秒)", " (s)"),
    "unit.days": ("(天)", " (days)"),
    "unit.hours": ("(小时)", " (h)"),
    "unit.score": ("(分)", " (points)"),
    "unit.per_order": ("(件/单)", " (units/order)"),
    "files.export_csv_raw": (
        "原始列 CSV(供分析用)",
        "Raw columns CSV (for analysts)",
    ),
    "files.export_csv_raw_help": (
        "英文列名、未舍入的数值、比率为小数:给脚本和数据分析用。看数请用上面的“导出逐日结果(CSV)”。",
        "The model's own column names (lower case, words joined by underscores), unrounded values, rates as fractions: for scripts and "
        "analysis. To read the numbers, use “Export daily results (CSV)” above.",
    ),
    "report.promotion": ("{detail},{window}", "{detail}, {window}"),
    "report.campaign": ("{kind},{window}", "{kind}, {window}"),
    # sharing for a room
    "share.projector": ("投影用:打开时收起侧边栏", "For a projector: open with the sidebar hidden"),
    "share.projector_help": (
        "在链接里记下“隐藏侧边栏”:在投影或大屏上打开时只显示页面,侧边栏可随时用左上角的箭头展开。",
        "Adds sidebar=0 to the link: opened on a projector or a big screen it shows the page "
        "only; the arrow at the top left opens the sidebar when needed.",
    ),
    "share.copy": ("复制链接", "Copy link"),
    "share.copied": ("已复制", "Copied"),
    "share.qr_alt": ("这个链接的二维码", "QR code of this link"),
    "share.qr_caption": (
        "用手机扫码打开同一工作区",
        "Scan with a phone to open the same workspace",
    ),
    "share.qr_big": ("放大二维码", "Show the QR code large"),
    "share.qr_dialog": ("扫码打开这个工作区", "Scan to open this workspace"),
    # --- issue 16: undo/redo and "from your data" marks ---
    "undo.undo": ("撤销", "Undo"),
    "undo.redo": ("重做", "Redo"),
    "undo.undo_help": ("撤销:{what}({keys})", "Undo: {what} ({keys})"),
    "undo.redo_help": ("重做:{what}({keys})", "Redo: {what} ({keys})"),
    "undo.no_undo": ("没有可撤销的操作({keys})", "Nothing to undo ({keys})"),
    "undo.no_redo": ("没有可重做的操作({keys})", "Nothing to redo ({keys})"),
    "undo.undone": ("已撤销:{what}", "Undone: {what}"),
    "undo.redone": ("已重做:{what}", "Redone: {what}"),
    "undo.act.preset": ("载入预设 {preset}({scenario})", "load preset {preset} ({scenario})"),
    "undo.act.reset": ("把方案重置为基线", "reset the plan to the baseline"),
    "undo.act.replace": ("替换{scenario}", "replace {scenario}"),
    "undo.act.set": ("{param} 改为 {value}({scenario})", "set {param} to {value} ({scenario})"),
    "undo.act.edit": ("修改 {param}({scenario})", "change {param} ({scenario})"),
    "undo.act.list": ("修改{what}({scenario})", "change {what} ({scenario})"),
    "undo.list.promotions": ("促销", "the promotions"),
    "undo.a_setting": ("设置", "a setting"),
    "undo.a_change": ("上一步修改", "the last change"),
    "undo.act.on": ("开启{what}({scenario})", "switch on {what} ({scenario})"),
    "undo.act.off": ("关闭{what}({scenario})", "switch off {what} ({scenario})"),
    "undo.list.traffic.campaigns": ("平台活动", "the platform campaigns"),
    "undo.act.horizon": ("推演天数改为 {days} 天", "simulate {days} days"),
    "undo.act.calibrate": ("应用校准:{file}", "apply the calibration from {file}"),
    "undo.act.import": ("导入工作区 {file}", "import the workspace {file}"),
    "undo.act.link": ("打开分享链接", "open a share link"),
    "undo.act.promo_add": ("添加促销 {label}({scenario})", "add promotion {label} ({scenario})"),
    "undo.act.promo_delete": (
        "删除促销 {label}({scenario})",
        "delete promotion {label} ({scenario})",
    ),
    "undo.act.promo_clear": ("清除全部促销({scenario})", "clear all promotions ({scenario})"),
    "undo.act.save": ("保存方案 {name}", "save the scenario {name}"),
    "undo.act.delete": ("删除方案 {name}", "delete the scenario {name}"),
    "undo.act.rename": ("把 {old} 改名为 {name}", "rename {old} to {name}"),
    "undo.act.to_baseline": ("把 {name} 设为基线", "make {name} the baseline"),
    "undo.act.to_plan": ("把 {name} 设为方案来编辑", "edit {name} as the plan"),
    "undo.act.seed_002": (
        "客服半衰期 {h} 秒、关闭自动回复({scenario})",
        "half-life {h} s, auto-reply off ({scenario})",
    ),
    "undo.from_data": ("来自你的数据", "from your data"),
    "undo.mark": ("※", "※"),
    "undo.after_apply": (
        "侧栏的“撤销”(Ctrl+Z)可以整体撤回这次应用;改过的输入框标有“来自你的数据”。",
        "Undo in the sidebar (Ctrl+Z) takes the whole Apply back; the inputs it changed are "
        "marked “from your data”.",
    ),
    # --- issue 16: untranslated text (defect 8) ---
    "as.d.pr0": ("基线付款率(下单后付款的比例)", "Baseline payment rate (orders paid)"),
    "as.d.c_sil": (
        "静默下单转化率(不咨询直接下单)",
        "Silent conversion (orders without an inquiry)",
    ),
    "as.d.n_hist": ("开店以来每天的新买家数", "New buyers a day before the horizon"),
    "as.d.alpha": ("复购速度 α(天)", "Repeat speed α (days)"),
    "up.limit": ("可拖入文件;单个文件最大 {size}", "Drop a file here; at most {size} a file"),
    "cal.browse": ("选择文件", "Choose a file"),
    "as.search_ph": ("如:转化", "e.g. conversion"),
    # --- issue 17: hardening (lead: numbers, files, links) ---
    "err.long_number": ("一个 {n} 位的数", "a number of {n} digits"),
    "files.more_scenarios": ("……另有 {n} 个方案未逐一检查", "… and {n} more scenarios not checked"),
    "up.future_date": (
        "“{column}”列{rows}的日期晚于今天(笔误?),未计入。",
        "Column “{column}”, {rows}: dated after today (a typo?), left out.",
    ),
    "files.err.unreadable": (
        "这个文件无法读取,没有导入;当前方案保持不变。",
        "The file could not be read and was not imported; your scenarios are unchanged.",
    ),
    "files.more_problems": ("……另有 {n} 处问题未列出", "… and {n} more problems not listed"),
    # --- issue 17: spreadsheet bombs ---
    "up.xlsx_parts": (
        "这个 Excel 文件由 {n} 个部分组成,超过 {detail} 个的上限(Excel 不会这样写):没有读取。",
        "This Excel file is made of {n} parts, over the limit of {detail} (Excel never writes "
        "so many): it was not read.",
    ),
    "up.xlsx_ratio": (
        "这个 Excel 文件解压后是压缩大小的 {n} 倍,超过 {detail} 倍的上限(“压缩炸弹”的特征):"
        "没有读取。请在 Excel 中打开后另存为 .xlsx 或 CSV 再上传。",
        "This Excel file unpacks to {n} times its packed size, over the limit of {detail} times "
        "(the mark of a “zip bomb”): it was not read. Open it in Excel, save it again as .xlsx "
        "or CSV and upload that.",
    ),
    "up.xlsx_unpacked": (
        "这个 Excel 文件解压后大于 {detail},没有读取:请按时间拆成几个文件。",
        "This Excel file unpacks to more than {detail} and was not read: split it by period.",
    ),
    "up.xlsx_damaged": (
        "这个 Excel 文件已损坏({detail} 的实际内容与文件目录所记不符),无法读取。",
        "This Excel file is damaged (its part {detail} is not what its directory says) and "
        "cannot be read.",
    ),
    "up.xlsx_dtd": (
        "这个 Excel 文件含有 DTD 声明({detail}),Excel 文件不允许这样写:没有读取。",
        "This Excel file holds a DTD declaration ({detail}), which Excel files may not hold: it "
        "was not read.",
    ),
    "up.xlsx_rows": (
        "第一张工作表至少有 {n} 行,超过 Excel 的 {detail} 行上限(Excel 自己也打不开):没有读取。",
        "The first sheet has at least {n} rows, more than Excel's limit of {detail} (Excel "
        "itself cannot open it): it was not read.",
    ),
    "up.xlsx_columns": (
        "第一张工作表用到第 {n} 列,超过 Excel 的 {detail} 列上限:没有读取。",
        "The first sheet reaches column {n}, beyond Excel's limit of {detail} columns: it was "
        "not read.",
    ),
    "up.xlsx_cells": (
        "第一张工作表占 {n} 个单元格(末行 × 末列),超过 {detail} 个的上限:没有读取。请删去不需要的列,"
        "或按时间拆成几个文件。",
        "The first sheet spans {n} cells (last row × last column), over the limit of {detail}: "
        "it was not read. Delete the columns you do not need or split it by period.",
    ),
    "up.xlsx_text": (
        "这个 Excel 文件中有单元格的文字超过 Excel 的 {detail} 个字符上限:没有读取。",
        "A cell of this Excel file holds more text than Excel's limit of {detail} characters: it "
        "was not read.",
    ),
    "up.csv_field": (
        "文件中有一个字段超过 {detail} 个字符(Excel 单元格的上限),这不是导出的表格:没有读取。",
        "A field of this file is longer than {detail} characters (an Excel cell's limit), which "
        "no export holds: it was not read.",
    ),
    "up.csv_columns": (
        "文件有 {n} 列,超过 Excel 的 {detail} 列上限:没有读取。",
        "The file has {n} columns, beyond Excel's limit of {detail}: it was not read.",
    ),
    "up.worker_time": (
        "读取或拟合这个文件超过了 {detail} 秒的时限,已停止:请按时间拆成几个较小的文件。",
        "Reading or fitting this file took longer than {detail} s and was stopped: split it into "
        "smaller files by period.",
    ),
    "up.worker_memory": (
        "这个文件需要的内存超过服务器给单个文件的 {detail},已停止:请按时间拆成几个较小的文件。",
        "This file needs more memory than the {detail} the server gives one file, and was "
        "stopped: split it into smaller files by period.",
    ),
    "up.worker_crash": (
        "读取或拟合这个文件时出错,已停止;请另存为 CSV(UTF-8)后再上传。",
        "Reading or fitting this file failed and was stopped; save it as CSV (UTF-8) and upload "
        "that.",
    ),
    # --- issue 18: promotion kinds ---
    # between two 满减 tiers of a kind's summary (simulator.promotion_kinds.Phrase)
    "sum.sep": (",", "; "),
    # --- issue 18: typed errors ---
    # simulator.errors.ModelError: err.<code>, formatted with the error's params (ui/errors.py)
    "err.campaign_order": (
        "活动的结束日(第{end}天)不能早于开始日(第{start}天)。",
        "The campaign's last day (day {end}) cannot be before its first day (day {start}).",
    ),
    "err.promotion_order": (
        "「{kind}」的结束日(第{end}天)不能早于开始日(第{start}天)。",
        "The “{kind}” promotion's last day (day {end}) cannot be before its first day "
        "(day {start}).",
    ),
    "err.audience_kind": (
        "「{kind}」只能面向全部买家。",
        "“{kind}” can only be offered to all buyers.",
    ),
    "err.voucher_audience": (
        "购后抵价券发给新买家,适用人群只能是全部买家。",
        "Post-purchase vouchers go to new buyers: the audience must be all buyers.",
    ),
    "err.tiers_list": (
        "满减的档位须是一组 [门槛, 减多少]。",
        "Spend-and-save tiers must be a list of [threshold, amount off] pairs.",
    ),
    "err.tier_pair": (
        "满减第{tier}档须是两个数:[门槛, 减多少]。",
        "Spend-and-save tier {tier} must be two numbers: [threshold, amount off].",
    ),
    "err.tier_below": (
        "满减第{tier}档:减 {amount_off} 必须少于门槛 {threshold}。",
        "Spend-and-save tier {tier}: {amount_off} off must be less than its threshold {threshold}.",
    ),
    "err.tiers_empty": (
        "满减至少需要一档 [门槛, 减多少]。",
        "Spend-and-save needs at least one [threshold, amount off] tier.",
    ),
    "err.tiers_same_threshold": (
        "满减有两档的门槛都是 {threshold}:各档门槛须各不相同。",
        "Two spend-and-save tiers share the threshold {threshold}: each tier needs its own.",
    ),
    "err.tiers_rising": (
        "满减的门槛越高,优惠须越多:满 {high} 减 {high_off} 不比满 {low} 减 {low_off} 多。",
        "A higher spend-and-save threshold needs more off: {high_off} off at {high} is not more "
        "than {low_off} off at {low}.",
    ),
    "err.prize_sum": (
        "各奖品的中奖概率加起来是 {total},超过了 100%。",
        "The prizes' win probabilities add up to {total}, more than 100%.",
    ),
    "err.gg_mean": (
        "Gamma-Gamma 的复购平均客单价 p·v/(q−1) 是 {mean},须在 {lo} 到 {hi} 之间。请调整 p、q 或 v。",
        "The Gamma-Gamma mean repeat order value p·v/(q − 1) is {mean}; it must lie between "
        "{lo} and {hi}. Adjust p, q or v.",
    ),
    "err.hours": (
        "客服下班时间({end}点)必须晚于上班时间({start}点)。",
        "The service must close ({end}:00) after it opens ({start}:00).",
    ),
    "err.rt_max": (
        "排队饱和时的响应时间({rt_max})必须长于无损响应时间({rt_ref})。",
        "The response time when swamped ({rt_max}) must be longer than the response time "
        "without penalty ({rt_ref}).",
    ),
    "err.industry": (
        "行业最高分({top})必须高于行业平均分({mean})。",
        "The industry top score ({top}) must be above the industry mean ({mean}).",
    ),
    "err.date_time": (
        "开始日期只能是日期,不能带时间(收到 {value})。",
        "The start date must be a date without a time of day (got {value}).",
    ),
    "err.date_iso": (
        "开始日期须写成 年-月-日(YYYY-MM-DD)(收到 {value})。",
        "The start date must be written year-month-day, YYYY-MM-DD (got {value}).",
    ),
    "err.date_range": (
        "开始日期须在 {first} 到 {last} 之间(收到 {value})。",
        "The start date must lie between {first} and {last} (got {value}).",
    ),
    "err.funnel": (
        "询单率 × 询单转化率({rate} × {conversion} = {product})超过了由支付转化率和老客户占比推出的新客下单率 {limit};请降低询单数字或提高转化率。",
        "Inquiry rate × inquiry conversion ({rate} × {conversion} = {product}) exceeds the "
        "new-customer order rate {limit} implied by conversion and old-customer share; lower "
        "the inquiry figures or raise conversion.",
    ),
    "err.old_share_one": (
        "老客户占比({share})必须低于 100%。",
        "The old-customer share ({share}) must be below 100%.",
    ),
    "err.old_share": (
        "经营 {age}、客户平均寿命 {lifetime} 的店铺,按当前复购模型的形状(BG/NBD r、a、b),老客户占比最多接近 {top},达不到 {share};请降低老客户占比,或增加经营天数、客户平均寿命。",
        "A store {age} old whose customers stay {lifetime} on average reaches an old-customer "
        "share of at most {top} with the repeat model's shapes (BG/NBD r, a, b), not {share}: "
        "lower the share or raise the store age or the lifetime.",
    ),
    "err.weekday_list": (
        "星期分布须是 {n} 个数(周一到周日)。",
        "The weekday profile must be {n} numbers (Monday to Sunday).",
    ),
    "err.weekday_zero": (
        "星期分布至少要有一天大于 0。",
        "The weekday profile needs at least one day above 0.",
    ),
    "err.cal_end": (
        "校准期截止日 {end} 须在第一笔订单({first})和观察期末({last})之间。",
        "The end of the calibration period, {end}, must lie between the first order ({first}) "
        "and the end of the data ({last}).",
    ),
    "err.no_repeat": (
        "校准期内没有顾客回购,复购率无法估计:把截止日推后,或上传更长的订单记录。",
        "Nobody bought again in the calibration period, so the repeat rate cannot be estimated: "
        "move the end later or upload a longer history.",
    ),
    "err.too_few_days": (
        "至少需要 {n} 天有访客的数据。",
        "At least {n} days with visitors are needed.",
    ),
    "err.daily_wild": (
        "访客数的变化太剧烈,无法拟合趋势;请检查访客数一列。",
        "The visitors change too wildly to fit a trend; check the visitors column.",
    ),
    "err.paid_exceed": (
        "方案里的付费渠道和淘客每天带来 {paid} 位访客,多于数据里的 {total}:先调低付费渠道再应用。",
        "The scenario's paid channels and affiliates bring {paid} visitors a day, more than the "
        "{total} measured: lower them first.",
    ),
    # ui/share.Workspace's rules
    "err.one_baseline": (
        "方案文件里必须恰好有一个基线(这个文件有 {found} 个)。",
        "A workspace file needs exactly one baseline (this one has {found}).",
    ),
    "err.names_differ": ("方案文件里的方案名称不能重复。", "The scenarios' names must differ."),
    # a registry choice out of its options (ParamRangeError of a choice parameter)
    "err.choice": (
        "「{label}」须是以下之一:{choices}(收到 {value})。",
        "“{label}” must be one of: {choices} (got {value}).",
    ),
    # pydantic's own error types: the shape of a file or a link is wrong (ui/errors._SHAPE)
    "err.unknown_field": (
        "不认识的设置「{where}」:请在文件或链接里删除或改正它。",
        "Unknown setting “{where}”: remove or correct it in the file or link.",
    ),
    "err.unknown_kind": (
        "未知的促销类型「{value}」(可用:{kinds})。",
        "Unknown promotion kind “{value}” (known: {kinds}).",
    ),
    "err.no_kind": (
        "「{where}」没有写明促销类型(kind)。",
        "“{where}” does not say its promotion kind (kind).",
    ),
    "err.bad_value": (
        "「{where}」的值不对(收到 {value})。",
        "“{where}” has a value of the wrong kind (got {value}).",
    ),
}


def t(key: str, lang: str, **kw: object) -> str:
    """The text of ``key`` in ``lang`` (``zh``/``en``), formatted with ``kw``; unknown keys raise."""
    zh, en = CATALOGUE[key]
    text = zh if lang == "zh" else en
    return text.format(**kw) if kw else text


def lang_from_locale(locale: str | None) -> str:
    """``en`` for an English browser locale, else the default ``zh``."""
    if locale and locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LANG
