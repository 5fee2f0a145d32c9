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
    # issue 19: the uncertainty section (ui/uncertainty.py)
    "as.unc.title": ("不确定性:每个参数有多确定", "Uncertainty: how sure each parameter is"),
    "as.unc.intro": (
        "「{scenario}」每个参数的分布:中位数就是当前取值,P10–P90 是十次里八次会落在的范围。种子与后台数字窄,文献取文献的范围,假设宽;你自己的决定(预算、折扣、日期)、店铺自己的账目和平台规则不算不确定,保持固定。你更清楚的地方,可以在下面改。",
        "Each parameter's distribution in “{scenario}”: its median is the value in use, and "
        "P10–P90 is where it lands eight times in ten. Seed and dashboard numbers are narrow, "
        "literature values span the literature's range, assumptions are wide; your own "
        "decisions (budgets, discounts, dates), the shop's own books and the platform's rules "
        "are not uncertain and stay fixed. Where you know better, change it below.",
    ),
    "as.unc.only": ("只看不确定的参数", "Only the uncertain parameters"),
    "as.unc.col.param": ("参数", "Parameter"),
    "as.unc.col.unit": ("单位", "Unit"),
    "as.unc.col.dist": ("分布", "Distribution"),
    "as.unc.col.p10": ("P10", "P10"),
    "as.unc.col.p50": ("中位数", "Median"),
    "as.unc.col.p90": ("P90", "P90"),
    "as.unc.col.why": ("依据", "Why"),
    "as.unc.col.set": ("你设的", "Set by you"),
    "as.unc.fam.beta": ("Beta 分布,集中度 κ = {k}", "Beta, concentration κ = {k}"),
    "as.unc.fam.lognormal": ("对数正态,对数标准差 {s}", "log-normal, sd of ln {s}"),
    "as.unc.fam.normal": ("正态,标准差 {sd}", "normal, sd {sd}"),
    "as.unc.fam.triangular": ("三角分布 {a} – {c} – {b}", "triangular {a} – {c} – {b}"),
    "as.unc.fam.uniform": ("均匀分布 {a} – {b}", "uniform {a} – {b}"),
    "as.unc.fam.fixed": ("固定", "fixed"),
    "as.unc.basis.decision": (
        "固定:你的决定(方案的杠杆、日期或规则)",
        "fixed: your decision (a lever, date or rule of the plan)",
    ),
    "as.unc.basis.books": (
        "固定:店铺自己的数字或平台规则,你知道它",
        "fixed: the shop's own figure or a platform rule, which you know",
    ),
    "as.unc.basis.identity": ("固定:由其他参数算出", "fixed: computed from other parameters"),
    "as.unc.basis.shape": (
        "固定:只是形状,水平由访客数决定",
        "fixed: a shape only; its level is the visitors'",
    ),
    "as.unc.basis.question": (
        "固定:你要问的问题(看多久、怎么折现)",
        "fixed: part of your question (how far ahead, how to discount)",
    ),
    "as.unc.basis.inside": (
        "固定:已含在今天的复购率里",
        "fixed: already inside today's repeat rate",
    ),
    "as.unc.basis.choice": ("固定:一个选项", "fixed: a choice"),
    "as.unc.basis.count": ("固定:整数设置", "fixed: a whole-number setting"),
    "as.unc.basis.edge": ("固定:取值在范围边上", "fixed: the value sits on the edge of its range"),
    "as.unc.basis.SEED": ("种子数字:窄", "seed number: narrow"),
    "as.unc.basis.LIT": ("文献:文献的范围", "literature: its range"),
    "as.unc.basis.SECONDARY": ("二手资料:较宽", "secondary source: wider"),
    "as.unc.basis.DERIVED": ("派生:随它的来源", "derived: follows its source"),
    "as.unc.basis.ASSUMPTION": ("假设:宽", "assumption: wide"),
    "as.unc.basis.dashboard": (
        "店铺后台数字:只有日常波动,窄",
        "the shop's dashboard figure: day-to-day noise only, narrow",
    ),
    "as.unc.basis.named": (
        "按模型说明或文献范围指定",
        "set from the model notes or the literature's range",
    ),
    "as.unc.basis.user": ("你设的", "set by you"),
    "as.unc.basis.calibrated": (
        "从你的数据校准:估计值 ± 标准误",
        "calibrated from your data: estimate ± standard error",
    ),
    "as.unc.edit": ("改一个参数的范围", "Change a parameter's range"),
    "as.unc.pick": ("参数", "Parameter"),
    "as.unc.mode": ("设为", "Use"),
    "as.unc.mode.default": ("默认", "the default"),
    "as.unc.mode.fixed": ("固定(我知道这个数)", "fixed (I know this number)"),
    "as.unc.mode.range": ("我的 P10–P90", "my P10–P90"),
    "as.unc.p10": ("P10(十次里一次更低)", "P10 (lower one time in ten)"),
    "as.unc.p90": ("P90(十次里一次更高)", "P90 (higher one time in ten)"),
    "as.unc.apply": ("应用", "Apply"),
    "as.unc.reset": ("恢复默认", "Reset to default"),
    "as.unc.corr.title": ("一起抽取的参数", "Parameters drawn together"),
    "as.unc.corr.intro": (
        "这些参数来自同一次拟合(「校准」页),估计值相互关联:模拟时按相关系数 ρ 一起抽取"
        "(高斯 copula,各自的分布不变)。",
        "These parameters come from one fit (the Calibrate page) and their estimates move "
        "together: the simulation draws them jointly with correlation ρ (a Gaussian copula; "
        "each keeps its own distribution).",
    ),
    "as.unc.corr.a": ("参数一", "Parameter"),
    "as.unc.corr.b": ("参数二", "With"),
    "as.unc.corr.rho": ("相关系数 ρ", "Correlation ρ"),
    "as.unc.corr.clear": ("改为各自独立抽取", "Draw them independently"),
    "as.unc.corr.undo": (
        "「{scenario}」中参数的联合抽取",
        "the joint draws of parameters in “{scenario}”",
    ),
    "as.unc.undo": (
        "「{scenario}」中「{param}」的不确定范围",
        "the uncertainty of “{param}” in “{scenario}”",
    ),
}
