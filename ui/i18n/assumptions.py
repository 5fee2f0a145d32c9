"""The Assumptions page: the parameter table, calibration constants, presets, errata.

Prefixes: ``as.*``, ``errata.*``.
Used by pages/assumptions.py."""

from __future__ import annotations

PREFIXES = ("as", "errata")

KEYS: dict[str, tuple[str, str]] = {
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
    "as.d.pr0": ("基线付款率(下单后付款的比例)", "Baseline payment rate (orders paid)"),
    "as.d.c_sil": (
        "静默下单转化率(不咨询直接下单)",
        "Silent conversion (orders without an inquiry)",
    ),
    "as.d.n_hist": ("开店以来每天的新买家数", "New buyers a day before the horizon"),
    "as.d.alpha": ("复购速度 α(天)", "Repeat speed α (days)"),
    "as.search_ph": ("如:转化", "e.g. conversion"),
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
}
