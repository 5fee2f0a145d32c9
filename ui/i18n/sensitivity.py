"""The Assumptions page's sensitivity section: the tornado, the Sobol analysis and their reading.

Prefixes: ``sens.*``.
Used by ui/sensitivity.py (drawn by pages/assumptions.py)."""

from __future__ import annotations

PREFIXES = ("sens",)

KEYS: dict[str, tuple[str, str]] = {
    "sens.title": ("哪个假设最要紧", "Which assumption matters most"),
    "sens.intro": (
        "把每个有不确定性的参数单独放到它的 P10 和 P90(其余参数保持当前值),看所选指标变化多少:条形越长,这个假设越值得先核实。对比的是当前方案「{plan}」和基线「{base}」;两者相同时看指标本身。",
        "Each uncertain parameter on its own at its P10 and at its P90 (every other one at its "
        "value): how far the chosen measure moves. The longer the bar, the more that assumption "
        "is worth checking first. The plan “{plan}” against the baseline “{base}”; when they are "
        "the same, the measure itself.",
    ),
    "sens.show": (
        "分析哪个假设最要紧(每个参数推演两次,首次需要几秒)",
        "Analyse which assumption matters most (two runs per parameter; the first time takes a "
        "few seconds)",
    ),
    "sens.measure": ("指标", "Measure"),
    "sens.busy": (
        "正在把每个假设放到 P10 和 P90 逐一推演…",
        "Running each assumption at its P10 and its P90…",
    ),
    "sens.axis.change": ("{measure}:方案相对基线的变化", "{measure}: the plan's change"),
    "sens.axis.level": ("{measure}:方案本身的数值", "{measure}: the plan's own level"),
    "sens.end.low": ("取 P10 时", "At its P10"),
    "sens.end.high": ("取 P90 时", "At its P90"),
    "sens.end": ("参数取值", "Parameter at"),
    "sens.central": (
        "竖线:所有参数取当前值时为 {value}。",
        "The vertical line: every parameter at its value, {value}.",
    ),
    "sens.col.param": ("参数", "Parameter"),
    "sens.col.low": ("取 P10 时", "At its P10"),
    "sens.col.high": ("取 P90 时", "At its P90"),
    "sens.col.swing": ("摆幅", "Swing"),
    "sens.all": ("全部 {n} 个有不确定性的参数", "All {n} uncertain parameters"),
    "sens.shown": (
        "图中是摆幅最大的 {k} 个参数。",
        "The chart shows the {k} with the widest swing.",
    ),
    "sens.clipped": (
        "{params}:P10 或 P90 会违反方案的约束(例如询单路径成交超过全部新客订单),条形只画到约束允许的位置。",
        "{params}: the P10 or P90 breaks one of the scenario's rules (such as the inquiry path "
        "converting more than all new orders); the bar stops where the rule allows.",
    ),
    "sens.read.one": (
        "答案主要取决于{a}({share});先测量它——{where}。",
        "The answer depends mostly on {a} ({share}); measure it first — {where}.",
    ),
    "sens.read.two": (
        "答案主要取决于{a}和{b}({share});先测量它们——{where}。",
        "The answer depends mostly on {a} and {b} ({share}); measure them first — {where}.",
    ),
    "sens.read.none": (
        "在各假设的 P10–P90 范围内,{measure}几乎不变:结论不依赖这些假设。",
        "Within every assumption's P10–P90, {measure} hardly moves: the answer does not hang on "
        "them.",
    ),
    "sens.read.share_tornado": ("约占摆幅平方和的 {share}", "about {share} of the squared swings"),
    "sens.read.share_sobol": ("总效应指数合计约 {share}", "total indices adding to about {share}"),
    "sens.where.calibrate": ("见「校准」页", "see Calibrate"),
    "sens.where.assumptions": (
        "在本页上方的不确定性表格里核对或改它的范围",
        "check or set its range in the uncertainty table above",
    ),
    "sens.where.pair": ("{a}{where_a},{b}{where_b}", "{a}: {where_a}; {b}: {where_b}"),
    "sens.sobol.title": ("Sobol 敏感度指数", "Sobol sensitivity indices"),
    "sens.sobol.intro": (
        "让摆幅最大的 {k} 个参数同时按各自的分布随机变化:一阶指数是某个参数单独解释的方差份额,总效应指数还包括它与其他参数的交互。总效应接近 0 的参数可以放心不管。",
        "The {k} parameters with the widest swing vary together, each over its own "
        "distribution: the first-order index is the share of the variance a parameter explains "
        "alone, the total index adds its interactions with the others. A parameter whose total "
        "index is near 0 can be left alone.",
    ),
    "sens.sobol.n": ("每组样本数(2 的幂)", "Sample size per matrix (a power of two)"),
    "sens.sobol.cost": (
        "共需推演约 {runs} 次;样本越多越准,也越慢。",
        "About {runs} runs in all; more samples are more precise and slower.",
    ),
    "sens.sobol.run": ("运行 Sobol 分析", "Run the Sobol analysis"),
    "sens.sobol.progress": ("Sobol 分析进行中… {pct}", "Sobol analysis running… {pct}"),
    "sens.sobol.col.param": ("参数", "Parameter"),
    "sens.sobol.col.first": ("一阶指数", "First-order index"),
    "sens.sobol.col.total": ("总效应指数", "Total index"),
    "sens.sobol.col.first_ci": ("一阶 90% 区间", "First-order 90% interval"),
    "sens.sobol.col.total_ci": ("总效应 90% 区间", "Total 90% interval"),
    "sens.sobol.index": ("指数", "Index"),
    "sens.sobol.done": (
        "样本数 {n},共推演 {runs} 次。区间来自自助法(bootstrap);样本少时指数可能略小于 0 或区间很宽。",
        "Sample size {n}, {runs} runs in all. The intervals are bootstrapped; with few samples "
        "an index may dip below 0 or its interval be wide.",
    ),
    "sens.sobol.redrawn": (
        "其中 {n} 次抽样违反方案的约束,已按约束重新抽样。",
        "{n} of the draws broke a scenario rule and were drawn again within the rules.",
    ),
}
