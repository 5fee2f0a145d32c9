"""Ranges (issue 19): the sidebar's Monte Carlo controls, fan charts, KPI ranges, the chance the
plan beats the baseline, and the same in the exports.

Prefixes: ``band.*``.
Used by ui/sidebar.py, ui/state.py, ui/layout.py, ui/workspace.py and ui/exports.py."""

from __future__ import annotations

PREFIXES = ("band",)

KEYS: dict[str, tuple[str, str]] = {
    "band.toggle": ("区间", "Ranges"),
    "band.toggle_help": (
        "按参数的不确定性抽样多条路径推演,显示结果的可能范围(P10–P90)和方案跑赢基线的概率。关闭后只显示单一推演。",
        "Run many paths, each with the uncertain parameters drawn from their ranges, and show "
        "how far the results may spread (P10–P90) and the chance the plan beats the baseline. "
        "Off: the single run only.",
    ),
    "band.paths": ("路径数", "Paths"),
    "band.paths_help": (
        "抽样的路径越多,区间越稳,但越慢。默认 {n} 条:改动后重新推演不超过一秒。",
        "More paths give steadier ranges but take longer. The default, {n}, keeps a rerun "
        "that must recompute under a second.",
    ),
    "band.seed": ("随机种子", "Seed"),
    "band.seed_help": (
        "同一种子、同一路径数,抽样完全相同:分享链接会带上它,对方看到同样的区间。",
        "The same seed and path count draw exactly the same paths: a share link carries it, "
        "so whoever opens it sees the same ranges.",
    ),
    "band.progress": (
        "正在推演 {n} 个方案的 {paths} 条路径…",
        "Running {paths} paths for {n} scenario(s)…",
    ),
    "band.kpi_range": ("P10–P90:{lo} – {hi}", "P10–P90: {lo} – {hi}"),
    "band.beats": ("方案跑赢基线的概率 {pct}", "Chance the plan beats the baseline: {pct}"),
    "band.same_plan": (
        "方案就是基线:没有可比的差别",
        "The plan is the baseline: nothing to beat",
    ),
    "band.loss": ("亏损(利润 < 0)的概率 {pct}", "Chance of a loss (profit < 0): {pct}"),
    "band.note": (
        "区间:按参数的不确定性抽样 {paths} 条路径(种子 {seed}),方案与基线用同样的抽样;十条路径中有八条落在 P10–P90 之间。",
        "Ranges: {paths} paths of the uncertain parameters (seed {seed}), the plan and the "
        "baseline drawn alike; eight paths in ten fall between P10 and P90.",
    ),
    "band.redrawn": (
        "其中 {n} 条路径的首次抽样违反了场景规则,已重新抽样。",
        "{n} path(s) broke a rule of the scenario on their first draw and were drawn again.",
    ),
    "band.fan_caption": (
        "实线:单一推演;虚线:各路径的中位数;深色带 P25–P75,浅色带 P10–P90。",
        "Solid line: the single run; dashed: the paths' median; dark band P25–P75, pale band "
        "P10–P90.",
    ),
    "band.table": ("区间与概率", "Ranges and chances"),
    "band.col.scenario": ("方案", "Scenario"),
    "band.col.beats_profit": ("利润跑赢基线的概率", "Chance profit beats the baseline"),
    "band.col.beats_gmv": ("GMV 跑赢基线的概率", "Chance GMV beats the baseline"),
    "band.col.loss": ("亏损的概率", "Chance of a loss"),
    "band.span": ("{lo} – {hi}", "{lo} – {hi}"),
    "band.is_baseline": ("(即基线)", "(the baseline)"),
    "band.list_sep": ("、", ", "),
    "band.setting.ranges": ("区间开关", "the ranges switch"),
    "band.setting.paths": ("路径数", "the path count"),
    "band.setting.seed": ("随机种子", "the seed"),
    "band.err.settings": (
        "链接或文件里的区间设置({what})无法读取,已改用默认值(开启,{paths} 条路径,种子 {seed})。",
        "The link's or file's range settings ({what}) could not be read; the defaults are used "
        "(on, {paths} paths, seed {seed}).",
    ),
    "band.x.col": ("{label} {q}{unit}", "{label} {q}{unit}"),
    "band.x.paths": ("路径数", "Paths"),
    "band.x.seed": ("随机种子", "Seed"),
    "band.x.stated": (
        "区间按参数的不确定性抽样 {paths} 条路径(随机种子 {seed}),各方案与基线用同样的抽样;P10–P90 之间落有十条路径中的八条。跑赢基线的概率:方案比基线高的路径所占比例。",
        "Ranges from {paths} paths of the uncertain parameters (seed {seed}), every scenario "
        "and the baseline drawn alike; eight paths in ten fall between P10 and P90. The chance "
        "of beating the baseline: the share of paths on which the scenario comes out above it.",
    ),
}
