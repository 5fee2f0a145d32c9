"""The DSR & service page.

Prefixes: ``ds.*``.
Used by pages/dsr_service.py, ui/dsr.py."""

from __future__ import annotations

PREFIXES = ("ds",)

KEYS: dict[str, tuple[str, str]] = {
    "ds.intro": (
        "大促让订单翻倍时,客服和仓库跟不上,店铺动态评分(DSR)可能被拖累半年(种子003的活动复盘)。这里推演客服排队、发货积压、描述/服务/物流三项评分的180天滚动窗口,以及评分反过来对转化的影响。改动作用于侧边栏选中的方案。",
        "When a promotion doubles orders and the service desk or the warehouse cannot keep up, "
        "the shop's DSR can suffer for half a year (seed 003's campaign review). This page "
        "simulates the chat queue, the dispatch backlog, the 180-day windows of the description, "
        "service and logistics scores, and how the scores move conversion in turn. Changes apply "
        "to the scenario selected in the sidebar.",
    ),
    "ds.inputs": ("客服、发货与评分", "Desk, warehouse and ratings"),
    "ds.tab_service": ("客服", "Service desk"),
    "ds.tab_fulfilment": ("发货", "Fulfilment"),
    "ds.tab_ratings": ("评分", "Ratings"),
    "ds.tab_feedback": ("反馈", "Feedback"),
    "ds.scores": ("动态评分走势", "Scores over the horizon"),
    "ds.dimension": ("评分项", "Score"),
    "ds.score": ("评分", "Score"),
    "ds.band": ("行业平均 … 行业最高", "Industry mean … industry top"),
    "ds.vs_industry_up": (
        "期末 {score} 分,高于行业 {pct}(种子000 的口径:(F − 行业均值)/(行业最高 − 行业均值))。",
        "At the end: {score}, {pct} above the industry (seed 000's measure: (F − mean)/(top − mean)).",
    ),
    "ds.vs_industry_down": (
        "期末 {score} 分,低于行业 {pct}(种子000 的口径:(F − 行业均值)/(行业最高 − 行业均值))。",
        "At the end: {score}, {pct} below the industry (seed 000's measure: (F − mean)/(top − mean)).",
    ),
    "ds.star_title": ("评分窗口中的星级分布", "Stars in the window"),
    "ds.stars": ("星级", "Stars"),
    "ds.share": ("占比", "Share"),
    "ds.at_start": ("第0天", "day 0"),
    "ds.at_low": ("最低分那天", "lowest day"),
    "ds.star_note": (
        "{dim}:180天窗口内各星级评分的占比(纵轴为平方根刻度),第0天与评分最低的那天对比。出事故(迟到、破损、响应慢、货不对板)的订单按差评体验的星级分布 π_bad 打分,其余按种子000 的正常体验分布 π_good。",
        "{dim}: shares of each star in the 180-day window (square-root axis), day 0 against the "
        "lowest day. Orders with an incident (late, damaged, slow reply, not as described) rate "
        "by the bad-experience star mix π_bad, the rest by seed 000's normal mix π_good.",
    ),
    "ds.ops": ("客服与发货", "Service desk and warehouse"),
    "ds.hour": ("时段", "Hour"),
    "ds.auto_reply": ("自动回复", "auto-reply"),
    "ds.what_if": ("大促人手与仓容推演", "Campaign staffing & capacity what-if"),
    "ds.wi_intro": (
        "种子003 的年末大促(全场5折包邮4天)复盘说:客服人手不足、仓库太小导致发货延迟。这里把预设“年末大促”照原样(日常4名客服、日发货150单)与活动日加派客服、加开发货能力对比,基线为中级店铺。",
        "Seed 003's year-end campaign (4 days of 50% off with free shipping) found too few agents "
        "and a warehouse too small, so parcels shipped late. Here the campaign preset as it was "
        "(the everyday 4 agents, 150 orders shipped a day) is set against extra agents and extra "
        "capacity on the event days, with the mid-size store as the baseline.",
    ),
    "ds.wi_agents": ("活动日加派客服", "Extra agents on event days"),
    "ds.wi_capacity": ("活动日加开发货能力(单/天)", "Extra dispatch on event days (orders/day)"),
    "ds.wi_adequate": (
        "足够的配置:加派 {agents} 名客服(最忙时段响应不超过黄金6秒的2倍),加开 {capacity} 单/天(最多一天的订单当天发完)。",
        "Adequate: {agents} extra agents (the busiest hour answers within twice the golden 6 s) "
        "and {capacity} extra orders a day (the busiest day ships the same day).",
    ),
    "ds.wi_seed": ("种子003 原样", "Seed 003 as it was"),
    "ds.wi_yours": ("加派后", "With the extra staff"),
    "ds.wi_measure": ("指标", "Measure"),
    "ds.wi_peak_rt": ("最忙时段的首次响应", "First response in the busiest hour"),
    "ds.wi_saturated": ("排队饱和的小时数", "Hours swamped"),
    "ds.wi_service_min": ("服务分最低", "Lowest service score"),
    "ds.wi_logistics_min": ("物流分最低", "Lowest logistics score"),
    "ds.recovery": ("挽回一个差评要多少好评", "Five stars to offset one low rating"),
    "ds.rc_score": ("当前评分 f", "Score now, f"),
    "ds.rc_star": ("收到的低分", "Low rating received"),
    "ds.rc_star_n": ("{k} 星", "{k} star(s)"),
    "ds.rc_need": ("需要的5星评分", "Five-star ratings needed"),
    "ds.rc_exact": ("精确值 x = {x}", "Exact x = {x}"),
    "ds.rc_right": ("正确公式 ⌈(f − 1)/(5 − f)⌉", "Correct ⌈(f − 1)/(5 − f)⌉"),
    "ds.rc_wrong": ("种子原式 6/(5 − f) − 1", "Seed's 6/(5 − f) − 1"),
    "ds.rc_explain": (
        "窗口原本平均 f = {f} 分,收到一个 {k} 星后,要 x 个5星才能回到 f:(5x + {k} + f·N)/(N + 1 + x) ≥ f,化简得 **x ≥ (f − {k})/(5 − f) = {x}**,即 **{n}** 个5星。\n\n种子000 写成 x ≥ 6/(5 − f) − 1(这里算出 {wrong}),这是错的:对1星评分,正确的下界是 (f − 1)/(5 − f) = 4/(5 − f) − 1。例如 f = 4.8 时是 19 个,而不是 29 个(勘误E2)。",
        "The window averages f = {f}; after one {k}-star rating it takes x five-star ratings to "
        "get back to f: (5x + {k} + f·N)/(N + 1 + x) ≥ f, so **x ≥ (f − {k})/(5 − f) = {x}**, "
        "i.e. **{n}** five-star ratings.\n\nSeed 000 prints x ≥ 6/(5 − f) − 1 ({wrong} here), "
        "which is wrong: for a 1-star rating the bound is (f − 1)/(5 − f) = 4/(5 − f) − 1. At f "
        "= 4.8 that is 19, not 29 (erratum E2).",
    ),
    "ds.seed002_title": ("种子002:12秒与244秒的客服", "Seed 002: the 12 s and 244 s agents"),
    "ds.seed002": (
        "种子002 的服装店:平均响应 244 秒的客服当天只成交1单,响应 12 秒的客服接待量只有前者的2/3,却成交7单——询单转化相差 {ratio} 倍。若全部归因于响应时间,半衰期约为 **{h} 秒**(派生)。\n\n"
        "模型默认半衰期取 {h_now} 秒(假设,较保守,因为两位客服的产品知识和态度也不同),并且开着自动回复:12 秒的客服转化为及时回复的 {fast},244 秒的为 {slow},只相差 {model} 倍。下表说明原因。",
        "Seed 002's clothing store: the agent who answered in 244 s on average closed 1 order that "
        "day, the one who answered in 12 s closed 7 on two thirds of the inquiries — a {ratio}× "
        "difference in inquiry conversion. Were it all down to response time, the half-life would "
        "be about **{h} s** (derived).\n\n"
        "The scenario's half-life is {h_now} s (assumption, more cautious: the two agents also "
        "differed in product knowledge and manner), with the auto-reply on: the 12 s agent "
        "converts at {fast} of a prompt reply, the 244 s agent at {slow}, only a {model}× "
        "difference. The table shows why.",
    ),
    "ds.s2_half_life": ("半衰期", "Half-life"),
    "ds.s2_auto_reply": ("自动回复", "Auto-reply"),
    "ds.s2_floor": ("开(下限 {f})", "on (floor {f})"),
    "ds.s2_off": ("关", "off"),
    "ds.s2_fast": ("12 秒客服", "12 s agent"),
    "ds.s2_slow": ("244 秒客服", "244 s agent"),
    "ds.s2_ratio": ("转化倍数", "Conversion ratio"),
    "ds.s2_floor_note": (
        "自动回复的下限:开着自动回复时,每个咨询都会立刻收到自动答复,所以人工回复再慢,询单转化也不低于及时回复的 {f}——任何两位客服的差距最多 {cap} 倍。种子002 的 10.5 倍只有在关闭自动回复(系数 0)、半衰期取派生值时才能复现。",
        "What the auto-reply floor does: with the auto-reply on, every chat gets an instant "
        "automatic answer, so however late the human reply, inquiry conversion never falls below "
        "{f} of a prompt reply — no two agents differ by more than {cap}×. Seed 002's 10.5× is "
        "reproduced only with the auto-reply off (factor 0) and the derived half-life.",
    ),
    "ds.s2_no_floor_note": (
        "自动回复已关闭(系数 0):慢回复的转化不设下限,半衰期取派生值时复现种子002 的 10.5 倍。",
        "The auto-reply is off (factor 0): a slow reply's conversion has no floor, and the derived "
        "half-life reproduces seed 002's 10.5×.",
    ),
    "ds.s2_apply": (
        "在当前编辑的方案中复现:半衰期 {h} 秒,关闭自动回复",
        "Reproduce it in the scenario being edited: half-life {h} s, auto-reply off",
    ),
    "ds.s2_applied": (
        "已设置:响应时间半衰期取种子002 的派生值,自动回复系数为 0。",
        "Set: the response-time half-life derived from seed 002, auto-reply factor 0.",
    ),
    "ds.formulas": (
        "**客服排队** λ_h = q_inq·UV·w_h;A_h = λ_h·τ_h/60;s_h = n_agents·m_conc;W_q = ErlangC(s_h, A_h)·(τ_h/60)/(s_h − A_h);RT_h = RT_ref + 3600·W_q(饱和时 RT_max);m_RT,h = max(f_auto, exp(−ln2·max(0, RT_h − RT_ref)/h_RT));无人在线 m = f_auto;询单路径转化 × m_RT,t/m_RT0,t(基线客服的同日值)。\n\n**发货** 先付先发,每天最多发 K_t 单;第 s 天付款的订单可在第 s … s + D_ship − 1 天发出(淘宝默认72小时 = 3天,平台规则常见说法 [假设]);到期仍未发出的,每天有 h_cancel 的比例被买家取消并全额退款(含运费;默认1 = 到期全部取消),所以积压不超过最近 D_ship 天的订单;取消的订单不发货、无货品成本、运费和平台佣金。超时的订单(取消或迟发)每单赔付 min(c_max, max(c_min, c_rate·实付))(5%、5元、30元 [假设])。等了 w 天发出的订单迟到率 p_late(w) = p_late0 + (1 − p_late0)·(1 − e^(−w/d_tol)),按每单平均;d_t = 发出订单的平均等待天数;迟到或取消率 = (迟到 + 取消)/付款订单。取消的新客以 h_cancel 的权重进入复购池(默认0:没收到货就不算店铺客户)。\n\n**事故率** q_R = (1 − c)·[q0 + (p_late − p_late0) + (p_dmg − p_dmg0)] + c(c = 当天付款订单中被取消的比例,取消必算事故);q_S 中取消的订单按 p_late = 1 计;q_S = q0 + s_late·(p_late − p_late0) + s_RT·(m_RT0 − m_RT);q_D = q0 + d_deal·深度折扣订单占比 + d_pad·凑单金额占比。\n\n**评分** D 由发出的订单在付款后 d_t + L_del + L_rev 天评分(每件一条);S、R 统计每笔付款订单的结果(含取消;S 中取消按 p_late = 1 计),一律在付款后 L_del + L_rev 天计入(类似体验分按全部付款订单考核发货及时率和售后 [假设]),积压不会把差评推到推演期之外;π = (1 − q)·π_good + q·π_bad;F = Σk·N_k/ΣN_k,窗口 = 含当天往前 181 天(种子口径)或 180 天。\n\n**反馈** M_DSR = exp(β_DSR·(F̄_{t−1} − F̄_0));M_neg = 1 − β_neg·(最新20条描述评价中1–2星占比 − 基线);F̄ < θ_gate 时关闭聚划算/天天特价流量;出事故的新客按 h_bad 降低复购。",
        "**Service queue** λ_h = q_inq·UV·w_h; A_h = λ_h·τ_h/60; s_h = n_agents·m_conc; W_q = "
        "ErlangC(s_h, A_h)·(τ_h/60)/(s_h − A_h); RT_h = RT_ref + 3600·W_q (RT_max when "
        "swamped); m_RT,h = max(f_auto, exp(−ln2·max(0, RT_h − RT_ref)/h_RT)); no agent online: "
        "m = f_auto; the inquiry path converts × m_RT,t/m_RT0,t (the baseline desk on the same "
        "day).\n\n**Fulfilment** first paid, first shipped (FIFO), at most K_t orders a day; "
        "orders paid on day s may ship on days s … s + D_ship − 1 (Taobao's default 72 h = 3 "
        "days, platform rule as commonly stated [assumption]); of those still waiting at the "
        "deadline a share h_cancel a day is cancelled by the buyers and refunded in full, "
        "shipping fee included (default 1: all cancelled at the deadline), so the backlog never "
        "exceeds the last D_ship days' orders; cancelled orders carry no goods cost, parcel or "
        "platform commission. Every order past the deadline (cancelled or shipped late) is "
        "compensated min(c_max, max(c_min, c_rate·paid)) (5 %, 5 and 30 yuan [assumption]). An "
        "order shipped after w days arrives late with p_late(w) = p_late0 + (1 − p_late0)·(1 − "
        "e^(−w/d_tol)), averaged order by order; d_t = mean wait of the shipped orders; late or "
        "cancelled = (late + cancelled) ÷ paid orders. Cancelled new buyers join the repeat "
        "base with weight h_cancel (default 0: no goods, no customer).\n\n**Incidents** q_R = (1 "
        "− c)·[q0 + (p_late − p_late0) + (p_dmg − p_dmg0)] + c (c = share of the day's paid "
        "orders cancelled: a cancellation is always an incident); in q_S a cancelled order "
        "counts as p_late = 1; q_S = q0 + s_late·(p_late − p_late0) + s_RT·(m_RT0 − m_RT); q_D "
        "= q0 + d_deal·deep-discount order share + d_pad·padded value share.\n\n**Scores** D "
        "ratings come from the shipped orders d_t + L_del + L_rev days after payment (one per "
        "item); S and R count every paid order's fate, cancellations included (in S as p_late = "
        "1), L_del + L_rev days after payment (as the platform's experience score measures "
        "shipping timeliness and after-sales over all paid orders [assumption]), so a backlog "
        "never pushes its bad marks past the horizon; π = (1 − q)·π_good + q·π_bad; F = "
        "Σk·N_k/ΣN_k over the window: 181 days up to today (seed's example) or "
        "180.\n\n**Feedback** M_DSR = exp(β_DSR·(F̄_{t−1} − F̄_0)); M_neg = 1 − β_neg·(1–2★ share "
        "of the latest 20 description ratings − baseline); below θ_gate the Juhuasuan/Tiantian "
        "Tejia traffic closes; new buyers with an incident come back less (h_bad).",
    ),
    "ds.cancel_note": (
        "{n} 单({share})在付款后 {days} 天内没能发出,被买家取消:退款 {refunds},另付延迟发货赔付 {comp}。"
        "这些订单不计收入,也不会成为回头客。",
        "{n} orders ({share}) could not ship within {days} days of payment and were cancelled by "
        "their buyers: {refunds} refunded, plus {comp} of late-dispatch compensation. They bring "
        "no revenue and no returning customers.",
    ),
}
