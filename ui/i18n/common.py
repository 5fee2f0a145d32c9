"""The app's frame: its title, page names, navigation, the sidebar (language, scenarios, presets),
the spinners of slow steps and the words every chart shares.

Prefixes: ``app.*``, ``page.*``, ``nav.*``, ``side.*``, ``busy.*``, ``chart.*``, ``preset.*``.
Used by app.py, ui/sidebar.py, ui/router.py, ui/layout.py, ui/charts.py."""

from __future__ import annotations

PREFIXES = ("app", "page", "nav", "side", "busy", "chart", "preset")

KEYS: dict[str, tuple[str, str]] = {
    "app.title": ("店铺推演", "Shop What-If"),
    "app.tagline": (
        "在花钱之前先推演:流量、转化、客单价、复购与利润",
        "Try a plan before you spend on it: traffic, conversion, order value, repurchase and profit",
    ),
    "page.overview": ("总览", "Overview"),
    "page.traffic": ("流量与漏斗", "Traffic & funnel"),
    "page.assumptions": ("假设与来源", "Assumptions"),
    "page.promotions": ("促销", "Promotions"),
    "page.compare": ("方案对比", "Compare"),
    "page.decide": ("决策", "Decide"),
    "page.dsr": ("评分与服务", "DSR & service"),
    "page.membership": ("会员与复购", "Membership & repurchase"),
    "page.calibrate": ("校准", "Calibrate"),
    "page.lessons": ("课堂", "Lessons"),
    "page.room": ("课堂房间", "Live room"),
    "nav.unknown_page": (
        "没有“/{path}”这个页面,已为你打开总览。",
        "There is no page “/{path}”: here is the Overview.",
    ),
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
    "chart.date": ("日期", "Date"),
    "chart.total_change": ("合计变化", "Total change"),
    "chart.levels": (
        "{start_label} {start} → {end_label} {end}：变化 {delta}{pct}",
        "{start_label} {start} → {end_label} {end}: change {delta}{pct}",
    ),
    "chart.pct": ("（{pct}）", " ({pct})"),
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
