"""The Compare page: the scenario list, roles, KPI table and change charts.

Prefixes: ``cmp.*``.
Used by pages/compare.py, ui/state.py."""

from __future__ import annotations

PREFIXES = ("cmp",)

KEYS: dict[str, tuple[str, str]] = {
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
}
