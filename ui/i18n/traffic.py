"""The Traffic & funnel page: channels, the channel table's columns, platform campaigns.

Prefixes: ``tf.*``, ``ch.*``, ``col.*``, ``camp.*``.
Used by pages/traffic_funnel.py, ui/widgets.py."""

from __future__ import annotations

PREFIXES = ("tf", "ch", "col", "camp")

KEYS: dict[str, tuple[str, str]] = {
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
    "tf.rows_invalid": ("以下行未生效:", "These rows were not applied:"),
    "tf.row": ("第 {n} 行:{msg}", "Row {n}: {msg}"),
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
    "camp.juhuasuan": ("聚划算", "Juhuasuan"),
    "camp.tiantian_tejia": ("天天特价", "Tiantian Tejia (daily deals)"),
    "camp.other": ("其他活动", "Other campaign"),
}
