"""Lessons for trainers (issue 21): the seed cases as short predict-then-reveal steps, as data.

A :class:`Lesson` is a few :class:`Step` s and a closing :class:`Exercise`. Every step names the
scenario it loads (a preset and parameter changes through ``simulator.set_param``: built through
the model, never a typed result), the one measure that answers its question, the choices the
student predicts among (intervals of that measure; the right one is found by simulating, see
:func:`outcome`), the daily column its chart draws, its takeaway, formula card, source and the
trainer's notes. An exercise has a target checked on the student's own plan by
:func:`check` (a pure function of ``Result.totals``), hints and a reference answer (parameter
changes) that :func:`reference_plan` applies.

Texts are ``(zh, en)`` pairs: lesson content is data, like the presets' descriptions; the
page's own words are in the catalogue (``ui/i18n/lessons.py``, prefix ``ls``).

Pure Python (no streamlit). ``python -m ui.lessons list`` prints ``<id> <number of steps>`` per
lesson (CONTRACT.md).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from simulator import Result, Scenario, load_preset, set_param, simulate
from simulator.registry import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004
from simulator.sources import SEED_TITLES

Text = tuple[str, str]  # (zh, en)
Basis = Literal["relative", "change", "level"]
INF = math.inf

#: The kind of number each measure is (``ui.fmt.KINDS``): how the page formats it.
MEASURE_KINDS: Mapping[str, str] = {
    "gmv": "money",
    "profit": "money",
    "cash": "money",
    "stored_value_liability_end": "money",
    "uv_value": "price",
    "aov": "price",
    "response_time_s": "seconds",
    "orders_paid": "count",
    "orders_repeat": "count",
    "uv": "count",
    "pay_rate": "pct",
    "conversion_rate": "pct",
    "old_customer_share": "pct",
    "dsr_logistics_min": "stars",
    "dsr_logistics_end": "stars",
}
#: The daily columns the lessons' charts draw, with their d3 axis format.
CHART_FORMATS: Mapping[str, str] = {
    "gmv": ",.0f",
    "uv_value": ",.2f",
    "response_time_s": ",.1f",
    "orders_paid": ",.0f",
    "profit": ",.0f",
    "aov": ",.2f",
    "dsr_logistics": ",.2f",
    "cash": ",.0f",
    "stored_value_liability": ",.0f",
    "orders_repeat": ",.1f",
    "old_customer_share": ".1%",
    "backlog": ",.0f",
    "pay_rate": ".1%",
}


def _source(*parts: str | Text) -> Text:
    """A source line: seeds by their titles (``simulator.sources``), literature as written."""
    texts = [SEED_TITLES[p] if isinstance(p, str) else p for p in parts]
    return "；".join(z for z, _ in texts), "; ".join(e for _, e in texts)


@dataclass(frozen=True)
class Setup:
    """A scenario built through the model: ``preset`` then ``changes`` (``set_param`` paths)."""

    preset: str
    changes: tuple[tuple[str, Any], ...] = ()

    def build(self) -> Scenario:
        sc = load_preset(self.preset)
        for path, value in self.changes:
            sc = set_param(sc, path, value)
        return sc


@dataclass(frozen=True)
class Choice:
    """One answer to predict: the measure (on the step's basis) lies in ``[lo, hi)``."""

    text: Text
    lo: float
    hi: float


@dataclass(frozen=True)
class Step:
    """One idea: the question, the prediction, the scenario, the answer, the formula."""

    question: Text
    prompt: Text
    measure: str  # a Result.totals key (MEASURE_KINDS)
    basis: Basis  # the choices are on plan ÷ base − 1, plan − base, or the plan's value
    choices: tuple[Choice, ...]
    baseline: Setup
    plan: Setup
    chart: str  # a Result.daily column (CHART_FORMATS)
    takeaway: Text
    formula: Text
    source: Text
    notes: Text  # for the trainer; hidden in presenter mode

    def __post_init__(self) -> None:
        """The choices cover every value once: contiguous intervals from −∞ to +∞."""
        if self.measure not in MEASURE_KINDS or self.chart not in CHART_FORMATS:
            raise ValueError(f"unknown measure or chart: {self.measure}, {self.chart}")
        ends = [(c.lo, c.hi) for c in self.choices]
        if ends[0][0] != -INF or ends[-1][1] != INF:
            raise ValueError("choices must start at -inf and end at +inf")
        if any(a[1] != b[0] or a[0] >= a[1] for a, b in zip(ends, ends[1:], strict=False)):
            raise ValueError("choices must be contiguous and increasing")


@dataclass(frozen=True)
class Condition:
    """A target on the student's plan against the baseline: ``measure``'s ``basis`` value
    (``relative``: plan ÷ base − 1; ``change``: plan − base; ``level``: the plan's own) is at
    least ``value`` (``at_least``) or at most it."""

    measure: str
    basis: Basis
    value: float
    at_least: bool = True

    def met(self, base: Mapping[str, float], plan: Mapping[str, float]) -> bool:
        return met(self.measure, self.basis, self.value, self.at_least, base, plan)


@dataclass(frozen=True)
class Exercise:
    """Your turn: from ``start`` (the plan) against ``baseline``, reach every condition."""

    task: Text
    hints: tuple[Text, ...]
    baseline: Setup
    start: Setup
    conditions: tuple[Condition, ...]
    answer: tuple[tuple[str, Any], ...]  # the reference: changes applied to ``start``
    answer_text: Text


@dataclass(frozen=True)
class Lesson:
    id: str
    title: Text
    summary: Text
    steps: tuple[Step, ...]
    exercise: Exercise = field(repr=False)

    @property
    def length(self) -> int:
        """Positions a link can open: every step, then the exercise (the last)."""
        return len(self.steps) + 1


# --------------------------------------------------------------------------- pure arithmetic
def value_on(
    measure: str, basis: Basis, base: Mapping[str, float], plan: Mapping[str, float]
) -> float:
    """The measure on ``basis``: plan ÷ base − 1, plan − base or the plan's value."""
    b, p = float(base[measure]), float(plan[measure])
    if basis == "relative":
        return p / b - 1.0 if b else (0.0 if p == 0 else math.copysign(INF, p))
    return p - b if basis == "change" else p


def met(measure: str, basis: Basis, value: float, at_least: bool,
        base: Mapping[str, float], plan: Mapping[str, float]) -> bool:  # fmt: skip
    v = value_on(measure, basis, base, plan)
    return v >= value if at_least else v <= value


def check(exercise: Exercise, base: Mapping[str, float], plan: Mapping[str, float]) -> list[bool]:
    """Each condition of ``exercise`` met or not by the plan's totals against the baseline's."""
    return [c.met(base, plan) for c in exercise.conditions]


def passes(exercise: Exercise, base: Mapping[str, float], plan: Mapping[str, float]) -> bool:
    return all(check(exercise, base, plan))


def correct_choice(step: Step, base: Mapping[str, float], plan: Mapping[str, float]) -> int:
    """The index of the choice the simulation lands in."""
    v = value_on(step.measure, step.basis, base, plan)
    return next(i for i, c in enumerate(step.choices) if c.lo <= v < c.hi)


@dataclass(frozen=True)
class Outcome:
    """A step's scenario simulated: both results, the measure on its basis, the right choice."""

    base: Result
    plan: Result
    value: float
    correct: int


def run(baseline: Scenario, plan: Scenario) -> tuple[Result, Result]:
    """Baseline and plan simulated as the app does (the plan calibrated on the baseline)."""
    return simulate(baseline, reference=baseline), simulate(plan, reference=baseline)


def outcome(step: Step, base: Result | None = None, plan: Result | None = None) -> Outcome:
    """What the step's scenario gives (``base``/``plan``: its results, if already simulated)."""
    if base is None or plan is None:
        base, plan = run(step.baseline.build(), step.plan.build())
    return Outcome(
        base=base,
        plan=plan,
        value=value_on(step.measure, step.basis, base.totals, plan.totals),
        correct=correct_choice(step, base.totals, plan.totals),
    )


def reference_plan(exercise: Exercise) -> Scenario:
    """The exercise's starting plan with the reference answer's changes."""
    sc = exercise.start.build()
    for path, value in exercise.answer:
        sc = set_param(sc, path, value)
    return sc


# --------------------------------------------------------------------------- the choices
def _updown(small: float, zh_unit: str = "", en_unit: str = "") -> tuple[Choice, ...]:
    """Falls / about the same (within ``small``) / rises."""
    return (
        Choice(("下降", "falls"), -INF, -small),
        Choice(("基本不变", "about the same"), -small, small),
        Choice(("上升", "rises"), small, INF),
    )


def _bands(edges: Sequence[float], texts: Sequence[Text]) -> tuple[Choice, ...]:
    """Choices between ``edges`` (−∞ and +∞ added at the ends)."""
    cuts = (-INF, *edges, INF)
    return tuple(Choice(t, lo, hi) for t, lo, hi in zip(texts, cuts, cuts[1:], strict=False))


MID, NEW, LARGE = "mid_store", "new_store", "large_store"
H30 = (("horizon_days", 30),)


def _threshold_promos(threshold: float, off: float) -> list[dict[str, Any]]:
    """One 满减 (spend ``threshold``, ``off`` yuan off) over the whole 30-day horizon."""
    return [{"kind": "threshold_discount", "start_day": 0, "end_day": 29,
             "tiers": [[threshold, off]]}]  # fmt: skip


def _monthly_threshold(threshold: float, off: float) -> tuple[tuple[str, Any], ...]:
    return (*H30, ("promotions", _threshold_promos(threshold, off)))


BAD_COHORT = (("repeat.bad_experience_share", 0.3), ("repeat.bad_experience_factor", 0.5))

# --------------------------------------------------------------------------- the lessons
LESSONS: tuple[Lesson, ...] = (
    Lesson(
        id="sales-formula",
        title=("销售额公式与UV价值", "The sales formula and UV value"),
        summary=(
            "销售额 = 流量 × 转化率 × 客单价:三个杠杆,哪个最值钱?",
            "Sales = visitors × conversion × order value: three levers, which one pays?",
        ),
        steps=(
            Step(
                question=(
                    "中级店铺每天4,000访客。自然流量增加10%,180天的成交金额会增加多少?",
                    "A mid-size store has 4,000 visitors a day. If organic visitors rise 10%, "
                    "how much does 180-day GMV rise?",
                ),
                prompt=("先猜:成交金额的变化", "Predict the change in GMV"),
                measure="gmv",
                basis="relative",
                choices=_bands(
                    (0.095, 0.105),
                    (
                        ("不到10%", "less than 10%"),
                        ("正好约10%", "about 10%"),
                        ("超过10%", "more than 10%"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, (("traffic.organic_uv", 4400.0),)),
                chart="gmv",
                takeaway=(
                    "新增的访客不全是老客户的回访:老客户的复购不随流量同比增长,所以成交金额的涨幅小于流量的涨幅。",
                    "New visitors do not bring returning buyers with them: repeat orders do not "
                    "grow with traffic, so GMV rises less than the visitors do.",
                ),
                formula=(
                    "销售额 = 流量 × 转化率 × 客单价;UV价值 = 销售额 ÷ 访客数",
                    "GMV = visitors × conversion rate × order value; UV value = GMV ÷ visitors",
                ),
                source=_source(SEED_003),
                notes=(
                    "请学员先写下猜测再揭晓。多数人会猜10%:追问为什么转化率略有下降(新访客的转化率低于老客户回访)。",
                    "Have everyone write a guess first. Most say 10%: ask why conversion dips "
                    "slightly (new visitors convert less than returning buyers).",
                ),
            ),
            Step(
                question=(
                    "客单价提高10%(转化率不变),UV价值会怎样?",
                    "Order value up 10% with conversion unchanged: what happens to UV value?",
                ),
                prompt=("先猜:UV价值的变化", "Predict the change in UV value"),
                measure="uv_value",
                basis="relative",
                choices=_bands(
                    (0.05, 0.095),
                    (
                        ("不到5%", "less than 5%"),
                        ("5%到9.5%", "5% to 9.5%"),
                        ("约10%或更多", "about 10% or more"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, (("store.aov", 127.05),)),
                chart="uv_value",
                takeaway=(
                    "UV价值 = 转化率 × 客单价:访客数不变时,客单价的涨幅原样传到UV价值和成交金额。",
                    "UV value = conversion × order value: with visitors unchanged, a rise in "
                    "order value passes straight to UV value and to GMV.",
                ),
                formula=(
                    "UV价值 = 转化率 × 客单价",
                    "UV value = conversion rate × order value",
                ),
                source=_source(SEED_003, SEED_002),
                notes=(
                    "对比种子002的服装店:UV价值1.09元,客单价103元,反推转化率约1.06%。",
                    "Compare seed 002's clothing store: UV value 1.09 yuan at an order value of "
                    "103 yuan implies conversion of about 1.06%.",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "不花推广费,把UV价值提高至少10%。",
                "Raise UV value by at least 10% without spending on ads.",
            ),
            hints=(
                ("UV价值 = 转化率 × 客单价。", "UV value = conversion × order value."),
                (
                    "在流量与漏斗页调整支付转化率。",
                    "Try the paid conversion rate on Traffic & funnel.",
                ),
            ),
            baseline=Setup(MID),
            start=Setup(MID),
            conditions=(Condition("uv_value", "relative", 0.10),),
            answer=(("funnel.conversion_rate", 0.027),),
            answer_text=("支付转化率从2.4%提高到2.7%。", "Paid conversion from 2.4% to 2.7%."),
        ),
    ),
    Lesson(
        id="inquiry",
        title=("询单转化与响应时间", "Inquiries and response time"),
        summary=(
            "种子002:12秒回复的客服与244秒回复的客服,成交差十倍。",
            "Seed 002: an agent who answers in 12 s sells ten times as much as one who takes 244 s.",
        ),
        steps=(
            Step(
                question=(
                    "中级店铺有4名客服。只留1名,平均首次响应时间会变成多少?",
                    "A mid-size store has 4 agents. With only 1 left, what becomes of the mean "
                    "first response time?",
                ),
                prompt=("先猜:平均首次响应时间", "Predict the mean first response"),
                measure="response_time_s",
                basis="level",
                choices=_bands(
                    (10.0, 60.0),
                    (
                        ("10秒以内", "under 10 s"),
                        ("10到60秒", "10 to 60 s"),
                        ("超过60秒", "over 60 s"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, (("service.agents", 1),)),
                chart="response_time_s",
                takeaway=(
                    "排队按小时计算:忙时一名客服接不过来,平均响应时间成倍上升。",
                    "The queue runs hour by hour: at busy hours one agent cannot keep up and the "
                    "mean response time multiplies.",
                ),
                formula=(
                    "询单转化 = 基准询单转化 × 响应系数(响应时间);排队:Erlang C",
                    "inquiry conversion = base inquiry conversion × response factor(response "
                    "time); queue: Erlang C",
                ),
                source=_source(SEED_002, SEED_001),
                notes=(
                    "种子002:12秒与244秒的两位客服,询单转化相差约10.5倍。评分与服务页可复现。",
                    "Seed 002: agents answering in 12 s and 244 s differ about 10.5× in inquiry "
                    "conversion; the DSR & service page reproduces it.",
                ),
            ),
            Step(
                question=(
                    "同样只留1名客服:支付订单会怎样?",
                    "Same desk of 1 agent: what happens to paid orders?",
                ),
                prompt=("先猜:支付订单的变化", "Predict the change in paid orders"),
                measure="orders_paid",
                basis="relative",
                choices=_bands(
                    (-0.02, 0.0),
                    (
                        ("减少2%以上", "down more than 2%"),
                        ("减少不到2%", "down less than 2%"),
                        ("不减少", "not down"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, (("service.agents", 1),)),
                chart="orders_paid",
                takeaway=(
                    "慢回复丢掉的是询单买家:他们本是最接近下单的人。省下的工资要和丢掉的订单一起算。",
                    "Slow answers lose the buyers who asked: the ones closest to buying. Weigh "
                    "the wages saved against the orders lost.",
                ),
                formula=(
                    "询单订单 = 询单数 × 询单转化",
                    "inquiry orders = inquiries × inquiry conversion",
                ),
                source=_source(SEED_002),
                notes=(
                    "让学员在总览页看利润:工资省下的钱可能超过少卖的利润,讨论这是否值得(评分、口碑)。",
                    "Let the class look at profit on the Overview: the wages saved may exceed the "
                    "profit lost; discuss whether it is worth it (ratings, word of mouth).",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "这家店只有1名客服。把平均首次响应降到10秒以内,并让支付订单增加至少5%。",
                "This store has 1 agent. Bring the mean first response under 10 s and raise "
                "paid orders by at least 5%.",
            ),
            hints=(
                (
                    "在评分与服务页的客服选项卡调整客服人数。",
                    "Change the number of agents on the DSR & service page, service desk tab.",
                ),
                ("一名客服同时接3个对话。", "One agent handles 3 chats at a time."),
            ),  # fmt: skip
            baseline=Setup(MID, (("service.agents", 1),)),
            start=Setup(MID, (("service.agents", 1),)),
            conditions=(
                Condition("response_time_s", "level", 10.0, at_least=False),
                Condition("orders_paid", "relative", 0.05),
            ),
            answer=(("service.agents", 2),),
            answer_text=("客服增加到2名。", "Two agents."),
        ),
    ),
    Lesson(
        id="reminders",
        title=("催付:谁会付款", "Payment reminders: who pays"),
        summary=(
            "下单不付款的买家,一条催付短信能找回多少?",
            "Buyers who order and do not pay: how many does a reminder bring back?",
        ),
        steps=(
            Step(
                question=(
                    "一家从不催付的中级店铺开始发一次催付短信。付款率会提高多少?",
                    "A mid-size store that never reminds starts sending one reminder. How much "
                    "does the pay rate rise?",
                ),
                prompt=("先猜:付款率的变化(百分点)", "Predict the change in pay rate (points)"),
                measure="pay_rate",
                basis="change",
                choices=_bands(
                    (0.005, 0.03),
                    (
                        ("不到0.5个百分点", "under 0.5 points"),
                        ("0.5到3个百分点", "0.5 to 3 points"),
                        ("超过3个百分点", "over 3 points"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID, (("payment.reminders", 0),)),
                plan=Setup(MID, (("payment.reminders", 1),)),
                chart="orders_paid",
                takeaway=(
                    "大多数买家下单即付;催付只作用于迟疑的那部分人,其中一部分本来就不会付款。",
                    "Most buyers pay at once; a reminder works only on the hesitant, and some of "
                    "them would never pay.",
                ),
                formula=(
                    "付款率 = 立即付款 + (1 − 立即付款) × (自行付款 + 催付找回)",
                    "pay rate = pay now + (1 − pay now) × (pay later + recovered by reminders)",
                ),
                source=_source(SEED_002, SEED_003),
                notes=(
                    "种子003:催付在下单后1小时内效果最好;电话催付只用于高客单价订单。",
                    "Seed 003: reminders work best within an hour of the order; calls only for "
                    "high-value orders.",
                ),
            ),
            Step(
                question=(
                    "再加一次电话催付(两次催付),利润比一次催付多还是少?",
                    "Add a phone call (two reminders): more or less profit than one reminder?",
                ),
                prompt=("先猜:利润的变化", "Predict the change in profit"),
                measure="profit",
                basis="change",
                choices=_updown(1.0),
                baseline=Setup(MID, (("payment.reminders", 1),)),
                plan=Setup(MID, (("payment.reminders", 2),)),
                chart="profit",
                takeaway=(
                    "第二次催付找回的订单更少,但每单的成本只有几分钱到一元,通常仍然划算。",
                    "The second reminder recovers fewer orders, but each costs cents to a yuan, so "
                    "it usually still pays.",
                ),
                formula=(
                    "催付利润 = 找回订单 × 单笔利润 − 短信与电话成本",
                    "reminder profit = orders recovered × profit per order − SMS and call cost",
                ),
                source=_source(SEED_003),
                notes=(
                    "问学员:哪些买家不该催(排除比例)?",
                    "Ask: which buyers should not be reminded (the excluded share)?",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "这家店从不催付。让180天利润增加至少¥15,000。",
                "This store never sends reminders. Raise 180-day profit by at least ¥15,000.",
            ),
            hints=(
                (
                    "在流量与漏斗页调整催付次数。",
                    "Change the number of reminders on Traffic & funnel.",
                ),
                ("一次催付还不够。", "One reminder is not enough."),
            ),
            baseline=Setup(MID, (("payment.reminders", 0),)),
            start=Setup(MID, (("payment.reminders", 0),)),
            conditions=(Condition("profit", "change", 15_000.0),),
            answer=(("payment.reminders", 2),),
            answer_text=("催付两次(短信加电话)。", "Two reminders (SMS, then a call)."),
        ),
    ),
    Lesson(
        id="threshold",
        title=("满减门槛与凑单", "Choosing a spend threshold"),
        summary=(
            "满减门槛定在哪里?太低只是送钱,太高没人凑单。",
            "Where to set the spend-and-save threshold? Too low gives money away, too high "
            "and nobody tops up.",
        ),
        steps=(
            Step(
                question=(
                    "客单价115.5元的店铺做一个月的满100减10。客单价会怎样?",
                    "A store with a 115.5-yuan order value runs 10 off every order of 100 for a "
                    "month. What happens to the order value?",
                ),
                prompt=("先猜:客单价的变化", "Predict the change in order value"),
                measure="aov",
                basis="relative",
                choices=_updown(0.005),
                baseline=Setup(MID, H30),
                plan=Setup(MID, _monthly_threshold(100, 10)),
                chart="aov",
                takeaway=(
                    "门槛低于客单价时,大多数订单本来就够门槛:减的钱直接降低了客单价,几乎没人需要凑单。",
                    "With the threshold below the order value most orders qualify anyway: the "
                    "discount lowers the order value and hardly anyone needs to top up.",
                ),
                formula=(
                    "凑单:门槛以下一定距离内的订单,按概率补到门槛;折扣成本 = 达门槛订单 × 减额",
                    "topping up: orders within reach below the threshold rise to it with some "
                    "probability; cost = qualifying orders × amount off",
                ),
                source=_source(SEED_003, ("Hemmati 等 2021", "Hemmati et al. 2021")),
                notes=(
                    "种子003建议门槛略高于客单价;文献中凑单比例为12.4%到28.4%。",
                    "Seed 003 advises a threshold a little above the order value; the literature "
                    "finds 12.4% to 28.4% of orders top up.",
                ),
            ),
            Step(
                question=(
                    "改成满250减25(同样10%的力度)。利润比不做活动高还是低?",
                    "Make it 25 off at 250 (the same 10% depth). Profit above or below no "
                    "promotion?",
                ),
                prompt=("先猜:利润的变化(元)", "Predict the change in profit (yuan)"),
                measure="profit",
                basis="change",
                choices=_bands(
                    (-3000.0, 0.0),
                    (
                        ("减少3,000元以上", "down more than 3,000"),
                        ("减少不到3,000元", "down less than 3,000"),
                        ("增加", "rises"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID, H30),
                plan=Setup(MID, _monthly_threshold(250, 25)),
                chart="profit",
                takeaway=(
                    "门槛越高,拿到折扣的订单越少,凑单带来的客单价提升越明显;门槛过高则没人够得着。",
                    "A higher threshold gives the discount to fewer orders and lifts the order "
                    "value more through topping up; too high and nobody reaches it.",
                ),
                formula=(
                    "活动利润变化 = 凑单增加的毛利 + 新增订单毛利 − 折扣成本",
                    "profit change = margin on topped-up baskets + margin on extra orders − "
                    "discount cost",
                ),
                source=_source(SEED_003, ("Hemmati 等 2021", "Hemmati et al. 2021")),
                notes=(
                    "在促销页的门槛曲线上找出客单价与折扣成本的平衡点。",
                    "Use the threshold curve on the Promotions page to find the balance of order "
                    "value and discount cost.",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "计划里是满100减10。改门槛和减额,让客单价提高至少1%,利润最多少1,000元。",
                "The plan runs 10 off at 100. Change the threshold and the amount off so the "
                "order value rises at least 1% and profit falls no more than 1,000 yuan.",
            ),
            hints=(
                ("在促销页修改满减的档位。", "Edit the tier on the Promotions page."),
                ("门槛要明显高于客单价。", "Put the threshold well above the order value."),
            ),
            baseline=Setup(MID, H30),
            start=Setup(MID, _monthly_threshold(100, 10)),
            conditions=(
                Condition("aov", "relative", 0.01),
                Condition("profit", "change", -1000.0),
            ),
            answer=(("promotions", _threshold_promos(250, 25)),),
            answer_text=("满250减25。", "25 off at 250."),
        ),
    ),
    Lesson(
        id="double12",
        title=("双12大促:流量、转化与DSR", "The year-end campaign: traffic, conversion, DSR"),
        summary=(
            "种子003:全场5折包邮4天,转化率2.4%→3.68%,但客服和仓库跟不上。",
            "Seed 003: four days of 50% off with free shipping, conversion 2.4% → 3.68%, and "
            "a desk and warehouse that could not keep up.",
        ),
        steps=(
            Step(
                question=(
                    "大促4天,180天的成交金额会增加多少?",
                    "Four days of campaign: how much does 180-day GMV rise?",
                ),
                prompt=("先猜:成交金额的变化", "Predict the change in GMV"),
                measure="gmv",
                basis="relative",
                choices=_bands(
                    (0.02, 0.10),
                    (("不到2%", "under 2%"), ("2%到10%", "2% to 10%"), ("超过10%", "over 10%")),
                ),
                baseline=Setup(MID),
                plan=Setup("double12_campaign", (("horizon_days", 180),)),
                chart="gmv",
                takeaway=(
                    "4天的高峰摊到180天里并不大,而且5折让每单利润大减,活动后还有需求回落。",
                    "A four-day peak is small over 180 days; at 50% off each order earns little, "
                    "and demand dips after the event.",
                ),
                formula=(
                    "活动成交 = (日常访客 + 活动访客) × 活动转化率 × 活动客单价",
                    "event GMV = (everyday + event visitors) × event conversion × event order value",
                ),
                source=_source(SEED_003),
                notes=(
                    "种子003的复盘:客服人手不足、仓库太小、发货延迟。",
                    "Seed 003's review: too few agents, too small a warehouse, late dispatch.",
                ),
            ),
            Step(
                question=(
                    "仓库只能发日常1.5倍的订单。物流评分最低会到多少?",
                    "The warehouse ships 1.5 × everyday orders. How low does the logistics score "
                    "go?",
                ),
                prompt=("先猜:物流评分的最低值", "Predict the lowest logistics score"),
                measure="dsr_logistics_min",
                basis="level",
                choices=_bands(
                    (4.7, 4.75),
                    (
                        ("低于4.70", "below 4.70"),
                        ("4.70到4.75", "4.70 to 4.75"),
                        ("4.75及以上", "4.75 or more"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup("double12_campaign", (("horizon_days", 180),)),
                chart="dsr_logistics",
                takeaway=(
                    "积压的订单延迟发货、被取消,差评进入180天的评分窗口:评分被拖累半年。",
                    "Backed-up orders ship late or are cancelled, and their ratings sit in the "
                    "180-day window: the score suffers for half a year.",
                ),
                formula=(
                    "DSR = 窗口内评分之和 ÷ 评分数(180天滚动)",
                    "DSR = sum of ratings in the window ÷ number of ratings (rolling 180 days)",
                ),
                source=_source(SEED_003, SEED_000),
                notes=(
                    "行业平均4.75:低于它会影响活动报名资格和新客转化。",
                    "The industry mean is 4.75: below it, campaign eligibility and new-buyer "
                    "conversion suffer.",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "做这场大促,但让物流评分最低不低于4.75,成交金额增加至少4%。",
                "Run the campaign, but keep the lowest logistics score at 4.75 or more and raise "
                "GMV by at least 4%.",
            ),
            hints=(
                (
                    "在评分与服务页的发货选项卡调整仓库。",
                    "Change the warehouse on the DSR & service page, fulfilment tab.",
                ),
                ("日常订单约每天96单。", "Everyday orders are about 96 a day."),
            ),  # fmt: skip
            baseline=Setup(MID),
            start=Setup("double12_campaign", (("horizon_days", 180),)),
            conditions=(
                Condition("dsr_logistics_min", "level", 4.75),
                Condition("gmv", "relative", 0.04),
            ),
            answer=(("fulfilment.capacity_per_day", 288.0),),
            answer_text=("每日发货能力提高到288单。", "Dispatch capacity of 288 orders a day."),
        ),
    ),
    Lesson(
        id="dsr",
        title=("DSR算术:一个1星的代价", "DSR arithmetic: the cost of one 1★"),
        summary=(
            "种子000:评分4.8时,一个1星要19个5星才能补回(种子原文的29是算错了)。",
            "Seed 000: at 4.8, one 1★ takes 19 five-star ratings to undo (the seed's 29 is a "
            "miscalculation).",
        ),
        steps=(
            Step(
                question=(
                    "发货延迟率从5%升到15%。半年后物流评分是多少?",
                    "Late deliveries go from 5% to 15%. What is the logistics score after half a "
                    "year?",
                ),
                prompt=("先猜:期末物流评分", "Predict the logistics score at the end"),
                measure="dsr_logistics_end",
                basis="level",
                choices=_bands(
                    (4.7, 4.78),
                    (
                        ("低于4.70", "below 4.70"),
                        ("4.70到4.78", "4.70 to 4.78"),
                        ("4.78及以上", "4.78 or more"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, (("fulfilment.late_base", 0.15),)),
                chart="dsr_logistics",
                takeaway=(
                    "评分是平均数:低分一进入窗口,要很多高分才能拉回来。",
                    "The score is an average: once low ratings enter the window it takes many "
                    "high ones to pull it back.",
                ),
                formula=(
                    "补回一个1星所需5星数 = (f − 1) ÷ (5 − f);f = 4.8 时为19",
                    "five-star ratings to undo one 1★ = (f − 1) ÷ (5 − f); 19 at f = 4.8",
                ),
                source=_source(SEED_000),
                notes=(
                    "种子000的公式写成了(f − 1)/(5 − f) + 10,得出29;正确答案是19。",
                    "Seed 000's formula adds 10 and gets 29; the right answer is 19.",
                ),
            ),
            Step(
                question=(
                    "同样的延迟,成交金额会受影响吗?",
                    "The same late deliveries: does GMV suffer?",
                ),
                prompt=("先猜:成交金额的变化", "Predict the change in GMV"),
                measure="gmv",
                basis="relative",
                choices=_updown(0.001),
                baseline=Setup(MID),
                plan=Setup(MID, (("fulfilment.late_base", 0.15),)),
                chart="gmv",
                takeaway=(
                    "评分下降会降低新客转化,可见的差评也会劝退买家:影响小,但会持续。",
                    "A lower score lowers new-buyer conversion and visible bad reviews put buyers "
                    "off: a small effect, but a lasting one.",
                ),
                formula=(
                    "新客转化 × exp(β × (评分 − 行业平均))",
                    "new-buyer conversion × exp(β × (score − industry mean))",
                ),
                source=_source(SEED_000, SEED_003),
                notes=(
                    "评分与服务页的恢复计算器可以算任意评分下的补分数量。",
                    "The recovery calculator on the DSR & service page works this out for any "
                    "score.",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "计划里的延迟发货率是15%。换一家更准时的仓储,让期末物流评分达到4.85以上,利润不减少。",
                "The plan delivers 15% late. Find a more punctual warehouse: bring the "
                "logistics score at the end to 4.85 or more without losing profit.",
            ),
            hints=(
                (
                    "在评分与服务页的发货选项卡调整基础延迟率。",
                    "Change the base late rate on the DSR & service page, fulfilment tab.",
                ),
                (
                    "今天的店铺延迟率是5%,评分4.80。",
                    "The store today is 5% late at a score of 4.80.",
                ),
            ),  # fmt: skip
            baseline=Setup(MID),
            start=Setup(MID, (("fulfilment.late_base", 0.15),)),
            conditions=(
                Condition("dsr_logistics_end", "level", 4.85),
                Condition("profit", "change", 0.0),
            ),
            answer=(("fulfilment.late_base", 0.01),),
            answer_text=("基础延迟率降到1%。", "A base late rate of 1%."),
        ),
    ),
    Lesson(
        id="stored-value",
        title=("包邮卡与储值:现金与负债", "Shipping cards and stored value: cash and debts"),
        summary=(
            "种子003的包邮卡、种子004的超市储值:现在收到现金,以后要还。",
            "Seed 003's free-shipping card and seed 004's supermarket stored value: cash now, "
            "liabilities later.",
        ),
        steps=(
            Step(
                question=(
                    "中级店铺推出储值(充500元)。180天后,店铺还欠买家多少储值?",
                    "A mid-size store offers stored value (top up 500). After 180 days, how "
                    "much is still owed to buyers?",
                ),
                prompt=("先猜:期末储值余额", "Predict the stored-value balance at the end"),
                measure="stored_value_liability_end",
                basis="level",
                choices=_bands(
                    (5000.0, 50000.0),
                    (
                        ("不到5,000元", "under 5,000 yuan"),
                        ("5,000到50,000元", "5,000 to 50,000 yuan"),
                        ("超过50,000元", "over 50,000 yuan"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, (("membership.stored_value.enabled", True),)),
                chart="stored_value_liability",
                takeaway=(
                    "充值的钱是负债:花掉时才算销售,赠送的金额是成本。现金增加不等于赚钱。",
                    "A top-up is a debt: it becomes a sale only when spent, and the bonus given is "
                    "a cost. More cash is not more profit.",
                ),
                formula=(
                    "储值余额 = 累计充值 − 已消费 − 沉淀",
                    "balance = top-ups − spent − breakage",
                ),
                source=_source(SEED_004, SEED_003),
                notes=(
                    "种子004的超市案例:储值带来现金,但余额要在账上列为负债。",
                    "Seed 004's supermarket: stored value brings cash, but the balance is a "
                    "liability on the books.",
                ),
            ),
            Step(
                question=(
                    "同样的储值:利润会怎样?",
                    "The same stored value: what happens to profit?",
                ),
                prompt=("先猜:利润的变化", "Predict the change in profit"),
                measure="profit",
                basis="change",
                choices=_updown(100.0),
                baseline=Setup(MID),
                plan=Setup(MID, (("membership.stored_value.enabled", True),)),
                chart="cash",
                takeaway=(
                    "赠送金额和提前消费让利润略降,现金却增加:两者要分开看。",
                    "The bonus and the spending brought forward lower profit a little while cash "
                    "rises: read them apart.",
                ),
                formula=(
                    "现金 = 利润 + 新增储值余额 + 新增包邮卡递延收入",
                    "cash = profit + new stored-value balance + new card deferred revenue",
                ),
                source=_source(SEED_004),
                notes=(
                    "让学员在会员页对比现金与利润曲线,再打开包邮卡看递延收入。",
                    "Have the class compare cash and profit on the Membership page, then switch "
                    "on the free-shipping card and find its deferred revenue.",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "让180天现金增加至少20,000元,利润最多少12,000元。",
                "Raise 180-day cash by at least 20,000 yuan while losing no more than 12,000 "
                "yuan of profit.",
            ),
            hints=(
                ("在会员页打开储值。", "Switch on stored value on the Membership page."),
                ("提高储值的参与率。", "Raise the stored-value uptake."),
            ),
            baseline=Setup(MID),
            start=Setup(MID),
            conditions=(
                Condition("cash", "change", 20_000.0),
                Condition("profit", "change", -12_000.0),
            ),
            answer=(
                ("membership.stored_value.enabled", True),
                ("membership.stored_value.uptake", 0.05),
            ),
            answer_text=("打开储值,参与率5%。", "Stored value on, uptake 5%."),
        ),
    ),
    Lesson(
        id="bad-review",
        title=("差评与差体验客户", "Bad reviews and the bad-experience cohort"),
        summary=(
            "种子004:差评处理不好,失去的不只是一单,还有这位客户以后的复购。",
            "Seed 004: a bad review handled badly costs more than one order: it costs that "
            "buyer's later orders.",
        ),
        steps=(
            Step(
                question=(
                    "30%的新客户有一次差体验,他们的复购减半。老客户订单会少多少?",
                    "30% of new buyers have a bad experience, and they buy again half as often. "
                    "How many repeat orders are lost?",
                ),
                prompt=("先猜:老客户订单的变化", "Predict the change in repeat orders"),
                measure="orders_repeat",
                basis="relative",
                choices=_bands(
                    (-0.10, -0.01),
                    (
                        ("减少10%以上", "down more than 10%"),
                        ("减少1%到10%", "down 1% to 10%"),
                        ("减少不到1%", "down less than 1%"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, BAD_COHORT),
                chart="orders_repeat",
                takeaway=(
                    "差体验客户的损失是慢慢累积的:今天的差评,几个月后才在复购里显现。",
                    "The loss from a bad experience builds slowly: today's bad review shows in "
                    "repeat orders months later.",
                ),
                formula=(
                    "复购 = 正常客户复购 × (1 − 差体验占比) + 差体验客户复购 × 差体验占比 × 复购系数",
                    "repeat = normal repeat × (1 − bad share) + repeat × bad share × bad factor",
                ),
                source=_source(SEED_004),
                notes=(
                    "种子004:及时回复差评、主动补偿,能把差体验客户拉回来。",
                    "Seed 004: answering a bad review quickly and making amends wins the buyer "
                    "back.",
                ),
            ),
            Step(
                question=(
                    "同样的差体验:180天的利润会少多少?",
                    "The same bad experiences: how much 180-day profit is lost?",
                ),
                prompt=("先猜:利润的变化(元)", "Predict the change in profit (yuan)"),
                measure="profit",
                basis="change",
                choices=_bands(
                    (-20_000.0, -1000.0),
                    (
                        ("少20,000元以上", "down more than 20,000"),
                        ("少1,000到20,000元", "down 1,000 to 20,000"),
                        ("少不到1,000元", "down less than 1,000"),
                    ),
                ),  # fmt: skip
                baseline=Setup(MID),
                plan=Setup(MID, BAD_COHORT),
                chart="profit",
                takeaway=(
                    "单看半年,损失不大;客户终身价值的损失更大(会员页的客户价值)。",
                    "Over half a year the loss looks small; the loss of customer lifetime value is "
                    "larger (customer value on the Membership page).",
                ),
                formula=(
                    "损失 = 少掉的复购订单 × 单笔利润",
                    "loss = repeat orders lost × profit per order",
                ),
                source=_source(SEED_004),
                notes=(
                    "讨论:补偿一位差评客户花多少钱才值得?",
                    "Discuss: how much is it worth spending to make amends to one unhappy buyer?",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "这家店30%的新客户有差体验。把老客户订单提高至少2%。",
                "30% of this store's new buyers have a bad experience. Raise repeat orders by at "
                "least 2%.",
            ),
            hints=(
                (
                    "差体验占比在会员页的高级设置里。",
                    "The bad-experience share is in the Membership page's advanced settings.",
                ),
                (
                    "好的差评处理能减少差体验客户。",
                    "Good handling of bad reviews shrinks the unhappy cohort.",
                ),
            ),  # fmt: skip
            baseline=Setup(MID, BAD_COHORT),
            start=Setup(MID, BAD_COHORT),
            conditions=(Condition("orders_repeat", "relative", 0.02),),
            answer=(("repeat.bad_experience_share", 0.1),),
            answer_text=("差体验占比降到10%。", "A bad-experience share of 10%."),
        ),
    ),
    Lesson(
        id="store-stages",
        title=("店铺阶段与老客户占比", "Store stages and the old-customer share"),
        summary=(
            "种子003:新店、中级、高级店铺,询单量和老客户占比各不相同。",
            "Seed 003: new, mid-size and large stores differ in inquiries and in the share of "
            "old customers.",
        ),
        steps=(
            Step(
                question=(
                    "从新店(开店90天)到中级店铺(三年):老客户占比会是多少?",
                    "From a new store (90 days) to a mid-size store (three years): what is the "
                    "old-customer share?",
                ),
                prompt=(
                    "先猜:中级店铺的老客户占比",
                    "Predict the mid-size store's old-customer share",
                ),  # fmt: skip
                measure="old_customer_share",
                basis="level",
                choices=_bands(
                    (0.10, 0.30),
                    (("不到10%", "under 10%"), ("10%到30%", "10% to 30%"), ("超过30%", "over 30%")),
                ),
                baseline=Setup(NEW),
                plan=Setup(MID),
                chart="old_customer_share",
                takeaway=(
                    "老客户是时间攒出来的:新店的老客户少,靠新客;成熟店铺的老客户贡献稳定的订单。",
                    "Old customers take time: a new store lives on new buyers; a mature store "
                    "gets a steady share from returning ones.",
                ),
                formula=(
                    "老客户占比 = 老客户订单 ÷ 支付订单",
                    "old-customer share = repeat orders ÷ paid orders",
                ),
                source=_source(SEED_003),
                notes=(
                    "种子003:新店询单少于50/天,老客户5%到10%;中级100到300;高级500以上。",
                    "Seed 003: a new store has under 50 inquiries a day and 5% to 10% old "
                    "customers; mid-size 100 to 300; large over 500.",
                ),
            ),
            Step(
                question=(
                    "高级店铺(五年,每天12,000访客):老客户订单是新店的多少倍?",
                    "A large store (five years, 12,000 visitors a day): how many times the new "
                    "store's repeat orders does it have?",
                ),
                prompt=("先猜:老客户订单的增幅", "Predict the rise in repeat orders"),
                measure="orders_repeat",
                basis="relative",
                choices=_bands(
                    (9.0, 29.0),
                    (
                        ("不到10倍", "under 10×"),
                        ("10到30倍", "10× to 30×"),
                        ("超过30倍", "over 30×"),
                    ),
                ),
                baseline=Setup(NEW),
                plan=Setup(LARGE),
                chart="orders_repeat",
                takeaway=(
                    "访客多15倍,老客户订单却多得更多:老客户的积累随时间和规模一起增长。",
                    "Fifteen times the visitors and far more than that in repeat orders: the "
                    "base of old customers grows with both time and size.",
                ),
                formula=(
                    "复购(BG/NBD):每位客户的复购率随时间递减,并会流失",
                    "repeat buying (BG/NBD): each customer's rate falls over time and customers "
                    "drop out",
                ),
                source=_source(SEED_003, ("Fader, Hardie & Lee 2005", "Fader, Hardie & Lee 2005")),
                notes=(
                    "让学员在会员页对比三个阶段的店铺与种子003的区间。",
                    "Have the class compare the three stages with seed 003's bands on the "
                    "Membership page.",
                ),
            ),
        ),
        exercise=Exercise(
            task=(
                "新店:让老客户占比提高至少2个百分点,利润不减少。",
                "A new store: raise the old-customer share by at least 2 points without losing "
                "profit.",
            ),
            hints=(
                ("在会员页打开会员价。", "Switch on member prices on the Membership page."),
                (
                    "会员的复购提升和入会率都要够高。",
                    "Members' repeat uplift and the enrolment rate both matter.",
                ),
            ),  # fmt: skip
            baseline=Setup(NEW),
            start=Setup(NEW),
            conditions=(
                Condition("old_customer_share", "change", 0.02),
                Condition("profit", "change", 0.0),
            ),
            answer=(
                ("membership.member_price.enabled", True),
                ("membership.repeat_uplift", 0.5),
                ("membership.enrollment_rate", 0.6),
            ),
            answer_text=(
                "打开会员价,会员复购提升50%,入会率60%。",
                "Member prices on, member repeat uplift 50%, enrolment 60%.",
            ),
        ),
    ),
)

BY_ID: Mapping[str, Lesson] = {lesson.id: lesson for lesson in LESSONS}


def find(lesson_id: object, step: object) -> tuple[Lesson, int]:
    """The lesson and step a link asks for; ``KeyError`` (unknown lesson) or ``IndexError`` (a
    step that is not a whole number in range) otherwise. The last position is the exercise."""
    if not isinstance(lesson_id, str) or lesson_id not in BY_ID:
        raise KeyError(lesson_id)
    lesson = BY_ID[lesson_id]
    text = str(step).strip()
    if not text.isdigit() or int(text) >= lesson.length:
        raise IndexError(step)
    return lesson, int(text)


def main(argv: Sequence[str]) -> int:
    if list(argv) != ["list"]:
        print("usage: python -m ui.lessons list", file=sys.stderr)
        return 2
    for lesson in LESSONS:
        print(f"{lesson.id} {lesson.length}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
