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
    # KPIs
    "kpi.gmv": ("成交金额 GMV", "GMV"),
    "kpi.orders_paid": ("支付订单数", "Paid orders"),
    "kpi.aov": ("客单价", "Order value (AOV)"),
    "kpi.conversion_rate": ("支付转化率", "Paid conversion"),
    "kpi.uv_value": ("流量价值(UV价值)", "UV value"),
    "kpi.profit": ("贡献利润", "Contribution profit"),
    "kpi.old_customer_share": ("老客户占比", "Old-customer share"),
    "kpi.uv": ("访客数 UV", "Visitors (UV)"),
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
    "ov.bridge": ("GMV 变化拆解:方案 vs 基线", "GMV bridge: plan vs baseline"),
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
    "ov.profit_lines": ("利润构成(方案,整段合计)", "Profit lines (plan, horizon totals)"),
    "ov.formulas": ("公式与口径", "Formulas and definitions"),
    "ov.formulas_body": (
        "- 销售额 = 流量 × 转化率 × 客单价 [种子 003]\n"
        "- 转化率 = 订单数 ÷ 访客数;流量价值 = 成交金额 ÷ 访客数 [种子 002]\n"
        "- 支付订单 = 新客订单 + 老客户(复购)订单;复购来自 BG/NBD 模型,按店铺年龄与老客户占比校准 [文献 Fader, Hardie & Lee 2005]\n"
        "- 贡献利润 = 净销售额 − 商品成本 − 快递 − 平台费 − 客服 − 营销费用(直通车、钻展、淘客佣金、活动费、催付)",
        "- Sales = traffic × conversion × order value [seed 003]\n"
        "- Conversion = orders ÷ visitors; UV value = GMV ÷ visitors [seed 002]\n"
        "- Paid orders = new-customer orders + old-customer (repeat) orders; repeats follow BG/NBD, "
        "calibrated to store age and old-customer share [LIT Fader, Hardie & Lee 2005]\n"
        "- Contribution profit = net sales − cost of goods − shipping − platform fees − service − "
        "marketing (paid search, display, affiliate commission, campaign fees, payment reminders)",
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
    # money lines
    "line.net_sales": ("净销售额", "Net sales"),
    "line.cogs": ("商品成本", "Cost of goods"),
    "line.shipping_cost": ("快递成本", "Shipping"),
    "line.platform_fee": ("平台及支付费", "Platform fees"),
    "line.service_cost": ("客服人力", "Customer service"),
    "line.marketing_cost": ("营销费用", "Marketing"),
    "line.profit": ("贡献利润", "Contribution profit"),
    "line.discount_cost": ("折扣让利", "Discounts given"),
    # channels
    "ch.paid_search": ("直通车", "Paid search (直通车)"),
    "ch.display": ("钻展", "Display (钻展)"),
    "ch.affiliate": ("淘宝客", "Affiliates (淘客)"),
    "ch.campaign": ("平台活动 {n}", "Platform campaign {n}"),
    "ch.reminders": ("催付", "Payment reminders (催付)"),
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
    "tf.sec.campaigns": ("平台活动(聚划算、天天特价)", "Platform campaigns (聚划算, 天天特价)"),
    "tf.sec.funnel": ("漏斗比率", "Funnel rates"),
    "tf.sec.payment": ("付款与催付", "Payment and reminders (催付)"),
    "tf.sec.price": ("价格(限时折扣)", "Price (limited-time discount)"),
    "tf.sec.store": ("店铺与成本", "Store and costs"),
    "tf.weekday": ("周一至周日流量系数", "Monday…Sunday traffic multipliers"),
    "tf.weekdays": ("一,二,三,四,五,六,日", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
    "tf.campaign_editor": (
        "每行一个活动窗口(第几天开始/结束,含首尾)。平台 UV × 本店分得比例 = 本店活动访客。",
        "One row per campaign window (first/last day, inclusive). Platform UV × store share = "
        "campaign visitors to this store.",
    ),
    "tf.discount_editor": (
        "每行一个限时折扣(折扣幅度 0.2 = 8折)。本期按首次折扣计算:销量 × (价格指数)^弹性;参考价、透支与叠加规则见后续版本。",
        "One row per limited-time discount (depth 0.2 = 20% off). Computed in the first-time form: "
        "quantity × (price index)^elasticity; reference prices, pull-forward and stacking come with "
        "the promotion engine.",
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
    "camp.juhuasuan": ("聚划算", "Juhuasuan (聚划算)"),
    "camp.tiantian_tejia": ("天天特价", "Tiantian Tejia (天天特价)"),
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
    "err.order": ("结束日不能早于开始日。", "The last day cannot be before the first day."),
    "err.funnel": (
        "询单率 × 询单转化率 超过了由支付转化率和老客户占比推出的新客下单率;请降低询单数字或提高转化率。",
        "Inquiry rate × inquiry conversion exceeds the new-customer order rate implied by "
        "conversion and old-customer share; lower the inquiry figures or raise conversion.",
    ),
    "err.old_share": (
        "按当前的店铺经营天数和复购模型形状(BG/NBD r、a、b),达不到这个老客户占比;请降低老客户占比或增加经营天数。",
        "This old-customer share cannot be reached with the store's age and the repeat model's "
        "shapes (BG/NBD r, a, b); lower the share or raise the store age.",
    ),
    "err.generic": ("输入无效:{msg}", "Invalid input: {msg}"),
    "err.unexpected": (
        "出了点问题,本页未能画完。你的方案没有丢失;请换个数值再试,或重置方案。",
        "Something went wrong drawing this page. Your scenarios are safe; try another value or "
        "reset the plan.",
    ),
    "err.not_applied": ("未应用:", "Not applied:"),
    # assumptions page
    "as.intro": (
        "每个参数的单位、取值、合法范围与出处。出处标签:种子(SEED,五份原始资料)、文献(LIT)、派生(DERIVED,由前两者计算)、假设(ASSUMPTION,无出处,需自行判断)。",
        "Every parameter with its unit, value, valid range and source. Provenance: SEED (the five "
        "source documents), LIT (published research), DERIVED (computed from those), ASSUMPTION "
        "(no source: judge for yourself).",
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
    "as.col.changed": ("已改", "Changed"),
    "as.presets": ("预设方案", "Presets"),
    "as.col.preset": ("预设", "Preset"),
    "as.col.description": ("说明", "Description"),
    "as.derived": ("派生值(由基线校准)", "Derived values (calibrated from the baseline)"),
    "as.count": ("共 {n} 个参数,其中 {a} 个为假设。", "{n} parameters, {a} of them assumptions."),
    "as.download": ("下载参数表 CSV", "Download the table as CSV"),
    "as.campaigns_promos": (
        "活动窗口与促销为列表项,其字段的范围同样来自参数表(campaign.*、promotion.*)。",
        "Campaign windows and promotions are list items; their fields' ranges come from the same "
        "registry (campaign.*, promotion.*).",
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
    "grp.finance": ("财务", "Finance"),
    "prov.SEED": ("种子", "SEED"),
    "prov.LIT": ("文献", "LIT"),
    "prov.DERIVED": ("派生", "DERIVED"),
    "prov.ASSUMPTION": ("假设", "ASSUMPTION"),
    "prov.SECONDARY": ("二手", "SECONDARY"),
    "preset.new_store": ("新店", "New store"),
    "preset.mid_store": ("中级店铺", "Mid-size store"),
    "preset.large_store": ("高级店铺", "Large store"),
    "preset.clothing_store_2011": ("服装店 2011(种子002)", "Clothing store 2011 (seed 002)"),
    "preset.tiantian_tejia_2012": ("天天特价 2012(种子003)", "Tiantian Tejia 2012 (seed 003)"),
    "preset.double12_campaign": (
        "年末大促 5折包邮(种子003)",
        "Year-end campaign, 50% off (seed 003)",
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
