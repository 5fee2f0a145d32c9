"""Inputs drawn from the registry: parameter group headings, the words of a choice parameter's
options, provenance labels (SEED/LIT/DERIVED/ASSUMPTION/SECONDARY) and the advanced-settings
expander. The parameters' own labels and help live in ``simulator.registry``.

Prefixes: ``grp.*``, ``opt.*``, ``prov.*``, ``adv.*``.
Used by ui/widgets.py, pages/assumptions.py."""

from __future__ import annotations

PREFIXES = ("grp", "opt", "prov", "adv")

KEYS: dict[str, tuple[str, str]] = {
    "grp.horizon_days": ("推演", "Horizon"),
    "grp.store": ("店铺", "Store"),
    "grp.traffic": ("流量", "Traffic"),
    "grp.campaign": ("平台活动", "Platform campaign"),
    "grp.funnel": ("漏斗", "Funnel"),
    "grp.payment": ("付款", "Payment"),
    "grp.price": ("价格反应", "Price response"),
    "grp.promotion": ("促销", "Promotion"),
    "grp.repeat": ("复购", "Repeat"),
    "grp.basket": ("购物篮", "Basket"),
    "grp.membership": ("会员", "Membership"),
    "grp.service": ("客服", "Service"),
    "grp.fulfilment": ("发货", "Fulfilment"),
    "grp.dsr": ("店铺评分 DSR", "Shop ratings (DSR)"),
    "grp.finance": ("财务", "Finance"),
    "opt.payment.timing_evidence.seed": ("按种子经验", "Seed practice"),
    "opt.dsr.window.seed": ("按种子例子(含首尾181天)", "Seed example (181 days inclusive)"),
    "opt.dsr.window.strict": ("严格180天", "Strictly 180 days"),
    "opt.payment.timing_evidence.evidence": ("按研究证据", "Research evidence"),
    "opt.membership.card.tier.T1": ("T1 年卡", "T1 annual"),
    "opt.membership.card.tier.T2": ("T2 终身卡", "T2 lifetime"),
    "opt.membership.card.tier.T3": ("T3 终身优先卡", "T3 lifetime priority"),
    "opt.membership.stored_value.amount.500": ("充 500 元", "Top up 500"),
    "opt.membership.stored_value.amount.1000": ("充 1000 元", "Top up 1000"),
    "opt.membership.outreach.channel.sms": ("短信", "SMS"),
    "opt.membership.outreach.channel.phone": ("电话", "Phone"),
    "opt.repeat.spend_model.ratio": ("客单价倍数", "AOV ratio"),
    "opt.repeat.spend_model.gamma_gamma": ("Gamma-Gamma", "Gamma-Gamma"),
    "prov.SEED": ("种子", "SEED"),
    "prov.LIT": ("文献", "LIT"),
    "prov.DERIVED": ("派生", "DERIVED"),
    "prov.ASSUMPTION": ("假设", "ASSUMPTION"),
    "prov.SECONDARY": ("二手", "SECONDARY"),
    "adv.title": ("高级设置", "Advanced settings"),
    "adv.caption": (
        "本页其余会影响结果的参数,取自参数表:单位在名称后,来源类别和出处在每项的说明里。",
        "The page's other parameters that move the results, from the parameter registry: the "
        "unit after each name, the provenance and source in its help.",
    ),
}
