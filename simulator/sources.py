"""The registry's sources in words, in Chinese and in English (issue 16, defect 8).

A registry ``Param.source`` is written for the model's maintainers: seed file names
(``003_6162060a84d80a32.txt``), spec sections (``MODEL.md §4.1``) and notes in either language.
A user reads :func:`source_text` instead: seeds by their title, spec sections by their subject,
and the note translated (``SOURCES``: registry source → (zh, en)). A source without an entry
(a parameter added later) is still shown without file names or section numbers
(:func:`_mechanical`), and the language scan (tests/app/test_language_scan.py) names it.
"""

from __future__ import annotations

import re

from simulator.registry import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

#: The five seed documents by their titles (MODEL.md §1.1–1.5).
SEED_TITLES: dict[str, tuple[str, str]] = {
    SEED_000: (
        "种子000《店铺运营与DSR文章汇编》",
        "seed 000 (articles on ordering, psychology and DSR)",
    ),
    SEED_001: ("种子001《询单转化》", "seed 001 (article on inquiry conversion)"),
    SEED_002: ("种子002《提升店铺转化率》", "seed 002 (article on raising store conversion)"),
    SEED_003: (
        "种子003《营销有方 转化有道》",
        "seed 003 (training slides on marketing and conversion)",
    ),
    SEED_004: ("种子004《差评处理与营销策略》", "seed 004 (essays on bad reviews and marketing)"),
}

#: Spec sections by their subject (MODEL.md headings).
SECTIONS: dict[str, tuple[str, str]] = {
    "1.7": ("种子勘误", "seed errata"),
    "4.1": ("流量", "traffic"),
    "4.2": ("转化、客服与付款", "conversion, service and payment"),
    "4.3": ("价格反应与促销", "price response and promotions"),
    "4.4": ("购物篮", "basket"),
    "4.5": ("复购与会员", "repeat buying and loyalty"),
    "4.6": ("发货、评价与DSR", "fulfilment, ratings and DSR"),
    "4.7": ("财务", "financials"),
    "5.2": ("满减与凑单", "spend-and-save and topping up"),
    "5.4": ("满就送", "gifts at a threshold"),
    "5.5": ("加价换购", "add-on deals"),
    "5.6": ("第2件半价", "second item off"),
    "5.8": ("会员价与会员日", "member prices and member days"),
    "5.10": ("包邮卡", "free-shipping cards"),
    "5.12": ("储值", "stored value"),
    "5.13": ("推荐裂变", "referrals"),
    "6.1": ("流量增长", "traffic growth"),
    "6.2": ("客服排队", "service queue"),
    "6.3": ("转化", "conversion"),
    "6.4": ("付款与催付", "payment and reminders"),
    "6.6": ("复购", "repeat buying"),
    "7.3": ("评分事件", "rating incidents"),
    "7.7": ("评分反馈", "rating feedback"),
    "9.2": ("模拟期", "simulation horizon"),
}


def section_text(section: str, lang: str) -> str:
    """A spec section by its subject: ``模型说明·流量`` / ``model notes: traffic``."""
    zh, en = SECTIONS.get(section, ("", ""))
    if lang == "zh":
        return f"模型说明·{zh}" if zh else "模型说明"
    return f"model notes: {en}" if en else "model notes"


def _m(*sections: str) -> tuple[str, str]:
    return (
        "、".join(section_text(s, "zh") for s in sections),
        "; ".join(section_text(s, "en") for s in sections),
    )


S0, S1, S2, S3, S4 = (SEED_TITLES[s] for s in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004))
_GG = ("Gamma-Gamma", "Gamma-Gamma")

#: Registry source → (zh, en) shown to users.
SOURCES: dict[str, tuple[str, str]] = {
    "+9.9 换购 VC片 (003_6162060a84d80a32.txt)": (
        f"加9.9元换购VC片({S3[0]})", f"add 9.9 yuan for vitamin C tablets ({S3[1]})"),
    f"{SEED_000} example score 4.8": (f"{S0[0]}的示例评分4.8", f"{S0[1]}: example score 4.8"),
    f"{SEED_000}: 8月11日 → 2月12日–8月11日 (MODEL.md §1.7 E3)": (
        f"{S0[0]}:8月11日 → 2月12日–8月11日(勘误E3)",
        f"{S0[1]}: 11 August → 12 February–11 August (erratum E3)"),
    f"{SEED_000}: agents on duty until 24:00": (f"{S0[0]}:客服值班到24:00", f"{S0[1]}: agents on duty until 24:00"),
    f"{SEED_000}: 黄金6秒": (f"{S0[0]}:黄金6秒", f"{S0[1]}: the 'golden 6 seconds'"),
    f"{SEED_001}: 体验分低于60分不能参加营销活动 (0 = off)": (
        f"{S1[0]}:体验分低于60分不能参加营销活动(0 = 不限制)",
        f"{S1[1]}: shops scoring below 60 cannot join campaigns (0 = off)"),
    f"{SEED_002} / {SEED_000}: agents 09:00–24:00": (
        f"{S2[0]}、{S0[0]}:客服09:00–24:00在线", f"{S2[1]}; {S0[1]}: agents 09:00–24:00"),
    f"{SEED_002}: 4 agents online": (f"{S2[0]}:4位客服在线", f"{S2[1]}: 4 agents online"),
    f"{SEED_002}: 64.79% precise traffic": (f"{S2[0]}:精准流量64.79%", f"{S2[1]}: 64.79% precise traffic"),
    f"{SEED_002}: agents below 25% judged poor": (
        f"{S2[0]}:询单转化低于25%的客服算差", f"{S2[1]}: agents below 25% judged poor"),
    f"{SEED_003} campaign review: 仓库太小,发货延迟": (
        f"{S3[0]}活动复盘:仓库太小,发货延迟", f"{S3[1]}, campaign review: warehouse too small, shipping late"),
    f"{SEED_003} campaign review: 客服人手不足": (
        f"{S3[0]}活动复盘:客服人手不足", f"{S3[1]}, campaign review: too few agents"),
    f"{SEED_003} rule: 5天内确认收货并好评 +10 分; share of member orders doing so": (
        f"{S3[0]}规则:5天内确认收货并好评 +10 分;这样做的会员订单占比",
        f"{S3[1]}, rule: confirm receipt and rate well within 5 days, +10 points; share of member orders doing so"),
    f"{SEED_003} rule: 拍下后2小时内付款 +10 分; share of member orders paid that fast": (
        f"{S3[0]}规则:拍下后2小时内付款 +10 分;这么快付款的会员订单占比",
        f"{S3[1]}, rule: pay within 2 hours of ordering, +10 points; share of member orders paid that fast"),
    f"{SEED_003} rule: 收藏店铺 +5 分; share of new members who favourite the store": (
        f"{S3[0]}规则:收藏店铺 +5 分;收藏店铺的新会员占比",
        f"{S3[1]}, rule: favourite the store, +5 points; share of new members who do"),
    f"{SEED_003} rule: 每日签到 +1 分, 连续签到10天 +20 分; share of members signing in a day": (
        f"{S3[0]}规则:每日签到 +1 分,连续签到10天 +20 分;每天签到的会员占比",
        f"{S3[1]}, rule: daily sign-in +1 point, 10 days in a row +20; share of members signing in a day"),
    f"{SEED_003} 天天特价 table: 7,505,132 / 64,981": (
        f"{S3[0]}天天特价类目表:7,505,132 / 64,981",
        f"{S3[1]}, daily-deals category table: 7,505,132 / 64,981"),
    f"{SEED_003}: 2nd reminder next day 10:00, other method": (
        f"{S3[0]}:次日10:00换一种方式再催一次", f"{S3[1]}: 2nd reminder next day 10:00, other method"),
    f"{SEED_003}: VIP levels are free; a paid membership is the user's option (MODEL.md §6.6)": (
        f"{S3[0]}:VIP等级免费;付费会员由用户自选", f"{S3[1]}: VIP levels are free; a paid membership is the user's option"),
    f"{SEED_003}: pre-campaign conversion 2.4%": (f"{S3[0]}:活动前转化率2.4%", f"{S3[1]}: pre-campaign conversion 2.4%"),
    f"{SEED_003}: within 60 min (10 min in campaigns)": (
        f"{S3[0]}:60分钟内(活动期间10分钟)", f"{S3[1]}: within 60 min (10 min in campaigns)"),
    f"{SEED_003}: 包邮卡 T1/T2/T3": (f"{S3[0]}:包邮卡 T1/T2/T3", f"{S3[1]}: free-shipping cards T1/T2/T3"),
    f"{SEED_003}: 天天特价 55万/100万/150万 UV per day (2012-04/05/06)": (
        f"{S3[0]}:天天特价每天55万/100万/150万 UV(2012年4、5、6月)",
        f"{S3[1]}: daily deals 550k/1M/1.5M UV a day (April/May/June 2012)"),
    f"{SEED_003}: 每消费1元积1分": (f"{S3[0]}:每消费1元积1分", f"{S3[1]}: 1 point per yuan spent"),
    f"{SEED_003}: 短信/电话通知老客户": (f"{S3[0]}:短信/电话通知老客户", f"{S3[1]}: old customers notified by SMS or phone"),
    f"{SEED_003}: 确认收货后次日生效; delivery ≈ 3 days": (
        f"{S3[0]}:确认收货后次日生效;配送约3天", f"{S3[1]}: valid the day after confirmed receipt; delivery ≈ 3 days"),
    f"{SEED_004}: 充500送5升油, 充1000送电饭煲+米": (
        f"{S4[0]}:充500送5升油,充1000送电饭煲+米",
        f"{S4[1]}: top up 500, get 5 L of oil; top up 1000, get a rice cooker and rice"),
    "Amorim et al. 2025 (1/1.0722)": ("Amorim et al. 2025(1/1.0722)", "Amorim et al. 2025 (1/1.0722)"),
    "BG/NBD CDNOW, Fader, Hardie & Lee 2005": (
        "BG/NBD 模型的 CDNOW 拟合,Fader, Hardie & Lee 2005", "BG/NBD fit to CDNOW, Fader, Hardie & Lee 2005"),
    "Bijmolt, van Heerde & Pieters 2005 (mean of 1,851)": (
        "Bijmolt, van Heerde & Pieters 2005(1,851 个估计的均值)", "Bijmolt, van Heerde & Pieters 2005 (mean of 1,851)"),
    "CPM ÷ (1000 × CTR); 钻展 is sold per mille": (
        "CPM ÷ (1000 × 点击率);钻展按千次展示售卖", "CPM ÷ (1000 × CTR); display ads are sold per thousand views"),
    "Gamma-Gamma CDNOW, Fader & Hardie 2013 (MODEL.md T6)": (
        "Gamma-Gamma 模型的 CDNOW 拟合,Fader & Hardie 2013", "Gamma-Gamma fit to CDNOW, Fader & Hardie 2013"),
    "Hemmati et al. 2021 (8.4–14.7%)": ("Hemmati et al. 2021(8.4–14.7%)", "Hemmati et al. 2021 (8.4–14.7%)"),
    "Leeflang et al. 2008 (cross-item 22%)": ("Leeflang et al. 2008(跨商品转移22%)", "Leeflang et al. 2008 (cross-item 22%)"),
    "Luca 2016: one star ≈ 5–9% revenue; ln 1.07 (transfer: ASSUMPTION)": (
        "Luca 2016:一颗星 ≈ 收入的5–9%;取 ln 1.07(移用到淘宝是假设)",
        "Luca 2016: one star ≈ 5–9% of revenue; ln 1.07 (applying it to Taobao is an assumption)"),
    "MODEL.md §10 T17: accounts leave at a constant hazard 1/L besides the BG/NBD dropout, so the "
    "repeat stream of a store older than about 3·L is stationary; one year is the common CRM rule of "
    "thumb for a lost customer; no published Taobao figure": (
        "除 BG/NBD 的流失外,账户以恒定速率 1/L 离开,所以开店超过约 3·L 的店铺复购保持平稳;"
        "一年是客户关系管理中判定流失客户的常用经验值;没有公开的淘宝数据",
        "accounts leave at a constant hazard 1/L besides the BG/NBD dropout, so the repeat stream of "
        "a store older than about 3·L is stationary; one year is the common CRM rule of thumb for a "
        "lost customer; no published Taobao figure"),
    "MODEL.md §4.1 (flat by default)": (f"{_m('4.1')[0]}(默认各天相同)", f"{_m('4.1')[1]} (flat by default)"),
    "MODEL.md §4.1; calibrated in V4": (
        f"{_m('4.1')[0]};按种子003的活动校准", f"{_m('4.1')[1]}; calibrated to seed 003's campaign"),
    "MODEL.md §4.2; 002_92d308f1e7ed1097.txt's 12 s vs 244 s agents imply 68 s [DERIVED]": (
        f"{_m('4.2')[0]};{S2[0]}中12秒与244秒的客服对比推出68秒 [派生]",
        f"{_m('4.2')[1]}; {S2[1]}: agents answering in 12 s and 244 s imply 68 s [DERIVED]"),
    f"MODEL.md §4.2; off-hours demand {SEED_000}": (
        f"{_m('4.2')[0]};下班时段需求见{S0[0]}", f"{_m('4.2')[1]}; off-hours demand from {S0[1]}"),
    "MODEL.md §4.3 (half-life 13.5 d)": (f"{_m('4.3')[0]}(半衰期13.5天)", f"{_m('4.3')[1]} (half-life 13.5 days)"),
    f"MODEL.md §4.3; the seed campaign implies 0.24 ({SEED_003})": (
        f"{_m('4.3')[0]};{S3[0]}的活动推出0.24", f"{_m('4.3')[1]}; the campaign of {S3[1]} implies 0.24"),
    "MODEL.md §4.4 (客件数 proxy)": (f"{_m('4.4')[0]}(客件数的近似)", f"{_m('4.4')[1]} (units per buyer as a proxy)"),
    "MODEL.md §4.5 (gift-card breakage)": (f"{_m('4.5')[0]}(礼品卡沉淀率)", f"{_m('4.5')[1]} (gift-card breakage)"),
    "MODEL.md §4.5 (loyalty-programme breakage)": (
        f"{_m('4.5')[0]}(积分计划沉淀率)", f"{_m('4.5')[1]} (loyalty-programme breakage)"),
    "MODEL.md §4.5; LIT Kivetz et al. 2006 (16–20%) as upper reference": (
        f"{_m('4.5')[0]};文献 Kivetz et al. 2006(16–20%)作为上限参考",
        f"{_m('4.5')[1]}; published Kivetz et al. 2006 (16–20%) as an upper reference"),
    "MODEL.md §4.5; direction LIT Lewis 2006": (
        f"{_m('4.5')[0]};方向见文献 Lewis 2006", f"{_m('4.5')[1]}; direction from published Lewis 2006"),
    f"MODEL.md §4.6 (not public per {SEED_000})": (
        f"{_m('4.6')[0]}(据{S0[0]},该数据不公开)", f"{_m('4.6')[1]} (not public, per {S0[1]})"),
    f"MODEL.md §4.6 (≤ 5 days with a review incentive, {SEED_003})": (
        f"{_m('4.6')[0]}(有好评奖励时 ≤ 5天,{S3[0]})", f"{_m('4.6')[1]} (≤ 5 days with a review incentive, {S3[1]})"),
    "MODEL.md §4.6: 3 × the baseline's 96 paid orders a day": (
        f"{_m('4.6')[0]}:基线每天96笔支付订单的3倍", f"{_m('4.6')[1]}: 3 × the baseline's 96 paid orders a day"),
    "MODEL.md §4.6; Olist 8.1% [SECONDARY]": (
        f"{_m('4.6')[0]};Olist 数据 8.1% [二手]", f"{_m('4.6')[1]}; Olist data 8.1% [SECONDARY]"),
    f"MODEL.md §4.6; causes from {SEED_004}": (
        f"{_m('4.6')[0]};原因见{S4[0]}", f"{_m('4.6')[1]}; causes from {S4[1]}"),
    "MODEL.md §4.5, §5.8": _m("4.5", "5.8"),
    "MODEL.md §5.10 (price not in the seed)": (f"{_m('5.10')[0]}(种子没有价格)", f"{_m('5.10')[1]} (price not in the seed)"),
    "MODEL.md §5.10 (user input)": (f"{_m('5.10')[0]}(由用户填写)", f"{_m('5.10')[1]} (your input)"),
    "MODEL.md §5.12 (user input)": (f"{_m('5.12')[0]}(由用户填写)", f"{_m('5.12')[1]} (your input)"),
    "MODEL.md §5.13 (K = referrals per referred customer over a lifetime)": (
        f"{_m('5.13')[0]}(K = 每位被推荐客户一生带来的推荐数)",
        f"{_m('5.13')[1]} (K = referrals per referred customer over a lifetime)"),
    "MODEL.md §5.8 (one day per month)": (f"{_m('5.8')[0]}(每月一天)", f"{_m('5.8')[1]} (one day a month)"),
    "MODEL.md §6.1: growth slows as the store fills its market (logistic diffusion, as in Bass "
    "1969); no seed or published figure for a Taobao store's room to grow": (
        f"{_m('6.1')[0]}:店铺越接近市场容量增长越慢(逻辑斯蒂扩散,同 Bass 1969);种子和文献都没有淘宝店铺增长空间的数据",
        f"{_m('6.1')[1]}: growth slows as the store fills its market (logistic diffusion, as in "
        "Bass 1969); no seed or published figure for a Taobao store's room to grow"),
    "MODEL.md §6.2 (RT_max when the desk is saturated)": (
        f"{_m('6.2')[0]}(客服满负荷时的首次响应时间)", f"{_m('6.2')[1]} (first response when the desk is saturated)"),
    "MODEL.md §6.6 (AOV ratio, or Gamma-Gamma per-customer spend, Fader & Hardie 2013)": (
        f"{_m('6.6')[0]}(客单价倍数,或 Gamma-Gamma 每客花费,Fader & Hardie 2013)",
        f"{_m('6.6')[1]} (AOV ratio, or Gamma-Gamma per-customer spend, Fader & Hardie 2013)"),
    "MODEL.md §6.6 (CLV with an explicit annual discount rate)": (
        f"{_m('6.6')[0]}(CLV 用明确的年折现率)", f"{_m('6.6')[1]} (CLV with an explicit annual discount rate)"),
    "MODEL.md §6.6 (default 0.5 on campaign days)": (
        f"{_m('6.6')[0]}(活动日默认0.5)", f"{_m('6.6')[1]} (default 0.5 on campaign days)"),
    "MODEL.md §6.6: the everyday share; a plan's extra late, damaged or slowly answered orders add "
    "to it through the incidents of §7.3": (
        f"{_m('6.6')[0]}:日常占比;方案多出的延迟、破损或回复慢的订单经评分事件计入",
        f"{_m('6.6')[1]}: the everyday share; a plan's extra late, damaged or slowly answered orders "
        "add to it through the rating incidents"),
    "MODEL.md §7.3 (凑单 dissatisfaction)": (f"{_m('7.3')[0]}(凑单带来的不满)", f"{_m('7.3')[1]} (dissatisfaction after topping up)"),
    "MODEL.md §7.3; deal-buyer direction Byers et al. 2012": (
        f"{_m('7.3')[0]};低价买家的方向见 Byers et al. 2012", f"{_m('7.3')[1]}; deal-buyer direction Byers et al. 2012"),
    f"MODEL.md §7.7; direction {SEED_003}, {SEED_004}": (
        f"{_m('7.7')[0]};方向见{S3[0]}、{S4[0]}", f"{_m('7.7')[1]}; direction from {S3[1]} and {S4[1]}"),
    "MODEL.md §9.2: ≥ one 180-day DSR window": (
        "至少一个180天的DSR评分窗口", "at least one 180-day DSR window"),
    "Schmitt, Skiera & Van den Bulte 2011": ("Schmitt, Skiera & Van den Bulte 2011",) * 2,
    "Tversky & Kahneman 1992 (analogy)": ("Tversky & Kahneman 1992(类比)", "Tversky & Kahneman 1992 (by analogy)"),
    "a buyer whose order was cancelled never received the goods: no first purchase, so not a "
    "customer of the repeat model (BG/NBD counts buyers from their first purchase)": (
        "订单被取消的买家没有收到货:没有首购,不算复购模型的客户(BG/NBD 从首购起计买家)",
        "a buyer whose order was cancelled never received the goods: no first purchase, so not a "
        "customer of the repeat model (BG/NBD counts buyers from their first purchase)"),
    f"audiences from {SEED_003}": (f"人群来自{S3[0]}", f"audiences from {S3[1]}"),
    "broad audience; MODEL.md q_imp analogy": (
        "人群宽泛;类比非精准流量的转化倍数", "broad audience; by analogy with the conversion of untargeted visitors"),
    "calibrated to Hemmati et al. 2021 (V8)": ("按 Hemmati et al. 2021 校准", "calibrated to Hemmati et al. 2021"),
    f"categories (货到付款, cancelled, duplicate) from {SEED_003}": (
        f"类别(货到付款、已取消、重复下单)来自{S3[0]}",
        f"categories (cash on delivery, cancelled, duplicate) from {S3[1]}"),
    "commission on sales brought": ("按带来的成交额计佣", "commission on the sales brought"),
    "concept: Kalyanaram & Little 1989": ("概念:Kalyanaram & Little 1989", "concept: Kalyanaram & Little 1989"),
    f"deepest seed campaign was 5折 ({SEED_003})": (
        f"种子中最深的活动是5折({S3[0]})", f"the deepest seed campaign was 50% off ({S3[1]})"),
    f"default AOV + 25 ('比客单价多消费20–30元的满包邮', {SEED_003})": (
        f"默认客单价 + 25(“比客单价多消费20–30元的满包邮”,{S3[0]})",
        f"default AOV + 25 ('free shipping 20–30 yuan above the AOV', {S3[1]})"),
    "direction: Zhang et al. 2020": ("方向:Zhang et al. 2020", "direction: Zhang et al. 2020"),
    "keyword-targeted visitors assumed as precise as organic": (
        "假设关键词引来的访客与自然流量一样精准", "keyword-targeted visitors assumed as precise as organic ones"),
    "log-normal spread of willingness to pay, as for the membership fee [ASSUMPTION]": (
        "支付意愿按对数正态分布,同会员费 [假设]",
        "log-normal spread of willingness to pay, as for the membership fee [ASSUMPTION]"),
    "log-normal spread of willingness to pay; σ ≈ 1 means the middle half of buyers would pay "
    "between 0.5× and 2× the median [ASSUMPTION]": (
        "支付意愿按对数正态分布;σ ≈ 1 表示中间一半买家愿付中位数的0.5到2倍 [假设]",
        "log-normal spread of willingness to pay; σ ≈ 1 means the middle half of buyers would pay "
        "between 0.5× and 2× the median [ASSUMPTION]"),
    "many Taobao items ship free (包邮)": ("淘宝很多商品包邮", "many Taobao items ship free"),
    "median WTP = expected money a member saves in a year (member price, points): a buyer pays up "
    "to about what the perks return [ASSUMPTION]; log-normal WTP as in contingent valuation "
    "(Cameron & James 1987)": (
        "支付意愿中位数 = 会员一年预计省下的钱(会员价、积分):买家最多愿付权益返还的金额 [假设];"
        "支付意愿按对数正态分布,同条件价值评估法(Cameron & James 1987)",
        "median willingness to pay = money a member expects to save in a year (member price, "
        "points): a buyer pays up to about what the perks return [ASSUMPTION]; log-normal, as in "
        "contingent valuation (Cameron & James 1987)"),
    "median WTP = shipping fees a holder expects to save over the card's term (a year for T1, the "
    "CLV horizon for lifetime cards) [ASSUMPTION]; log-normal WTP as in contingent valuation "
    "(Cameron & James 1987)": (
        "支付意愿中位数 = 持卡人在卡的期限内预计省下的运费(T1 一年,终身卡按 CLV 期限)[假设];"
        "支付意愿按对数正态分布,同条件价值评估法(Cameron & James 1987)",
        "median willingness to pay = shipping fees a holder expects to save over the card's term (a "
        "year for T1, the CLV horizon for lifetime cards) [ASSUMPTION]; log-normal, as in "
        "contingent valuation (Cameron & James 1987)"),
    "not in the seeds": ("种子中没有", "not in the seeds"),
    "perceived value of the add-on item": ("换购商品的感知价值", "perceived value of the add-on item"),
    "platform rule as commonly stated (the buyer may cancel past the 发货时限); 1 = every buyer "
    "whose order missed the deadline cancels it (they have usually bought elsewhere)": (
        "通常所说的平台规则(超过发货时限买家可以取消);1 = 错过时限的买家都会取消(他们通常已在别处买了)",
        "platform rule as commonly stated (the buyer may cancel past the ship-by deadline); 1 = every "
        "buyer whose order missed the deadline cancels it (they have usually bought elsewhere)"),
    "platform rule as commonly stated: Taobao 发货时限 and 延迟发货 rule as commonly stated (72 h "
    "after payment; 5 %, min 5, max 30 yuan); not in our seeds": (
        "通常所说的淘宝发货时限与延迟发货规则(付款后72小时;5%,最少5元,最多30元);种子中没有",
        "Taobao's ship-by and late-shipment rule as commonly stated (72 h after payment; 5 %, min "
        "5, max 30 yuan); not in our seeds"),
    f"preset B, inquiries ≈ 200/day inside the 100–300 band of {SEED_003}": (
        f"预设B,询单约200/天,在{S3[0]}的100–300区间内",
        f"preset B, inquiries ≈ 200 a day inside the 100–300 band of {S3[1]}"),
    f"preset B; 'loyal' share > 5% in {SEED_003} (V6)": (
        f"预设B;{S3[0]}中“忠实客户”占比 > 5%", f"preset B; 'loyal' share > 5% in {S3[1]}"),
    f"prizes 1980 / 199 / 68 ({SEED_004})": (f"奖品1980 / 199 / 68元({S4[0]})", f"prizes 1980 / 199 / 68 yuan ({S4[1]})"),
    "probabilities not in the seed": ("种子中没有中奖概率", "probabilities not in the seed"),
    "returning buyers know the shop and convert far better than new visitors, but still browse a "
    "few times per order: 4 visits ≈ 25 % conversion, about ten times the store's 2.4 %; no seed "
    "or published Taobao figure": (
        "老买家熟悉店铺,转化远高于新访客,但每单仍会浏览几次:4次访问 ≈ 25%转化率,约为店铺2.4%的十倍;种子和文献都没有淘宝数据",
        "returning buyers know the shop and convert far better than new visitors, but still browse "
        "a few times per order: 4 visits ≈ 25 % conversion, about ten times the store's 2.4 %; no "
        "seed or published Taobao figure"),
    f"rule 'high AOV → phone' from {SEED_003}": (
        f"“客单价高 → 打电话”的规则来自{S3[0]}", f"rule 'high order value → phone' from {S3[1]}"),
    "sBG fit to Fader & Hardie 2007 'regular' data (MODEL.md T7)": (
        "sBG 模型拟合 Fader & Hardie 2007 的常规订阅客户数据", "sBG fit to the 'regular' data of Fader & Hardie 2007"),
    "seed practice vs cart-retargeting evidence (Li et al. 2021)": (
        "种子的做法与购物车再营销研究(Li et al. 2021)对照",
        "seed practice against cart-retargeting evidence (Li et al. 2021)"),
    f"spend 200+ → draw ({SEED_004})": (f"满200元抽奖({S4[0]})", f"spend 200+ → a draw ({S4[1]})"),
    f"store stages, {SEED_003}; a mature mid-size store 3 years old, a large one 5, a new one 90 "
    "days (MODEL.md §10 T17)": (
        f"店铺阶段见{S3[0]};成熟的中级店3年,大店5年,新店90天",
        f"store stages, {S3[1]}; a mature mid-size store 3 years old, a large one 5, a new one 90 days"),
    "user's calendar": ("用户的活动日历", "your calendar"),
    "user's plan": ("用户的方案", "your plan"),
    "v = AOV·(q − 1)/p: the default AOV 115.5 yuan as the population mean p·v/(q − 1)": (
        "v = AOV·(q − 1)/p:以默认客单价115.5元作为总体均值 p·v/(q − 1)",
        "v = AOV·(q − 1)/p: the default AOV 115.5 yuan as the population mean p·v/(q − 1)"),
    "van Heerde, Leeflang & Wittink 2000 (dip 4–25%)": (
        "van Heerde, Leeflang & Wittink 2000(回落4–25%)", "van Heerde, Leeflang & Wittink 2000 (dip 4–25%)"),
    "全场 = 1": ("全场 = 1", "store-wide = 1"),
    f"全场满百送深海鱼油 ({SEED_003})": (f"全场满百送深海鱼油({S3[0]})", f"fish oil with every 100 yuan spent ({S3[1]})"),
    "坑位费; not in the seeds": ("坑位费;种子中没有", "slot fee; not in the seeds"),
    f"淘客 sites, {SEED_003}": (f"淘客网站,{S3[0]}", f"affiliate sites, {S3[1]}"),
    f"第2件半价 ({SEED_003})": (f"第2件半价({S3[0]})", f"second item half price ({S3[1]})"),
    "预热 before the event": ("活动前预热", "pre-heat before the event"),
}  # fmt: skip

_SEED_NAME = re.compile(r"\b(00[0-4])_[0-9a-f]{16}\.txt\b")
_SPEC = re.compile(r"\(?MODEL\.md\s*((?:§\s*[\d.]+\s*,?\s*)+)?(?:\s*[TVE]\d+)?\)?")


def _mechanical(source: str, lang: str) -> str:
    """Seed file names → titles, spec references → subjects (a source without an entry)."""
    i = 0 if lang == "zh" else 1
    text = _SEED_NAME.sub(lambda m: SEED_TITLES[m.group(0)][i], source)

    def spec(m: re.Match[str]) -> str:
        sections = re.findall(r"§\s*([\d.]+)", m.group(0))
        return "、".join(section_text(s.rstrip("."), lang) for s in sections) or section_text(
            "", lang
        )

    return _SPEC.sub(spec, text)


def source_text(source: str, lang: str) -> str:
    """The registry ``source`` as a user reads it, in ``lang`` ("zh" or "en")."""
    if source in SOURCES:
        return SOURCES[source][0 if lang == "zh" else 1]
    return _mechanical(source, lang)


#: Sources of the presets (``simulator.presets.PRESET_SOURCES``) → (zh, en).
PRESET_SOURCES_TEXT: dict[str, tuple[str, str]] = {
    "new_store": (f"{S3[0]}(店铺阶段);访客数与开店时长 [假设]",
                  f"{S3[1]} (store stages); visitors and store age [ASSUMPTION]"),
    "mid_store": (f"{S3[0]}(店铺阶段)、{S2[0]}(4位客服);访客数 [假设]",
                  f"{S3[1]} (store stages), {S2[1]} (4 agents); visitors [ASSUMPTION]"),
    "large_store": (f"{S3[0]}(店铺阶段);访客数、开店时长、客服人数 [假设]",
                    f"{S3[1]} (store stages); visitors, store age, agents [ASSUMPTION]"),
    "clothing_store_2011": (
        f"{S2[0]}(UV 价值、询单、精准流量占比);客单价来自{S3[0]};访客2,500、询单率1%、老客户占比10% [假设]",
        f"{S2[1]} (UV value, inquiries, precise share); AOV from {S3[1]}; 2,500 visitors, inquiry "
        "rate 1%, old share 10% [ASSUMPTION]"),
    "tiantian_tejia_2012": (
        f"{S3[0]}(2012年6月频道 UV、类目表客单价);店铺分到的份额、折扣深度与时长 [假设]",
        f"{S3[1]} (channel UV June 2012, category table AOV); store share, discount depth and "
        "duration [ASSUMPTION]"),
    "double12_campaign": (
        f"{S3[0]}(4天全场5折包邮、流量来源、转化率2.4% → 3.68%);来源访客 [派生] 以对上3.68%;"
        "各来源花费 [假设];仓库按日常订单的1.5倍(仓库太小)[假设]",
        f"{S3[1]} (4 days of 50% off store-wide with free shipping, traffic sources, conversion "
        "2.4% → 3.68%); source visitors [DERIVED] to match 3.68%; spend per source [ASSUMPTION]; "
        "warehouse for 1.5 × everyday orders (too small, as in the seed) [ASSUMPTION]"),
}  # fmt: skip


def preset_source_text(name: str, source: str, lang: str) -> str:
    """The source of preset ``name`` (its registry text ``source`` when it has no entry)."""
    if name in PRESET_SOURCES_TEXT:
        return PRESET_SOURCES_TEXT[name][0 if lang == "zh" else 1]
    return _mechanical(source, lang)
