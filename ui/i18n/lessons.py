"""The Lessons page (课堂): stepping through a lesson, predict then reveal, exercises, presenter
mode, handouts and lesson links. The lessons' own content (questions, takeaways, formulas) is
data in ``ui/lessons.py``, written in both languages there.

Prefixes: ``ls.*``.
Used by pages/lessons.py, ui/classroom.py, ui/workspace.py."""

from __future__ import annotations

PREFIXES = ("ls",)

KEYS: dict[str, tuple[str, str]] = {
    "ls.intro": (
        "用种子资料里的真实店铺上课:每一步先提问、先猜,再由模拟揭晓答案。每一步的场景会自动载入为基线和方案,撤销可以退回。",
        "Lessons from the real shops of the seed documents: each step asks a question, you "
        "predict, and the simulation reveals the answer. Each step loads its scenario as the "
        "baseline and the plan (Undo takes it back).",
    ),
    "ls.pick": ("课程", "Lesson"),
    "ls.step_of": ("第 {n} 步,共 {total} 步", "Step {n} of {total}"),
    "ls.your_turn": ("轮到你了", "Your turn"),
    "ls.prev": ("上一步", "Previous"),
    "ls.next": ("下一步", "Next"),
    "ls.reveal": ("揭晓答案", "Reveal"),
    "ls.pick_first": ("先选出你的预测,再揭晓。", "Pick your prediction first, then reveal."),
    "ls.right": ("猜对了:{answer}", "Right: {answer}"),
    "ls.wrong": (
        "你猜的是“{picked}”,模拟结果是“{answer}”。",
        "You picked “{picked}”; the simulation says “{answer}”.",
    ),
    "ls.result": (
        "{measure}:基线 {base},本步方案 {plan}(变化 {change})",
        "{measure}: baseline {base}, this step's plan {plan} (change {change})",
    ),
    "ls.takeaway": ("要点", "Takeaway"),
    "ls.formula": ("公式", "Formula"),
    "ls.source": ("出处:{source}", "Source: {source}"),
    "ls.notes": ("讲师笔记", "Trainer notes"),
    "ls.reload": ("载入本步场景(基线与方案)", "Load this step's scenario (baseline and plan)"),
    "ls.undo_load": ("载入课程“{lesson}”第 {n} 步", "load lesson “{lesson}”, step {n}"),
    "ls.undo_answer": ("套用参考答案", "apply the reference answer"),
    "ls.presenter": ("演示模式", "Presenter mode"),
    "ls.presenter_help": (
        "隐藏侧边栏与讲师笔记,放大字体和图表,适合投影。",
        "Hides the sidebar and the trainer notes and enlarges text and charts for a projector.",
    ),
    "ls.bad_lesson": (
        "链接里的课程“{lesson}”不存在,已打开第一课。",
        "The link's lesson “{lesson}” does not exist: here is the first lesson.",
    ),
    "ls.bad_step": (
        "链接里的步骤“{step}”不在这门课里(可选 0 到 {last}),已打开第一步。",
        "The link's step “{step}” is not in this lesson (0 to {last}): here is its first step.",
    ),
    "ls.goals": ("目标(按你当前的方案检查)", "Targets (checked on your plan as it is now)"),
    "ls.met": ("达到", "met"),
    "ls.not_met": ("未达到", "not yet"),
    "ls.passed": ("完成!你的方案达到了全部目标。", "Done! Your plan meets every target."),
    "ls.not_passed": (
        "还没有完成:在其他页面修改方案,再回来检查。",
        "Not yet: change the plan on the other pages and come back to check.",
    ),
    "ls.hint": ("提示 {n}", "Hint {n}"),
    "ls.answer": ("参考答案", "Reference answer"),
    "ls.apply_answer": ("把参考答案套用到方案", "Apply the reference answer to the plan"),
    "ls.restart": ("重新开始任务", "Start the task again"),
    "ls.handout": ("下载讲义(HTML)", "Download the handout (HTML)"),
    "ls.handout_help": (
        "本课的一页讲义,中英双语,含各步图表,可打印。",
        "A printable one-page handout of this lesson in both languages, with each step's chart.",
    ),
    "ls.handout_title": ("课堂讲义", "Lesson handout"),
    "ls.handout_exercise": ("练习", "Exercise"),
    "ls.cond.relative.min": ("{measure}提高至少 {value}", "{measure} up by at least {value}"),
    "ls.cond.relative.max": ("{measure}变化不超过 {value}", "{measure} changes by at most {value}"),
    "ls.cond.change.min": ("{measure}变化至少 {value}", "{measure} changes by at least {value}"),
    "ls.cond.change.max": ("{measure}变化不超过 {value}", "{measure} changes by at most {value}"),
    "ls.cond.level.min": ("{measure}至少 {value}", "{measure} at least {value}"),
    "ls.cond.level.max": ("{measure}不超过 {value}", "{measure} at most {value}"),
    "ls.measure.gmv": ("成交金额", "GMV"),
    "ls.measure.profit": ("贡献利润", "Contribution profit"),
    "ls.measure.cash": ("现金", "Cash"),
    "ls.measure.stored_value_liability_end": ("期末储值余额", "Stored-value balance at the end"),
    "ls.measure.stored_value_liability": ("储值余额", "Stored-value balance"),
    "ls.measure.uv_value": ("UV价值", "UV value"),
    "ls.measure.aov": ("客单价", "Order value"),
    "ls.measure.response_time_s": ("平均首次响应", "Mean first response"),
    "ls.measure.orders_paid": ("支付订单", "Paid orders"),
    "ls.measure.orders_repeat": ("老客户订单", "Repeat orders"),
    "ls.measure.uv": ("访客数", "Visitors"),
    "ls.measure.pay_rate": ("付款率", "Pay rate"),
    "ls.measure.conversion_rate": ("支付转化率", "Paid conversion"),
    "ls.measure.old_customer_share": ("老客户占比", "Old-customer share"),
    "ls.measure.dsr_logistics_min": ("物流评分最低值", "Lowest logistics score"),
    "ls.measure.dsr_logistics_end": ("期末物流评分", "Logistics score at the end"),
    "ls.measure.dsr_logistics": ("物流评分", "Logistics score"),
    "ls.measure.backlog": ("待发货积压", "Orders waiting to ship"),
}
