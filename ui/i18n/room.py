"""The live room (课堂房间, issue 22): a trainer opens a room for a lesson step or an open
question, students join with a display name and send a prediction and their plan, the trainer
watches the distribution and the leaderboard live, reveals, resets, closes and exports. The
storage's refusals are ``storage.err.*`` (ui/i18n/workspace.py).

Prefixes: ``room.*``.
Used by pages/room.py, ui/room.py."""

from __future__ import annotations

PREFIXES = ("room",)

KEYS: dict[str, tuple[str, str]] = {
    "room.intro": (
        "培训师为一个课程步骤或一个开放问题开一个课堂;学员用课堂代码或二维码加入(不需要账号),"
        "提交自己的预测和方案;培训师实时看到预测的分布和方案排行榜,再一起公布。",
        "A trainer opens a room for a lesson step or an open question; students join with the "
        "room's code or its QR code (no account), and send their prediction and their plan; the "
        "trainer watches the predictions and a leaderboard of the plans live, then reveals them "
        "to everyone.",
    ),
    # opening a room (the trainer)
    "room.open_title": ("开一个课堂", "Open a room"),
    "room.kind": ("课堂的问题", "What the room asks"),
    "room.kind_lesson": ("课程里的一步", "A lesson step"),
    "room.kind_open": ("开放问题", "An open question"),
    "room.lesson": ("课程", "Lesson"),
    "room.step": ("步骤", "Step"),
    "room.step_label": ("第 {n} 步:{question}", "Step {n}: {question}"),
    "room.title_field": ("课堂标题", "Room title"),
    "room.question_field": ("问题(学员回答一个数字)", "Question (students answer with a number)"),
    "room.question_help": (
        "例如:“满300减40之后,客单价会变成多少元?”学员提交一个数字作为预测。",
        "For example: “With 40 off every 300, what will the order value be, in yuan?” Students "
        "send one number as their prediction.",
    ),
    "room.open_btn": ("开课堂", "Open the room"),
    "room.need_title": ("请先填写课堂标题。", "Give the room a title first."),
    # joining by code (anyone)
    "room.join_code_title": ("用代码加入课堂", "Join a room with its code"),
    "room.join_code": ("课堂代码", "Room code"),
    "room.go": ("进入课堂", "Go to the room"),
    # the room's header
    "room.code": ("课堂代码 {code}", "Room code {code}"),
    "room.expires": (
        "课堂在 {time} 结束,结束后数据会被删除。",
        "The room ends at {time}; its data is deleted then.",
    ),
    "room.state_closed": (
        "课堂已关闭:不再接受加入和提交。",
        "The room is closed: it takes no more joins or submissions.",
    ),
    "room.state_revealed": ("结果已公布。", "The results are revealed."),
    # the trainer's view
    "room.join_link": ("学员加入链接", "Students' link"),
    "room.qr_caption": (
        "学员用手机扫码加入,或打开链接输入显示名称。",
        "Students scan this to join on their phones, or open the link and give a display name.",
    ),
    "room.qr_alt": ("学员加入链接的二维码", "QR code of the students' link"),
    "room.trainer_link": ("培训师链接(请勿外传)", "Your trainer link (keep it private)"),
    "room.trainer_private": (
        "这个链接带有培训师密钥:任何拿到它的人都能公布、清空或关闭课堂。只发给自己,不要投屏。",
        "This link carries the trainer key: anyone who has it can reveal, reset or close the "
        "room. Keep it to yourself and off the projector.",
    ),
    "room.count": (
        "已加入 {students} 人 · 已预测 {predictions} 人 · 已提交方案 {plans} 人",
        "{students} joined · {predictions} predicted · {plans} sent a plan",
    ),
    "room.live": (
        "每 {seconds} 秒自动刷新。",
        "Refreshes by itself every {seconds} s.",
    ),
    "room.reveal": ("公布结果", "Reveal"),
    "room.reveal_help": (
        "让学员看到所有人的预测分布和方案排行榜。",
        "Lets the students see everyone's predictions and the leaderboard.",
    ),
    "room.reset": ("清空提交", "Reset"),
    "room.reset_help": (
        "删除所有预测和方案并重新隐藏结果;学员仍在课堂里,可以重新提交。",
        "Deletes every prediction and plan and hides the results again; the students stay in "
        "the room and can send again.",
    ),
    "room.close": ("关闭课堂", "Close the room"),
    "room.reopen": ("重新开放", "Reopen the room"),
    "room.export_csv": ("导出结果(CSV)", "Export results (CSV)"),
    "room.export_xlsx": ("导出结果(Excel)", "Export results (Excel)"),
    "room.another": ("再开一个课堂", "Open another room"),
    # predictions
    "room.dist_title": ("预测分布", "Predictions"),
    "room.no_predictions": ("还没有人提交预测。", "No predictions yet."),
    "room.students_axis": ("学员人数", "Students"),
    "room.answer": ("模拟的答案:{value}", "The simulation's answer: {value}"),
    "room.answer_rule": ("答案", "Answer"),
    "room.median": (
        "预测 {n} 个;中位数 {median}(最低 {lo},最高 {hi})。",
        "Predictions: {n}; median {median} (lowest {lo}, highest {hi}).",
    ),
    # the leaderboard
    "room.board_title": ("方案排行榜", "Leaderboard of plans"),
    "room.board_help": (
        "每位学员最后提交的方案,与他自己的基线比较;跑赢基线的概率来自 {paths} 条参数抽样路径(种子 {seed}),方案和基线抽样相同。",
        "Each student's latest plan against their own baseline; the chance to beat it comes "
        "from {paths} paths of parameter draws (seed {seed}), the same draws for the plan and "
        "its baseline.",
    ),
    "room.no_plans": ("还没有人提交方案。", "No plans yet."),
    "room.pending": (
        "还有 {n} 个方案正在模拟,稍后自动补上。",
        "{n} more plans are being simulated; they appear by themselves.",
    ),
    "room.failed": ("无法模拟", "could not be simulated"),
    "room.col.rank": ("名次", "Rank"),
    "room.col.name": ("学员", "Student"),
    "room.col.prediction": ("预测", "Prediction"),
    "room.col.predicted_at": ("预测时间", "Predicted at"),
    "room.col.plan_at": ("方案提交时间", "Plan sent at"),
    "room.col.plan": ("方案名称", "Plan"),
    "room.col.profit": ("利润变化(元)", "Profit change (yuan)"),
    "room.col.dsr": ("最低DSR评分", "Lowest DSR score"),
    "room.col.chance": ("跑赢基线的概率", "Chance to beat the baseline"),
    "room.sheet": ("课堂结果", "Room results"),
    # units of a prediction
    "room.unit.pct": ("%", "%"),
    "room.unit.pp": ("个百分点", "percentage points"),
    "room.unit.yuan": ("元", "yuan"),
    "room.unit.seconds": ("秒", "seconds"),
    "room.unit.stars": ("分", "points"),
    "room.unit.count": ("单", "orders"),
    "room.unit.number": ("数值", "number"),
    # the student's view
    "room.join_title": ("加入课堂", "Join the room"),
    "room.name": ("你的显示名称", "Your display name"),
    "room.name_help": (
        "培训师和同学看到的名字;不需要账号。课堂里每个名字只能用一次。",
        "The name the trainer and the class see; no account needed. Each name is used once in "
        "a room.",
    ),
    "room.join_btn": ("加入", "Join"),
    "room.joined": ("你已作为“{name}”加入课堂。", "You are in the room as “{name}”."),
    "room.rejoin": (
        "这个浏览器之前的加入已失效,请重新加入。",
        "This browser's earlier place in the room no longer holds; join again.",
    ),
    "room.predict": ("你的预测({unit})", "Your prediction ({unit})"),
    "room.predict_btn": ("提交预测", "Send my prediction"),
    "room.need_number": ("请先填写一个数字。", "Enter a number first."),
    "room.plan_title": ("你的方案", "Your plan"),
    "room.plan_help": (
        "在其他页面修改你的方案(侧栏选择“方案”),再回到这里提交。培训师会看到它相对你的基线的利润变化、最低DSR评分和跑赢基线的概率。",
        "Edit your plan on the other pages (the sidebar's Plan), then come back here and send "
        "it. The trainer sees its profit change against your baseline, its lowest DSR score "
        "and its chance to beat the baseline.",
    ),
    "room.plan_now": (
        "将提交:基线“{base}”与方案“{plan}”。",
        "Will send: the baseline “{base}” and the plan “{plan}”.",
    ),
    "room.plan_btn": ("提交我现在的方案", "Send my current plan"),
    "room.sent_prediction": ("已提交预测:{value}", "Prediction sent: {value}"),
    "room.sent_plan": ("已提交方案“{name}”。", "Plan “{name}” sent."),
    "room.mine": (
        "你已提交 {predictions} 次预测、{plans} 次方案。",
        "Sent so far: predictions {predictions}, plans {plans}.",
    ),
    "room.waiting": (
        "培训师公布之前,你只能看到自己的提交。本页会自动刷新。",
        "Until the trainer reveals the results you see only your own submissions. This page "
        "refreshes by itself.",
    ),
    "room.leave": ("离开这个课堂", "Leave this room"),
}
