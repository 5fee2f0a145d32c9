"""The Promotions page and the promotion kinds: a kind's name (``kind.*``), description
(``desc.*``), stacking stage, goals, audiences and the phrases of its summary (``sum.*``,
``simulator.promotion_kinds.Phrase``).

Prefixes: ``pr.*``, ``kind.*``, ``desc.*``, ``stage.*``, ``goal.*``, ``aud.*``, ``sum.*``.
Used by pages/promotions.py, ui/promotions.py, simulator/promotion_kinds.py."""

from __future__ import annotations

PREFIXES = ("pr", "kind", "desc", "stage", "goal", "aud", "sum")

KEYS: dict[str, tuple[str, str]] = {
    "pr.intro": (
        "在日历上安排促销,看每项促销的成本、增量与 ROI、购物篮的凑单、满减门槛的选择、利润变化和促销后的回落。编辑的是侧栏选中的方案。",
        "Place promotions on the calendar and see each one's cost, increments and ROI, the "
        "basket topping up to a threshold, how to pick a spend-and-save tier, the profit change "
        "and the post-promotion dip. Edits go to the scenario chosen in the sidebar.",
    ),
    "pr.builder": ("添加促销", "Add a promotion"),
    "pr.kind": ("促销类型", "Kind"),
    "pr.goal": ("目标(种子003):{goals}", "Goal (seed 003): {goals}"),
    "pr.stage": ("叠加顺序:{stage}", "Stacking stage: {stage}"),
    "pr.audience": ("适用人群", "Audience"),
    "pr.audience_all_only": (
        "这类促销只能面向全部买家。",
        "This kind is offered to all buyers only.",
    ),
    "pr.tiers": (
        "每行一档:门槛与减多少(元);满200减20、满300减40 → 到300减40。",
        "One row per tier: threshold and amount off (yuan); 200 → 20 off, 300 → 40 off means 40 "
        "off from 300.",
    ),
    "pr.repeat": ("每满减(按第一档的倍数叠加)", "Every multiple (of the first tier)"),
    "pr.repeat_help": (
        "每满140减10:280减20,420减30……",
        "10 off every 140: 20 off at 280, 30 off at 420 …",
    ),
    "pr.post_purchase": ("购后发放抵价券", "Voucher after purchase"),
    "pr.post_purchase_help": (
        "勾选后:新买家付款后获得抵价券,在有效期内复购率提升;不勾选:本次购买可用的券。",
        "Ticked: new buyers get a voucher after paying that raises their repeat rate until it "
        "expires; unticked: a coupon for this purchase.",
    ),
    "pr.uncapped": ("上不封顶(每满一次送一份)", "Uncapped (one gift per multiple)"),
    "pr.uncapped_help": (
        "全场满百送,上不封顶:满200送两份……(种子003)",
        "One gift per 100 spent, uncapped: two gifts at 200 … (seed 003)",
    ),
    "pr.fs_placeholder": (
        "留空 = 客单价 + {margin} = {value}",
        "empty = AOV + {margin} = {value}",
    ),
    "pr.prizes": (
        "每行一种奖品:标价、成本、中奖概率(%)。",
        "One row per prize: list value, cost, win probability (%).",
    ),
    "pr.add": ("添加到日历", "Add to the calendar"),
    "pr.added": ("已添加:{label}", "Added: {label}"),
    "pr.current": ("促销日历", "Campaign calendar"),
    "pr.none": (
        "还没有促销。在左侧添加一项,或在侧栏选择预设「年末大促」作为方案。",
        "No promotions yet. Add one on the left, or pick the “Year-end campaign” preset as the plan "
        "in the sidebar.",
    ),
    "pr.delete": ("删除这项促销", "Delete this promotion"),
    "pr.delete_short": ("删除", "Delete"),
    "pr.clear": ("全部清除", "Clear all"),
    "pr.layers_now": (
        "同时最多 {n} 层(上限 {max} 层,种子003)。",
        "At most {n} layers at once (limit {max}, seed 003).",
    ),
    "pr.days_text": ("第{a}–{b}天", "days {a}–{b}"),
    "pr.day_text": ("第{a}天", "day {a}"),
    "pr.preheat_text": ("(预热{p}天)", " (pre-heat {p} d)"),
    "pr.phase.event": ("活动", "Event"),
    "pr.phase.preheat": ("预热", "Pre-heat"),
    "pr.col.phase": ("阶段", "Phase"),
    "pr.col.no": ("#", "#"),
    "pr.col.kind": ("类型", "Kind"),
    "pr.col.detail": ("内容", "Offer"),
    "pr.col.days": ("日期", "Days"),
    "pr.col.audience": ("人群", "Audience"),
    "pr.col.cost": ("直接成本", "Direct cost"),
    "pr.col.incremental_gmv": ("增量 GMV", "Incremental GMV"),
    "pr.col.incremental_orders": ("增量订单", "Incremental orders"),
    "pr.col.incremental_profit": ("增量利润", "Incremental profit"),
    "pr.col.roi": ("ROI", "ROI"),
    "pr.report": ("每项促销的成本与回报", "Cost and return of each promotion"),
    "pr.report_caption": (
        "直接成本:让利、免掉的运费、赠品/奖品/换购品成本、抵价券。增量 = 方案 − 去掉这一项后的方案(整段推演,含促销后的回落);ROI = 增量利润 ÷ 直接成本。",
        "Direct cost: money off, shipping fees waived, gifts, prizes and add-on items at cost, "
        "vouchers. Increments = plan − the plan without this promotion (whole horizon, the "
        "post-promotion dip included); ROI = incremental profit ÷ direct cost.",
    ),
    "pr.daily": ("每日走势与促销后的回落", "Day by day, and the post-promotion dip"),
    "pr.repay": ("偿还透支(单/天)", "Orders repaid (per day)"),
    "pr.repay_caption": (
        "下图:每天偿还给「透支」的订单(促销时提前买走的需求)。整段共偿还 {total} 单,期末仍欠 {left} 单。",
        "Lower panel: orders repaid each day to the pull-forward debt (demand the promotion "
        "bought early). {total} orders repaid over the horizon, {left} still owed at the end.",
    ),
    "pr.band": ("促销", "Promotion"),
    "pr.basket": (
        "购物篮:门槛前后的订单金额分布",
        "Basket: order values before and after a threshold",
    ),
    "pr.basket_source": ("门槛来自", "Threshold from"),
    "pr.custom": ("自定义门槛", "A threshold chosen here"),
    "pr.basket_x": ("订单金额(元,标价)", "Order value (yuan, list price)"),
    "pr.basket_y": ("每 1 元区间的订单占比", "Share of orders per ¥1"),
    "pr.before": ("促销前", "Before"),
    "pr.after": ("促销后(凑单)", "After (topping up)"),
    "pr.curve": ("分布", "Curve"),
    "pr.threshold": ("门槛", "Threshold"),
    "pr.basket_stats": (
        "凑单概率 P_pad = **{p_pad}** · 门槛下订单中凑单的比例 **{share}**(文献 Hemmati et al. 2021:{lo}–{hi},{verdict})· 客单价变化 ΔAOV = **{daov}**",
        "Topping-up probability P_pad = **{p_pad}** · share of below-threshold orders that top up **{share}** (LIT "
        "Hemmati et al. 2021: {lo}–{hi}, {verdict}) · ΔAOV = **{daov}**",
    ),
    "pr.in_range": ("在范围内", "inside"),
    "pr.below_range": ("低于范围", "below"),
    "pr.above_range": ("高于范围", "above"),
    "pr.basket_caption": (
        "按店铺客单价 {aov}(标价,σ_B = {sigma})的对数正态购物篮;{share}的买家持有此优惠。",
        "Lognormal basket at the store's AOV {aov} (list price, σ_B = {sigma}); {share} of buyers "
        "hold the offer.",
    ),
    "pr.picker": ("选满减门槛", "Pick a spend-and-save threshold"),
    "pr.picker_x": ("候选门槛(元)", "Candidate threshold (yuan)"),
    "pr.picker_aov": ("付款客单价(元)", "AOV paid (yuan)"),
    "pr.picker_cost": ("单均让利(元)", "Discount per order (yuan)"),
    "pr.picker_elig": ("达标订单占比", "Orders qualifying"),
    "pr.picker_pad": ("门槛下凑单比例", "Below-threshold orders topping up"),
    "pr.current_tier": ("当前满减档", "Current spend-and-save tier"),
    "pr.picker_caption": (
        "实线:付款客单价(左轴);虚线:每单平均让利(右轴);竖线:方案里现有的满减档。",
        "Solid: AOV paid (left axis); dashed: discount per order (right axis); rules: the "
        "scenario's current spend-and-save tiers.",
    ),
    "pr.picker_at": (
        "当前档 满{t}减{r}:付款客单价 {aov},单均让利 {cost},达标 {elig}。",
        "Current tier ¥{r} off ¥{t}: AOV paid {aov}, discount per order {cost}, {elig} qualify.",
    ),
    "pr.waterfall": ("利润瀑布:方案对比基线", "Profit waterfall: plan vs baseline"),
    "pr.wf.baseline": ("基线利润", "Baseline profit"),
    "pr.wf.plan": ("方案利润", "Plan profit"),
    "pr.no_change": (
        "方案与基线利润相同。添加一项促销,这里会显示利润的变化。",
        "The plan's profit equals the baseline's. Add a promotion to see the change here.",
    ),
    "pr.advanced": (
        "高级:价格反应、透支与购物篮参数",
        "Advanced: price response, pull-forward and basket parameters",
    ),
    "pr.adv.price": ("价格反应与透支", "Price response and pull-forward"),
    "pr.adv.basket": ("购物篮与凑单", "Basket and topping up"),
    "pr.adv.other": ("运费、会员与退货", "Shipping, members and returns"),
    "pr.formulas": ("公式与出处", "Formulas and sources"),
    "pr.f.calendar": (
        "- **叠加规则** [种子003]:同一天最多 {max} 层促销,同一类促销不能同时进行;预热日不算一层。\n- **叠加顺序**:① 商品级(限时折扣、第2件N折)→ ② 订单级门槛(满减、优惠券、满包邮、满就送、抽奖)→ ③ 加价换购 [假设:平台计算顺序]。\n- **预热**:公布后到开始前买家观望,转化 ×(1 − w_pre),w_pre = {w_pre} {w_pre_src}。\n- **人群**:限时折扣、满减、优惠券、满就送、第2件N折可只给老客户或会员(老客户中入会的 {members});满包邮、加价换购、抽奖面向全部买家。",
        "- **Layer rule** [SEED 003]: at most {max} promotions on one day, never two of one "
        "kind; pre-heat days are not a layer.\n- **Stacking order**: ① item level (limited-time "
        "discount, second item) → ② order-level thresholds (spend-and-save, coupons, free "
        "shipping, gifts, lottery) → ③ add-on deals [ASSUMPTION: the platform's order of "
        "calculation].\n- **Pre-heat**: between announcement and start buyers wait, conversion × "
        "(1 − w_pre), w_pre = {w_pre} {w_pre_src}.\n- **Audience**: discounts, spend-and-save, "
        "coupons, gifts and second-item offers may target old customers or members only "
        "(members = {members} of old customers); free shipping, add-on deals and lotteries go "
        "to all buyers.",
    ),
    "pr.f.mechanisms": (
        "- **限时折扣**:价格指数 x = 1 − δ·θ_cov;ln M = (1 − ρ_ref)·ε·ln x + γ_G·G − γ_L·L,γ_G = −ρ_ref·ε,γ_L = λ·γ_G;参考价 R_t+1 = θ_ref·R_t + (1 − θ_ref)·ln x_t。ε = {eps} {eps_src};λ = {lam} {lam_src};ρ_ref = {rho},θ_ref = {theta} {rho_src}。提升中 M^φ 作用于转化(φ = {phi}),其余作用于件数。\n- **第2件N折**:单件毛利 p − c,一对毛利 (2 − N)·p − 2c;本店 p = {p}、c = {c}、N = {n2}:单件 {m1},一对 {m2}。只有升级为两件的买家(u2 = {u2})带来的多于给原本就买两件的人的让利时才划算 [种子003;假设]。\n- **加价换购**:换购率 a = clip(a0 + a1·(1 − X/V), 0, a_max) = {attach}(X = {x},V = {v};a0 = {a0},a1 = {a1},a_max = {amax})[假设]。\n- **满就送、抽奖**:赠品/奖品的感知价值按 η_g = {eta} 折算成让利;抽奖每单成本 = Σ pᵢ·cᵢ。\n- **ROI** = 增量利润 ÷ 直接成本;增量 = 方案 − 去掉这一项的方案。",
        "- **Limited-time discount**: price index x = 1 − δ·θ_cov; ln M = (1 − ρ_ref)·ε·ln x + "
        "γ_G·G − γ_L·L, γ_G = −ρ_ref·ε, γ_L = λ·γ_G; reference price R_t+1 = θ_ref·R_t + (1 − "
        "θ_ref)·ln x_t. ε = {eps} {eps_src}; λ = {lam} {lam_src}; ρ_ref = {rho}, θ_ref = "
        "{theta} {rho_src}. M^φ of the lift acts on conversion (φ = {phi}), the rest on "
        "units.\n- **Second item off**: single margin p − c, pair margin (2 − N)·p − 2c; for "
        "this store p = {p}, c = {c}, N = {n2}: single {m1}, pair {m2}. It pays only if "
        "upgrades to two (u2 = {u2}) bring more than the discount given to buyers of pairs "
        "anyway [SEED 003; ASSUMPTION].\n- **Add-on deal**: attach rate a = clip(a0 + a1·(1 − "
        "X/V), 0, a_max) = {attach} (X = {x}, V = {v}; a0 = {a0}, a1 = {a1}, a_max = {amax}) "
        "[ASSUMPTION].\n- **Gifts, lottery**: a gift's or prize's perceived value counts as "
        "money off at η_g = {eta}; a lottery costs Σ pᵢ·cᵢ per qualifying order.\n- **ROI** = "
        "incremental profit ÷ direct cost; increments = plan − the plan without it.",
    ),
    "pr.f.pull": (
        "- **透支**:促销日增加的**订单数** ΔQ_t = 订单_t·(1 − 1/M°_t)(M° 是促销对下单人数的倍数;促销篮子里多买的件数算作多消费、品类扩张,不借未来 [假设;van Heerde 等 2004:促销增量约三分之一来自跨期]),其中 π = {pi} 是从未来借来的 {pi_src};Dbt_t+1 = Dbt_t·(1 − 1/τ) + π·ΔQ_t,每天到期 Dbt_t/τ,τ = {tau} 天 {tau_src}。\n- **参考价**:长期或频繁的折扣拉低买家心里的参考价,恢复原价时被看作涨价(损失厌恶 λ = {lam})。\n- **回落只算一次**:参考价损失少掉的订单 ℓ_t 先抵扣当天到期的透支,只偿还余下部分 Repay_t = (Dbt_t/τ − ℓ_t)⁺ [假设:两者是同一个回落的两种解释]。这样回落为促销增量的 4–25%(van Heerde, Leeflang & Wittink 2000),例如全店8折4天约为订单增量的 13%。",
        "- **Pull-forward**: of a promotion day's extra **orders** ΔQ_t = Orders_t·(1 − 1/M°_t) "
        "(M° is the promotion's multiplier on the number of orders; the extra units in the deal "
        "baskets count as consumption and category expansion and are not borrowed [ASSUMPTION; "
        "van Heerde et al. 2004: about a third of a bump is cross-period]), π = {pi} are "
        "borrowed from the future {pi_src}; Dbt_t+1 = Dbt_t·(1 − 1/τ) + π·ΔQ_t, Dbt_t/τ falling "
        "due a day, τ = {tau} days {tau_src}.\n- **Reference price**: long or frequent discounts "
        "lower the price buyers expect, so the list price feels like a rise when it returns "
        "(loss aversion λ = {lam}).\n- **One dip, counted once**: the orders the reference-price "
        "loss keeps away, ℓ_t, pay what falls due first; only the rest is charged, Repay_t = "
        "(Dbt_t/τ − ℓ_t)⁺ [ASSUMPTION: two accounts of one dip]. The dip is then 4–25 % of the "
        "bump (van Heerde, Leeflang & Wittink 2000): a 4-day 20 % store-wide discount dips by "
        "about 13 % of its orders lift.",
    ),
    "pr.f.basket": (
        "- **凑单**:订单金额 B ~ 对数正态,μ = ln AOV − σ_B²/2(σ_B = {sigma})。门槛 T、让利 Rw:差额在窗口 w = Rw/(1 − v) 内的买家以 ψ(b) = ψ_max·(b − (T − w))/w 的概率凑单到 T + O,O 服从均值 {over}·T 的指数分布。\n- P_pad = (ψ_max/w)·[PM₁(a, T) − a·PM₀(a, T)],ΔAOV = (ψ_max/w)·[−PM₂ + (c + a)·PM₁ − a·c·PM₀],a = T − w,c = T + ō,PM_k 为对数正态部分矩。\n- v = {v_pad},ψ_max = {psi} [假设,按文献 Hemmati et al. 2021 校准:门槛下订单 {lo}–{hi} 凑单];凑单部分退货率 {bubble} {bubble_src}。\n- **满包邮**:Rw = 运费 {fee};默认门槛 = 客单价 + {margin} = {default} [种子003「比客单价多消费20–30元的满包邮」]。",
        "- **Topping up**: order value B ~ lognormal, μ = ln AOV − σ_B²/2 (σ_B = {sigma}). "
        "Threshold T, reward Rw: a buyer short by less than w = Rw/(1 − v) tops up with "
        "probability ψ(b) = ψ_max·(b − (T − w))/w to T + O, O exponential with mean {over}·T.\n- "
        "P_pad = (ψ_max/w)·[PM₁(a, T) − a·PM₀(a, T)], ΔAOV = (ψ_max/w)·[−PM₂ + (c + a)·PM₁ − "
        "a·c·PM₀], a = T − w, c = T + ō, PM_k the lognormal partial moments.\n- v = {v_pad}, "
        "ψ_max = {psi} [ASSUMPTION, calibrated to LIT Hemmati et al. 2021: {lo}–{hi} of "
        "below-threshold orders top up]; padded items return at {bubble} {bubble_src}.\n- **Free "
        "shipping**: Rw = the shipping fee {fee}; default threshold = AOV + {margin} = "
        "{default} [SEED 003 “free shipping 20–30 yuan above the AOV”].",
    ),
    "pr.f.curve": (
        "对每个候选门槛 T:付款客单价 = AOV + ΔAOV − Rw·P_elig,单均让利 = Rw·P_elig,P_elig = 1 − P_below + P_pad。门槛太低,人人达标,让利成了白送;门槛太高,凑单的人多但达标的人少。",
        "For each candidate threshold T: AOV paid = AOV + ΔAOV − Rw·P_elig, discount per order "
        "= Rw·P_elig, P_elig = 1 − P_below + P_pad. Too low and everyone qualifies: the money "
        "off is given away; too high and more buyers top up but fewer qualify.",
    ),
    "pr.f.profit": (
        "利润的变化按收支科目拆分,与总览和对比页的利润拆解是同一个,各项之和恰好等于利润的变化:原价销售额 − 折扣让利 − 退款(扣除收取的运费)− 商品成本(含赠品、换购品、奖品)− 快递与平台费 − 客服 − 营销 − 会员计划(积分、储值赠送等成本,扣除会费、包邮卡收入和未使用的储值)。凑单部分按更高的退货率退回。",
        "The profit change split money line by money line: the same bridge as the Overview's "
        "and the Compare page's, so the lines add up exactly to the change: sales at list price "
        "− discounts − refunds (net of shipping fees charged) − goods cost (gifts, add-on items "
        "and prizes included) − shipping and platform fees − customer service − marketing − "
        "loyalty schemes (points, stored-value gifts and the like, net of the fees, card "
        "revenue and unspent stored value they bring in). Padded items return at a higher rate.",
    ),
    "kind.item_discount": ("限时折扣", "Limited-time discount"),
    "kind.threshold_discount": ("满减", "Spend & save"),
    "kind.coupon": ("优惠券", "Coupon"),
    "kind.free_shipping": ("满包邮", "Free shipping over"),
    "kind.gift": ("满就送", "Gift with spend"),
    "kind.addon": ("加价换购", "Add-on deal"),
    "kind.second_item": ("第2件N折", "Second item off"),
    "kind.lottery": ("抽奖", "Lottery"),
    "desc.item_discount": (
        "全场或部分商品限时降价;买家心里的参考价会随之下降。",
        "A time-limited price cut on all or part of the range; buyers' reference price follows it.",
    ),
    "desc.threshold_discount": (
        "满X减Y,可设多档或每满减;差一点到门槛的买家会凑单。",
        "Spend X, get Y off, in tiers or for every X; buyers just below top up.",
    ),
    "desc.coupon": (
        "领券后满额抵扣;或购后发抵价券,促进再次购买。",
        "A claimed coupon off a minimum spend; or a voucher given after purchase that brings "
        "buyers back.",
    ),
    "desc.free_shipping": (
        "满额包邮;留空门槛 = 客单价 + {margin} 元,0 = 全场包邮。",
        "Free shipping from a spend; leave the threshold empty for AOV + {margin} yuan, 0 = every "
        "order.",
    ),
    "desc.gift": (
        "满额送赠品(门槛 0 = 买就送),可上不封顶(每满一次送一份)。",
        "A gift from a spend (threshold 0 = with every order), optionally uncapped (one per "
        "multiple).",
    ),
    "desc.addon": (
        "加少量钱换购一件更值钱的商品。",
        "Add a little money to get an item worth more.",
    ),
    "desc.second_item": (
        "第二件打折(50% = 半价),吸引只买一件的买家买两件。",
        "Every second unit off (50% = half price), so single-unit buyers take two.",
    ),
    "desc.lottery": (
        "满额抽奖;奖品表:价值、成本、中奖概率。",
        "Orders from a spend draw for prizes: value, cost, win probability.",
    ),
    "stage.item": ("① 商品级", "① item level"),
    "stage.order": ("② 订单级门槛", "② order-level threshold"),
    "stage.addon": ("③ 加购", "③ add-on"),
    "goal.conversion": ("转化率(刺激购买)", "conversion (make them buy)"),
    "goal.aov": ("客单价(刺激多买)", "order value (make them buy more)"),
    "goal.repurchase": ("复购率(刺激再来)", "repurchase (bring them back)"),
    "aud.all": ("全部买家", "All buyers"),
    "aud.old_customers": ("老客户", "Old customers"),
    "aud.members": ("会员", "Members"),
    "sum.item_discount": ("降价 {pct},覆盖 {cov} 的商品", "{pct} off on {cov} of sales"),
    "sum.tier": ("满{t}减{r}", "¥{r} off ¥{t}+"),
    "sum.every": ("每满{t}减{r}", "¥{r} off every ¥{t}"),
    "sum.coupon": ("满{t}减{f} 的券,领券率 {c}", "¥{f} off ¥{t}+, claimed by {c}"),
    "sum.coupon_any": ("无门槛 {f} 元券,领券率 {c}", "¥{f} off any order, claimed by {c}"),
    "sum.voucher": (
        "购后抵价券 {f} 元(满{t}可用),{d} 天有效,发给 {c} 的新买家",
        "¥{f} voucher after purchase (¥{t}+), valid {d} days, to {c} of new buyers",
    ),
    "sum.free_shipping": ("满{t}包邮", "free shipping from ¥{t}"),
    "sum.free_shipping_default": (
        "满{t}包邮(客单价 + {m})",
        "free shipping from ¥{t} (AOV + {m})",
    ),
    "sum.free_shipping_all": ("全场包邮", "free shipping on every order"),
    "sum.gift": ("满{t}送价值 {v} 元的赠品", "a ¥{v} gift from ¥{t}"),
    "sum.gift_any": ("买就送价值 {v} 元的赠品", "a ¥{v} gift with every order"),
    "sum.uncapped": (",上不封顶", ", uncapped"),
    "sum.addon": ("加 {x} 元换购价值 {v} 元的商品", "add ¥{x} for an item worth ¥{v}"),
    "sum.addon_from": ("(满{t})", " (from ¥{t})"),
    "sum.second_item": ("第2件优惠 {pct}", "{pct} off every second unit"),
    "sum.lottery": (
        "满{t}抽奖,{n} 种奖品,每单期望成本 {c} 元",
        "draw from ¥{t}, {n} prizes, expected cost ¥{c} per order",
    ),
    # between two 满减 tiers of a kind's summary (simulator.promotion_kinds.Phrase)
    "sum.sep": (",", "; "),
}
