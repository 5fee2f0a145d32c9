"""Calendar dates: the start date, calendar events and their sources, date-range errors.

Prefixes: ``dt.*``.
Used by ui/dates.py, ui/datefmt.py, ui/errors.py."""

from __future__ import annotations

PREFIXES = ("dt",)

KEYS: dict[str, tuple[str, str]] = {
    "dt.start": ("开始日期(第0天)", "Start date (day 0)"),
    "dt.start_help": (
        "推演第0天的日历日期。活动窗口、图表和导出都按日期显示;周内流量系数和会员日按真实的星期"
        "和日期排列。分享链接总是带上这个日期。",
        "The calendar date of day 0. Promotion windows, charts and exports speak in dates; the "
        "weekday profile and the member day follow the real weekdays and dates. Share links "
        "always carry this date.",
    ),
    "dt.horizon_to": ("推演到 {date}", "Simulated to {date}"),
    "dt.window": ("{dates}({days})", "{dates} ({days})"),
    "dt.preheat": ("(预热{p}天,{date}起)", " (pre-heat {p} d from {date})"),
    "dt.range": ("活动日期(含首尾)", "Event dates (inclusive)"),
    "dt.range_help": (
        "在日历上选活动的第一天和最后一天;推演期之外的日期不可选。",
        "Pick the event's first and last day on the calendar; dates outside the simulated "
        "period cannot be chosen.",
    ),
    "dt.tpl.title": ("活动日历模板", "Campaign calendar template"),
    "dt.tpl.pick": ("电商节日", "E-commerce festival"),
    "dt.tpl.apply": ("应用到方案", "Apply to plan"),
    "dt.tpl.help": (
        "把方案的活动放到这个节日下一次的日期上:所有促销移到节日当天并按节日预热;没有促销时"
        "加一个默认满减;节日带来的平台流量替换方案里“其他”平台活动窗口,聚划算/天天特价窗口"
        "一并移到节日。",
        "Moves the plan's campaign to the festival's next occurrence: every promotion moves to "
        "the festival's days with its pre-heat (a plan without promotions gets the default spend-and-save offer); "
        "the festival's platform visitors replace the plan's “other” platform windows, and its "
        "Juhuasuan/Tiantian Tejia windows move to the festival too.",
    ),
    "dt.tpl.next": (
        "下一次:{window},预热{p}天;平台额外访客 = 日常自然访客 × {m}。",
        "Next: {window}, pre-heat {p} d; extra platform visitors = everyday organic visitors "
        "× {m}.",
    ),
    "dt.tpl.source": ("来源:{prov} · {text}", "Source: {prov} · {text}"),
    "dt.tpl.outside": (
        "{name}下一次在{dates},推演期只到{end}:未应用。请延长推演天数或调整开始日期。",
        "{name}'s next occurrence is {dates}, after the simulated period ends on {end}: not "
        "applied. Lengthen the horizon or move the start date.",
    ),
    "dt.tpl.unknown": (
        "{name}:{year}年的日期未知(春节日期表只到2040年):未应用。",
        "{name}: its date in {year} is not known (the Spring Festival table ends in 2040): not "
        "applied.",
    ),
    "dt.tpl.applied": (
        "已把{name}({window})应用到方案:{n}个促销、平台流量窗口已设置。",
        "{name} ({window}) applied to the plan: {n} promotion(s) and the platform traffic "
        "window set.",
    ),
    "dt.err.layers": (
        "{when}同时有{n}层促销({kinds}):最多{max}层(种子003)。未添加。",
        "{n} layers on {when} ({kinds}): at most {max} may run at once (seed 003). Not added.",
    ),
    "dt.err.same_kind": (
        "{when}已有一个「{kind}」:同一类促销不能同时进行(种子003)。未添加。",
        "A “{kind}” already runs on {when}: two promotions of one kind never overlap (seed 003). "
        "Not added.",
    ),
    "dt.ds.hourly_note": (
        "咨询最多的一天({when})逐小时的咨询量和首次响应时间(Erlang C 排队模型)。",
        "Inquiries and first-response time hour by hour on the busiest day, {when}, from the "
        "Erlang C queue.",
    ),
    "dt.ev.nianhuo": ("年货节", "New Year Shopping Festival"),
    "dt.ev.women38": ("38女王节", "Queen's Day (Mar 8)"),
    "dt.ev.mid618": ("618年中大促", "618 mid-year sale"),
    "dt.ev.sep99": ("99划算节", "9.9 Bargain Festival"),
    "dt.ev.double11": ("双11", "Double 11"),
    "dt.ev.double12": ("双12", "Double 12"),
    "dt.src.nianhuo": (
        "春节前第21–12天(快递约在春节前一周停运,活动须提前结束);流量倍数为假设。",
        "The 10 days ending 12 days before Spring Festival (couriers stop about a week before "
        "it); the traffic multiple is an assumption.",
    ),
    "dt.src.women38": (
        "3月6–8日,3月8日为正日;流量倍数为假设。",
        "Mar 6–8, the main day Mar 8; the traffic multiple is an assumption.",
    ),
    "dt.src.mid618": (
        "6月16–18日(京东店庆、天猫年中大促的高潮),前有预售预热;流量倍数为假设。",
        "Jun 16–18 (JD's anniversary, Tmall's mid-year peak) after a pre-sale; the traffic "
        "multiple is an assumption.",
    ),
    "dt.src.sep99": (
        "9月7–9日,9月9日为正日(聚划算);流量倍数为假设。",
        "Sep 7–9, the main day Sep 9 (Juhuasuan); the traffic multiple is an assumption.",
    ),
    "dt.src.double11": (
        "11月11日,11月1日起预热;全年最大的节日,流量倍数为假设。",
        "Nov 11, pre-heat from Nov 1; the year's largest festival, the traffic multiple is an "
        "assumption.",
    ),
    "dt.src.double12": (
        "12月9–12日,4天,同种子资料(淘宝运营课程)中年终大促的天数;流量倍数由该活动的引流"
        "访客推算(每天3,794人,对日常自然访客4,000人)。",
        "Dec 9–12, 4 days like the year-end campaign in the seed material (a Taobao operations "
        "course); the traffic multiple is derived from that campaign's visitors (3,794 a day "
        "against 4,000 everyday organic visitors).",
    ),
}
