"""The Membership & repurchase page: schemes, paid membership, streams, seed 003's stages.

Prefixes: ``mb.*``.
Used by pages/membership.py, ui/membership.py, ui/state.py."""

from __future__ import annotations

PREFIXES = ("mb",)

KEYS: dict[str, tuple[str, str]] = {
    "mb.intro": (
        "“让买过的再来”:会员、积分、包邮卡、储值、推荐裂变和老客户召回,会带回多少复购、一个新客户值多少、这些方案背后欠下多少负债、现金何时进出。改动作用于侧边栏选中的方案。",
        "“Bring buyers back”: members, points, free-shipping cards, stored value, referrals and "
        "old-customer outreach — how many repeat orders they bring, what a new customer is worth, "
        "what the schemes owe and when the cash moves. Edits go to the scenario chosen in the "
        "sidebar.",
    ),
    "mb.schemes": ("会员方案", "Membership schemes"),
    "mb.review_reward": (
        "奖励“确认收货并好评”(+10 分)",
        "Reward a confirmed receipt with a good review (+10)",
    ),
    "mb.review_warning": (
        "用积分奖励好评可能违反淘宝评价规则(不得以利益诱导评价),有被处罚的风险。",
        "Rewarding good reviews with points may break Taobao's review rules (no reviews induced "
        "by benefits) and risks a penalty.",
    ),
    "mb.fee_uptake": (
        "支付意愿:会员一年预计省 {benefit}(会员价、积分)。会费 {price} 时新买家入会率 {priced}"
        "(所填 {stated} 按基线会费 {ref_price} 测得);只有交费的会员享受会员权益。",
        "Willingness to pay: a member expects to save {benefit} a year (member price, points). "
        "At a fee of {price}, {priced} of new buyers join (the {stated} entered is measured at "
        "the baseline's fee of {ref_price}); only paying members get the perks.",
    ),
    "mb.card_uptake": (
        "支付意愿:持卡期内预计省运费 {benefit}。售价 {price} 时新会员购卡率 {priced}"
        "(所填 {stated} 按基线售价 {ref_price} 测得)。",
        "Willingness to pay: a holder expects to save {benefit} of shipping while the card "
        "lasts. At a price of {price}, {priced} of new members buy it (the {stated} entered is "
        "measured at the baseline's price of {ref_price}).",
    ),
    "mb.fee_terms": (
        "付费会员:首年续费率 {r1},三年后仍在 {s3}(sBG)。",
        "Paid membership: first renewal {r1}, still a member after three years {s3} (sBG).",
    ),
    "mb.gg_summary": (
        "Gamma-Gamma:复购平均客单价 {mean}(= p·v/(q−1),客单价的 {ratio} 倍),单笔金额变异系数 {cv},复购篮子 σ = {sigma}。",
        "Gamma-Gamma: mean repeat order {mean} (= p·v/(q−1), {ratio} × AOV), order-value CV {cv}, "
        "repeat basket σ = {sigma}.",
    ),
    "mb.gg_infinite": ("无穷大(q ≤ 2)", "infinite (q ≤ 2)"),
    "mb.gg_match": ("按当前客单价设定 v", "Set v from the current AOV"),
    "mb.gg_customer": ("某位老客户的预期客单价", "One old customer's expected order value"),
    "mb.gg_x": ("已复购次数 x", "Repeat orders so far x"),
    "mb.gg_mbar": ("这些复购的平均金额 m̄(元)", "Their mean value m̄ (yuan)"),
    "mb.gg_expect": (
        "预期下一单 {value}:在自己的均值 {own} 与全体均值 {pop} 之间,复购越多越靠近自己的均值。",
        "Expected next order {value}: between their own mean {own} and everyone's {pop}, closer "
        "to their own the more they have bought.",
    ),
    "mb.enable": ("启用", "Switch on"),
    "mb.member_price": ("会员价", "Member price"),
    "mb.member_day": ("会员日", "Member day"),
    "mb.points": ("积分", "Points"),
    "mb.card": ("包邮卡", "Free-shipping card"),
    "mb.stored_value": ("储值卡", "Stored value"),
    "mb.referral": ("推荐裂变", "Referrals"),
    "mb.outreach": ("老客户召回", "Outreach"),
    "mb.streams": ("复购与 CLV", "Repeat & CLV"),
    "mb.member_price_about": (
        "会员在复购时享受会员价;长期折扣下参考价已适应,只有非参考部分起作用。",
        "Members pay a member price on repeat orders; with a permanent discount the reference "
        "price has adapted, so only the non-reference part acts.",
    ),
    "mb.member_day_about": (
        "每月一天会员日,会员复购意愿提高,但会透支之后几天的购买。",
        "One member day a month: members buy again more that day, borrowing from the days after.",
    ),
    "mb.points_about": (
        "种子003的积分规则:每消费1元积1分,2小时内付款 +10,5天内确认收货并好评 +10,每日签到 +1(连续10天 +20),收藏店铺 +5;订单积分在确认收货后次日生效。积分在发放时计费用,按沉淀率和兑换滞后进入负债台账。",
        "Seed 003's rules: 1 point per yuan, +10 for paying within 2 h, +10 for confirming with "
        "a good review within 5 days, +1 a daily sign-in (+20 for 10 days in a row), +5 for "
        "adding the store to favourites; order points are valid the day after confirmed "
        "receipt. Points are expensed when issued, net of breakage, and tracked in a liability "
        "ledger.",
    ),
    "mb.card_about": (
        "种子003的三档包邮卡;持卡人复购更多、运费由店铺承担;年卡按 sBG 续费。",
        "Seed 003's three card tiers; holders buy again more and ship free; yearly cards renew "
        "at the sBG rate.",
    ),
    "mb.stored_value_about": (
        "种子004的储值档位与赠品;现金先到、销售后确认,沉淀部分最终计为收入。",
        "Seed 004's top-up tiers and gifts; cash arrives first, revenue when the balance is "
        "spent, and what is never spent becomes income.",
    ),
    "mb.referral_about": (
        "会员带来新买家,推荐奖励按种子004的档位;K ≥ 1 时增长无上限,会给出警告。",
        "Members bring new buyers, rewarded by seed 004's tiers; K ≥ 1 grows without bound and "
        "is flagged.",
    ),
    "mb.outreach_about": (
        "活动日前用短信或电话通知老客户,通知到的老客户当天复购提高;每次活动发送一次。",
        "Old customers are notified by SMS or phone before campaign days and buy again more on "
        "them; one message per campaign.",
    ),
    "mb.members_chart": ("会员与老客户", "Members and old customers"),
    "mb.cohort": ("新客户复购曲线与终身价值", "Cohort repurchase and lifetime value"),
    "mb.rr": ("{d} 天复购率", "RR {d} d"),
    "mb.clv_repeats": ("期内复购单数", "Repeat orders in horizon"),
    "mb.clv_plain": ("CLV(未折现)", "CLV (undiscounted)"),
    "mb.clv": ("CLV(折现)", "CLV (discounted)"),
    "mb.days_since": ("首单后天数", "Days since the first order"),
    "mb.rr_axis": ("至少复购一次的比例", "Share who bought again"),
    "mb.clv_units": (
        "CLV:每位新客户的贡献利润(元),含首单;期限 {h} 天,年折现率 {d}。复购率 RR(τ) = 1 − (α/(α+τ))^r,按该方案客群的平均复购倍数缩放 [派生]。",
        "CLV: contribution per new customer (yuan), first order included; horizon {h} days, "
        "annual discount rate {d}. RR(τ) = 1 − (α/(α+τ))^r with the rate scaled by the cohort's "
        "mean repeat multiplier [DERIVED].",
    ),
    "mb.money": ("负债、现金与利润", "Liabilities, cash and profit"),
    "mb.liabilities": ("负债余额(所选方案)", "Liabilities outstanding (scenario shown)"),
    "mb.ledger": ("台账", "Ledger"),
    "mb.cash_chart": ("累计现金与利润", "Cumulative cash and profit"),
    "mb.line": ("项目", "Line"),
    "mb.total": ("推演期合计", "Horizon total"),
    "mb.k": (
        "推荐裂变系数 K = {k}(每位被推荐客户再带来的新客户数)。",
        "Referral factor K = {k} (new buyers each referred buyer brings).",
    ),
    "mb.v6": ("店铺阶段核对(种子003,V6)", "Store stages against seed 003 (V6)"),
    "mb.v6_a": ("新店:询单 < 50/天,老客户占比 5–10%", "New: < 50 inquiries/day, old share 5–10%"),
    "mb.v6_b": ("中级:询单 100–300/天,忠实客户 > 5%", "Mid: 100–300 inquiries/day, loyal > 5%"),
    "mb.v6_c": ("高级:询单 > 500/天,忠实客户 > 10%", "Large: > 500 inquiries/day, loyal > 10%"),
    "mb.loyal": ("忠实客户(≥2 单)", "Loyal (≥ 2 orders)"),
    "mb.seed_says": ("种子003", "Seed 003"),
    "mb.v6_note": (
        "“忠实客户”按至少下过 2 单理解 [假设];按 ≥3 单,中级店和高级店达不到种子的下限。老客户占比取第 0 天。",
        "“Loyal” is read as at least 2 orders [ASSUMPTION]; with ≥ 3 orders the mid and large "
        "stores miss the seed's minima. Old-customer share on day 0.",
    ),
    "mb.formulas": (
        "**复购** Rep_t = (1/Z)·[N·Σ ΔE_L(j)·f_hist(j) + Σ_c N_c·ΔE_L(t−c)·f(t−c)],ΔE_L(k) = ΔE(k)·e^(−k/L)(客户账户平均寿命 L,假设;它让成熟店铺的复购保持平稳),f(k) = [(1−e) + e·(1+u_mem)·(1+c·u_ship·S_card(k))·(1+s·u_sv·e^(−k/L_sv))]·(1−b+b·h_bad);Z 使方案等于基线时老客户占比不变。\n\n**推荐** R_t = ρ·e·Σ_{j=1..L}(N_{t−j}+R_{t−j}),K = e·ρ·L,稳态每位自然新客带来 K/(1−K) 位被推荐客户。\n\n**积分(种子003规则)** 每单 ⌊实付⌋·e_pt + 10·s_2h + 10·s_rev;每位会员每天签到 q + 20·(1−q)·q¹⁰/(1−q¹⁰);新会员收藏 5·s_fav。费用 = 发放 × 每分价值 × (1 − 沉淀率);负债 = 发放 − 兑换 − 过期。\n\n**付费会员与包邮卡** 年度续费 sBG:r_n = (β+n−1)/(α+β+n−1),存续 S(n) = Π r_i;未续费的会员失去 u_mem;收入按 365 天直线确认。\n\n**会费与包邮卡售价(支付意愿)** 买家愿付的价格服从对数正态分布:S(P) = 1 − Φ((ln P − ln m)/σ),m = κ·B(至少 1 元);B_会员 = 新客一年复购次数·(1+u_mem)·复购客单价·(δ_m + e_pt·v_pt·(1−沉淀率)),B_卡 = 运费·付运费占比·持卡期内订单数(T1 一年,最多 36 次;T2/T3 为 CLV 期限)。入会率 e 与购卡率 c 按基线价格测得:e' = min(1, e·S_方案(P_方案)/S_基线(P_基线)),c' 同理;所填比率高于 S_基线(P_基线) 时两边的 m 一同上调,使 S_基线(P_基线) = 所填比率。只有付费者成为会员或持卡人、享受复购提升;续费仍按 sBG。形式:二分选择条件价值评估的对数出价 probit(Cameron & James 1987);κ、σ 为 [假设]。\n\n**复购金额(Gamma-Gamma)** 复购客单价 = p·v/(q−1);单笔金额 CV² = (p+q−1)/(p·(q−2)),篮子 σ = √ln(1+CV²);已知客户 x 次复购、均值 m̄ 时 E[M] = p·(v + x·m̄)/(p·x + q − 1)。\n\n**储值** 负债 = 充值 − 消费 − 沉淀;现金 = 利润 + Δ储值负债 + (售卡现金 − 确认收入) + (积分费用 − 兑换)。\n\n**CLV** = 首单贡献 + Σ_k ΔE(k)·m·复购客单价·贡献率/(1+d)^(k/365)。",
        "**Repeat** Rep_t = (1/Z)·[N·Σ ΔE_L(j)·f_hist(j) + Σ_c N_c·ΔE_L(t−c)·f(t−c)], ΔE_L(k) = "
        "ΔE(k)·e^(−k/L) (mean customer lifetime L, assumption: it keeps a mature store's repeat "
        "orders steady), f(k) = [(1−e) + "
        "e·(1+u_mem)·(1+c·u_ship·S_card(k))·(1+s·u_sv·e^(−k/L_sv))]·(1−b+b·h_bad); Z keeps the "
        "old-customer share when the plan equals the baseline.\n\n**Referrals** R_t = "
        "ρ·e·Σ_{j=1..L}(N_{t−j}+R_{t−j}), K = e·ρ·L; in steady state every organic new buyer "
        "brings K/(1−K) referred ones.\n\n**Points (seed 003's rules)** per order ⌊paid⌋·e_pt + "
        "10·s_2h + 10·s_rev; per member a day (sign-ins) q + 20·(1−q)·q¹⁰/(1−q¹⁰); new members' "
        "favourites 5·s_fav. Expense = issued × value per point × (1 − breakage); liability = "
        "issued − redeemed − expired.\n\n**Paid membership and card** yearly renewals sBG: r_n = "
        "(β+n−1)/(α+β+n−1), survival S(n) = Π r_i; lapsed members lose u_mem; revenue "
        "straight-line over 365 days.\n\n**Fee and card price (willingness to pay)** the price "
        "buyers would pay is log-normal: S(P) = 1 − Φ((ln P − ln m)/σ), m = κ·B (at least 1 "
        "yuan); B_member = a new buyer's repeat orders in a year·(1+u_mem)·repeat AOV·(δ_m + "
        "e_pt·v_pt·(1 − breakage)), B_card = shipping fee·share paying shipping·orders while "
        "the card lasts (T1: a year, at most 36; T2/T3: the CLV horizon). Enrolment e and card "
        "uptake c are measured at the baseline's prices: e' = min(1, "
        "e·S_plan(P_plan)/S_baseline(P_baseline)), c' likewise; when the rate entered is above "
        "S_baseline(P_baseline), both medians rise together until they meet it. Only payers "
        "become members or holders and get the repeat uplift; renewals keep the sBG rates. "
        "Form: the log-bid probit of closed-ended contingent valuation (Cameron & James 1987); "
        "κ and σ are [ASSUMPTION].\n\n**Repeat spend (Gamma-Gamma)** repeat AOV = p·v/(q−1); one "
        "order's CV² = (p+q−1)/(p·(q−2)), basket σ = √ln(1+CV²); a customer with x repeat "
        "orders averaging m̄: E[M] = p·(v + x·m̄)/(p·x + q − 1).\n\n**Stored value** liability = "
        "top-ups − spent − breakage; cash = profit + Δ stored-value liability + (card cash − "
        "revenue recognised) + (points expense − redeemed).\n\n**CLV** = first-order contribution "
        "+ Σ_k ΔE(k)·m·repeat AOV·margin/(1+d)^(k/365).",
    ),
}
