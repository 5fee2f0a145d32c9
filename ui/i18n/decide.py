"""Decisions: break-even, goal-seek and the optimizer's levers, objectives and constraints.

Prefixes: ``dec.*`` (the Decide page), ``vd.*`` (the verdict card).
Used by ui/decide.py (drawn by pages/decide.py), ui/verdict.py and ui/errors.py (a constraint's
name)."""

from __future__ import annotations

PREFIXES = ("dec", "vd")

KEYS: dict[str, tuple[str, str]] = {
    "dec.intro": (
        "方案「{plan}」对比基线「{base}」:某个杠杆调到多少刚好保本(或达到目标),以及在你设定的限制内利润最高的方案。每个答案都是把方案重新推演得到的。",
        "The plan “{plan}” against the baseline “{base}”: where a lever breaks even (or reaches "
        "a target), and the best plan within the limits you set. Every answer comes from "
        "simulating the plan again.",
    ),
    # ------------------------------------------------------------------ break-even
    "dec.be.title": ("保本点与目标反推", "Break-even and goal-seek"),
    "dec.be.intro": (
        "选一个杠杆和一个指标:沿着杠杆的范围推演 {points} 次,找出指标穿过目标的那一点(有多处时取离当前值最近的一处)。",
        "Pick a lever and a measure: the plan is simulated at {points} values across the lever's "
        "range, and the point where the measure crosses the target is found (the one nearest "
        "the current value when there are several).",
    ),
    "dec.lever": ("杠杆", "Lever"),
    "dec.lever.group.other": ("其他参数(假设)", "Other parameters (assumptions)"),
    "dec.lever.promotion": ("促销 {n}({kind})· {field}", "Promotion {n} ({kind}) · {field}"),
    "dec.lever.tier": (
        "促销 {n}({kind})· 第 {tier} 档 · {field}",
        "Promotion {n} ({kind}) · tier {tier} · {field}",
    ),
    "dec.lever.tier.threshold": ("门槛", "threshold"),
    "dec.lever.tier.amount": ("减额", "amount off"),
    "dec.lever.campaign": ("活动 {n} · {field}", "Campaign {n} · {field}"),
    "dec.measure": ("指标", "Measure"),
    "dec.quantity": ("看什么", "Seek"),
    "dec.quantity.change": ("相对基线的变化", "the change against the baseline"),
    "dec.quantity.level": ("方案自身的数值", "the plan's own value"),
    "dec.target": ("目标值", "Target"),
    "dec.target.help": (
        "变化为 0 即保本;也可以填一个目标,例如 GMV 多出 ¥50,000,或服务分 4.8。",
        "A change of 0 is break-even; or set a goal, e.g. ¥50,000 more GMV, or a service score "
        "of 4.8.",
    ),
    "dec.lo": ("范围下限", "Range from"),
    "dec.hi": ("范围上限", "Range to"),
    "dec.be.run": ("求解", "Solve"),
    "dec.be.busy": ("正在沿杠杆范围推演…", "Simulating across the lever's range…"),
    "dec.be.answer": (
        "{lever}为 **{value}** 时,{measure}{what}达到 {target}(当前为 {current})。",
        "At {lever} = **{value}**, {measure} ({what}) reaches {target} (now {current}).",
    ),
    "dec.be.what.change": ("的变化", "change"),
    "dec.be.what.level": ("本身", "level"),
    "dec.be.jump": (
        "指标在这里是跳变的(门槛、整数人数等):重新推演得到 {reached},与目标不完全相等。取的是越过目标后的第一个取值。",
        "The measure jumps here (a threshold, a whole number of people…): simulated again it "
        "gives {reached}, not exactly the target. The value shown is the first one past the "
        "target.",
    ),
    "dec.be.more": (
        "在这个范围内还有 {n} 处穿过目标:{values}。",
        "Within this range it also crosses the target at {n} more values: {values}.",
    ),
    "dec.be.axis": ("{measure}", "{measure}"),
    "dec.be.axis.change": ("{measure}的变化", "Change in {measure}"),
    "dec.be.mark.answer": ("答案", "Answer"),
    "dec.be.mark.current": ("当前", "Current"),
    "dec.be.runs": ("推演了 {runs} 次。", "{runs} simulations."),
    # ------------------------------------------------------------------ optimizer
    "dec.opt.title": ("方案优化器", "Plan optimizer"),
    "dec.opt.intro": (
        "选 1 到 {max} 个杠杆和它们的范围、一个目标和若干限制:差分进化搜索(整数杠杆取整数),再做局部精修。同一个随机种子得到同一个答案。",
        "Pick 1 to {max} levers with their ranges, an objective and your limits: a "
        "differential-evolution search (whole numbers for whole-number levers), then a local "
        "polish. The same seed gives the same answer.",
    ),
    "dec.opt.levers": ("要调的杠杆", "Levers to tune"),
    "dec.opt.ranges": ("每个杠杆的搜索范围", "Each lever's search range"),
    "dec.opt.col.lever": ("杠杆", "Lever"),
    "dec.opt.col.lo": ("下限", "From"),
    "dec.opt.col.hi": ("上限", "To"),
    "dec.opt.col.current": ("当前", "Current"),
    "dec.opt.col.best": ("最优", "Best"),
    "dec.opt.objective": ("目标", "Objective"),
    "dec.opt.objective.profit": ("利润最高", "Highest profit"),
    "dec.opt.objective.gmv": ("GMV 最高(可加利润下限)", "Highest GMV (with a profit floor if set)"),
    "dec.opt.limits": ("限制", "Limits"),
    "dec.opt.seed": ("随机种子", "Seed"),
    "dec.opt.run": ("开始优化", "Optimize"),
    "dec.opt.stop": ("停止", "Stop"),
    "dec.opt.progress": ("优化中… {pct}", "Optimizing… {pct}"),
    "dec.opt.stopped": (
        "优化已停止,方案没有任何改动。",
        "The optimization was stopped; nothing changed.",
    ),
    "dec.opt.none": ("先选至少一个杠杆。", "Pick at least one lever first."),
    "dec.opt.best": ("最优方案的{objective}变化", "Best plan: change in {objective}"),
    "dec.opt.current": ("当前方案", "current plan"),
    "dec.opt.infeasible": (
        "在这些范围内没有方案能满足全部限制;显示的是最接近满足的方案。请放宽限制或范围。",
        "No plan within these ranges meets every limit; shown is the one that comes closest. "
        "Loosen a limit or widen a range.",
    ),
    "dec.opt.current_infeasible": (
        "当前方案本身不满足这些限制。",
        "The current plan itself does not meet these limits.",
    ),
    "dec.opt.gap": (
        "在不降低 GMV 的前提下,当前方案离最优前沿还差 {gap} 的利润。",
        "Without giving up GMV, the current plan is {gap} of profit short of the front.",
    ),
    "dec.opt.on_front": (
        "当前方案已经在前沿上:要多赚利润就得少要 GMV。",
        "The current plan is on the front already: more profit would cost GMV.",
    ),
    "dec.opt.runs": (
        "推演了 {runs} 个方案,其中 {feasible} 个满足限制。",
        "{runs} plans simulated, {feasible} of them within the limits.",
    ),
    "dec.opt.front": ("GMV 与利润的前沿", "The front of GMV against profit"),
    "dec.opt.front.caption": (
        "每个点是一个试过的方案(相对基线的变化);连线是前沿:在它上面,多一分 GMV 就少一分利润。",
        "Each point is a plan tried (its change against the baseline); the line is the front: "
        "along it, more GMV costs profit.",
    ),
    "dec.opt.series.tried": ("试过的方案", "Plans tried"),
    "dec.opt.series.front": ("前沿", "Front"),
    "dec.opt.series.best": ("最优", "Best"),
    "dec.opt.series.current": ("当前方案", "Current plan"),
    "dec.opt.axis.gmv": ("GMV 变化", "Change in GMV"),
    "dec.opt.axis.profit": ("利润变化", "Change in profit"),
    "dec.opt.save": ("另存为方案", "Save as a scenario"),
    "dec.opt.save_name": ("优化方案", "Optimized plan"),
    "dec.opt.saved": ("已另存为「{name}」。", "Saved as “{name}”."),
    "dec.be.save_name": ("保本方案", "Break-even plan"),
    "dec.be.save": ("把这个取值另存为方案", "Save this value as a scenario"),
    # ------------------------------------------------------------------ measures, constraints
    "dec.m.dsr_service_min": ("服务分最低", "Lowest service score"),
    "dec.m.dsr_description_min": ("描述分最低", "Lowest description score"),
    "dec.c.dsr_min": ("各项店铺动态评分的最低分不低于", "each DSR score's lowest day at least"),
    "dec.c.spend_max": ("总投入(推广+优惠)不超过", "total spend (marketing + promotions) at most"),
    "dec.c.profit_min": ("方案利润不低于", "the plan's profit at least"),
    "dec.c.backlog_max": ("仓库积压最多(单)", "the warehouse backlog at most (orders)"),
    "dec.c.loss_chance_max": ("亏损概率不超过", "the chance of a loss at most"),
    # ------------------------------------------------------------------ the verdict card
    "vd.title": ("结论", "Verdict"),
    "vd.call.pays": ("值得做:利润 {profit}。", "Worth doing: profit {profit}."),
    "vd.call.unsure": (
        "可能赚钱,但把握不大:利润 {profit}。",
        "Likely to pay, but not sure: profit {profit}.",
    ),
    "vd.call.loses": ("不划算:利润 {profit}。", "Not worth it: profit {profit}."),
    "vd.call.same": (
        "和基线几乎一样:利润 {profit}。",
        "Much the same as the baseline: profit {profit}.",
    ),
    "vd.figures": (
        "利润变化 {profit}{profit_range};GMV 变化 {gmv}{gmv_range}。",
        "Profit change {profit}{profit_range}; GMV change {gmv}{gmv_range}.",
    ),
    "vd.range": ("(P10–P90:{lo} 到 {hi})", " (P10–P90: {lo} to {hi})"),
    "vd.chances": (
        "跑赢基线的概率:利润 {profit},GMV {gmv}({paths} 条路径)。",
        "Chance the plan beats the baseline: profit {profit}, GMV {gmv} ({paths} paths).",
    ),
    "vd.drivers": ("主要因为:{lines}。", "Mostly because of: {lines}."),
    "vd.risks": ("风险", "Risks"),
    "vd.dim.description": ("描述相符", "Item as described"),
    "vd.dim.service": ("服务态度", "Service"),
    "vd.dim.logistics": ("物流服务", "Logistics"),
    "vd.risk.dsr_below_industry": (
        "{dim}评分最低会降到 {score},低于行业均值 {industry}。",
        "The {dim} score falls as low as {score}, below the industry mean {industry}.",
    ),
    "vd.risk.campaign_gate": (
        "评分跌破活动门槛 {gate},活动流量会被关掉。",
        "The scores fall below the campaign gate {gate}: the campaign's traffic is shut off.",
    ),
    "vd.risk.backlog": (
        "仓库发不完:最多积压 {orders} 单,会有迟发和取消。",
        "The warehouse falls behind: up to {orders} orders wait, some late or cancelled.",
    ),
    "vd.risk.loss_tail": (
        "最差的 10% 情形下方案本身亏损(P10 利润 {p10},亏损概率 {chance})。",
        "In the worst 10% of cases the plan loses money (P10 profit {p10}, chance of a loss "
        "{chance}).",
    ),
    "vd.risk.worse_tail": (
        "虽然多数情形更好,但最差的 10% 情形下利润比基线少(P10 变化 {p10})。",
        "It does better in most cases, but in the worst 10% it makes less profit than the "
        "baseline (P10 change {p10}).",
    ),
}
