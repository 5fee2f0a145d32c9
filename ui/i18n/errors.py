"""Bad input in words (``ui.errors``): out-of-range values, layering rules, the model's
refusals.

Prefixes: ``err.*``.
Used by ui/errors.py."""

from __future__ import annotations

PREFIXES = ("err",)

KEYS: dict[str, tuple[str, str]] = {
    "err.range": (
        "「{label}」须在 {lo} 到 {hi} 之间(收到 {value})。",
        "“{label}” must be between {lo} and {hi} (got {value}).",
    ),
    "err.number": (
        "「{label}」须是 {lo} 到 {hi} 之间的数字(收到 {value})。",
        "“{label}” must be a number between {lo} and {hi} (got {value}).",
    ),
    "err.whole": (
        "「{label}」须是 {lo} 到 {hi} 之间的整数(收到 {value})。",
        "“{label}” must be a whole number between {lo} and {hi} (got {value}).",
    ),
    "err.generic": ("输入无效:{msg}", "Invalid input: {msg}"),
    "err.layers": (
        "第{day}天同时有{n}层促销({kinds}):最多{max}层(种子003)。未添加。",
        "{n} layers on day {day} ({kinds}): at most {max} may run at once (seed 003). Not added.",
    ),
    "err.same_kind": (
        "第{day}天已有一个「{kind}」:同一类促销不能同时进行(种子003)。未添加。",
        "A “{kind}” already runs on day {day}: two promotions of one kind never overlap (seed 003). "
        "Not added.",
    ),
    "err.unexpected": (
        "出了点问题,本页未能画完。你的方案没有丢失;请换个数值再试,或重置方案。",
        "Something went wrong drawing this page. Your scenarios are safe; try another value or "
        "reset the plan.",
    ),
    "err.long_number": ("一个 {n} 位的数", "a number of {n} digits"),
    # The model's typed refusals (simulator.errors.ModelError: err.<code> with its numbers).
    # simulator.errors.ModelError: err.<code>, formatted with the error's params (ui/errors.py)
    "err.campaign_order": (
        "活动的结束日(第{end}天)不能早于开始日(第{start}天)。",
        "The campaign's last day (day {end}) cannot be before its first day (day {start}).",
    ),
    "err.promotion_order": (
        "「{kind}」的结束日(第{end}天)不能早于开始日(第{start}天)。",
        "The “{kind}” promotion's last day (day {end}) cannot be before its first day "
        "(day {start}).",
    ),
    "err.audience_kind": (
        "「{kind}」只能面向全部买家。",
        "“{kind}” can only be offered to all buyers.",
    ),
    "err.voucher_audience": (
        "购后抵价券发给新买家,适用人群只能是全部买家。",
        "Post-purchase vouchers go to new buyers: the audience must be all buyers.",
    ),
    "err.tiers_list": (
        "满减的档位须是一组 [门槛, 减多少]。",
        "Spend-and-save tiers must be a list of [threshold, amount off] pairs.",
    ),
    "err.tier_pair": (
        "满减第{tier}档须是两个数:[门槛, 减多少]。",
        "Spend-and-save tier {tier} must be two numbers: [threshold, amount off].",
    ),
    "err.tier_below": (
        "满减第{tier}档:减 {amount_off} 必须少于门槛 {threshold}。",
        "Spend-and-save tier {tier}: {amount_off} off must be less than its threshold {threshold}.",
    ),
    "err.tiers_empty": (
        "满减至少需要一档 [门槛, 减多少]。",
        "Spend-and-save needs at least one [threshold, amount off] tier.",
    ),
    "err.tiers_same_threshold": (
        "满减有两档的门槛都是 {threshold}:各档门槛须各不相同。",
        "Two spend-and-save tiers share the threshold {threshold}: each tier needs its own.",
    ),
    "err.tiers_rising": (
        "满减的门槛越高,优惠须越多:满 {high} 减 {high_off} 不比满 {low} 减 {low_off} 多。",
        "A higher spend-and-save threshold needs more off: {high_off} off at {high} is not more "
        "than {low_off} off at {low}.",
    ),
    "err.prize_sum": (
        "各奖品的中奖概率加起来是 {total},超过了 100%。",
        "The prizes' win probabilities add up to {total}, more than 100%.",
    ),
    "err.gg_mean": (
        "Gamma-Gamma 的复购平均客单价 p·v/(q−1) 是 {mean},须在 {lo} 到 {hi} 之间。请调整 p、q 或 v。",
        "The Gamma-Gamma mean repeat order value p·v/(q − 1) is {mean}; it must lie between "
        "{lo} and {hi}. Adjust p, q or v.",
    ),
    "err.hours": (
        "客服下班时间({end}点)必须晚于上班时间({start}点)。",
        "The service must close ({end}:00) after it opens ({start}:00).",
    ),
    "err.rt_max": (
        "排队饱和时的响应时间({rt_max})必须长于无损响应时间({rt_ref})。",
        "The response time when swamped ({rt_max}) must be longer than the response time "
        "without penalty ({rt_ref}).",
    ),
    "err.industry": (
        "行业最高分({top})必须高于行业平均分({mean})。",
        "The industry top score ({top}) must be above the industry mean ({mean}).",
    ),
    "err.date_time": (
        "开始日期只能是日期,不能带时间(收到 {value})。",
        "The start date must be a date without a time of day (got {value}).",
    ),
    "err.date_iso": (
        "开始日期须写成 年-月-日(YYYY-MM-DD)(收到 {value})。",
        "The start date must be written year-month-day, YYYY-MM-DD (got {value}).",
    ),
    "err.unc_path": (
        "不确定性设置里的参数 {path} 不存在。",
        "The uncertainty settings name a parameter that does not exist: {path}.",
    ),
    "err.unc_kind": (
        "「{path}」是一个选项,不是数字,没有不确定范围。",
        "“{path}” is a choice, not a number: it has no uncertainty range.",
    ),
    "err.unc_missing": (
        "「{path}」的不确定范围须同时给出 P10 和 P90。",
        "The uncertainty range of “{path}” needs both a P10 and a P90.",
    ),
    "err.unc_width": (
        "「{path}」的 P10({p10})不能高于 P90({p90});范围 {lo} 到 {hi}。",
        "The P10 of “{path}” ({p10}) must not be above its P90 ({p90}); the range is {lo} to {hi}.",
    ),
    "err.unc_range": (
        "「{path}」的 P10–P90({p10}–{p90})须在 {lo} 到 {hi} 之间。",
        "The P10–P90 of “{path}” ({p10}–{p90}) must lie between {lo} and {hi}.",
    ),
    "err.unc_positive": (
        "「{path}」按对数正态设置时 P10 须大于 0(收到 {p10}–{p90};范围 {lo} 到 {hi})。",
        "A log-normal range for “{path}” needs a P10 above 0 (got {p10}–{p90}; the range is "
        "{lo} to {hi}).",
    ),
    "err.unc_corr_pair": (
        "相关设置「{pair}」须写成两个不同数值参数的路径,中间用 | 隔开。",
        "The correlation “{pair}” must name two different numeric parameters, as a|b.",
    ),
    "err.unc_corr_rho": (
        "「{a}」与「{b}」的相关系数须在 −{max} 到 {max} 之间(收到 {rho})。",
        "The correlation of “{a}” and “{b}” must lie between −{max} and {max} (got {rho}).",
    ),
    "err.unc_corr_pd": (
        "这些相关系数放在一起互相矛盾(没有哪种联合分布同时满足它们),请减小其中一些。",
        "These correlations contradict one another (no joint distribution has them all); "
        "make some of them smaller.",
    ),
    "err.mc_paths": (
        "模拟路径数须是 1 到 {max} 之间的整数(收到 {paths})。",
        "The number of simulated paths must be a whole number from 1 to {max} (got {paths}).",
    ),
    "err.mc_seed": (
        "随机种子须是 0 或正整数(收到 {seed})。",
        "The random seed must be 0 or a positive whole number (got {seed}).",
    ),
    "err.mc_measure": (
        "「{measure}」不是能给出范围的每日指标。",
        "“{measure}” is not a daily measure a range can be given for.",
    ),
    "err.mc_quantile": (
        "分位数须在 0 到 1 之间(收到 {q})。",
        "Quantiles must lie between 0 and 1 (got {q}).",
    ),
    "err.mc_mismatch": (
        "方案({plan} 条路径)和基线({base} 条路径)须用相同的路径数和种子模拟,才能比较。",
        "The plan ({plan} paths) and the baseline ({base} paths) must be simulated with the "
        "same path count and seed to be compared.",
    ),
    "err.sens_measure": (
        "「{measure}」不是推演结果里的合计指标,无法做敏感度分析。",
        "“{measure}” is not a total of a simulation: no sensitivity analysis for it.",
    ),
    "err.sens_n": (
        "敏感度(Sobol)分析的样本数须是 {lo} 到 {hi} 之间的 2 的幂(收到 {n})。",
        "The Sobol analysis's sample size must be a power of two from {lo} to {hi} (got {n}).",
    ),
    "err.sens_params": (
        "敏感度(Sobol)分析须选 1 到 {max} 个有不确定性的参数(选了 {n} 个,其中 {fixed} 个是固定的)。",
        "The Sobol analysis needs 1 to {max} parameters that carry uncertainty ({n} chosen, "
        "{fixed} of them fixed).",
    ),
    "err.decide_path": (
        "「{path}」不是这个方案里可以调的数值杠杆。",
        "“{path}” is not a numeric lever of this plan.",
    ),
    "err.decide_range": (
        "{lever}的搜索范围 {lo} 到 {hi} 须在 {min} 到 {max} 之内、下限小于上限,整数杠杆至少含两个整数。",
        "The search range of {lever}, {lo} to {hi}, must lie within {min} to {max} with the low "
        "end below the high end (and hold at least two whole values for a whole-number lever).",
    ),
    "err.decide_points": (
        "曲线的点数须在 3 到 201 之间(收到 {points})。",
        "The curve needs 3 to 201 points (got {points}).",
    ),
    "err.decide_horizon": (
        "方案推演 {plan}、基线推演 {reference}:比较须在同一个周期上进行。",
        "The plan runs {plan} and the baseline {reference}: compare them over one horizon.",
    ),
    "err.decide_measure": (
        "「{measure}」不是推演结果里的合计指标。",
        "“{measure}” is not a total of a simulation.",
    ),
    "err.decide_quantity": (
        "只能求指标的变化量或水平值(收到「{quantity}」)。",
        "Only a change or a level can be sought (got “{quantity}”).",
    ),
    "err.decide_refused": (
        "{lever}在 {lo} 到 {hi} 之间的每个取值都被方案规则拒绝,无法求解。",
        "The plan's rules refuse every value of {lever} from {lo} to {hi}: nothing to solve.",
    ),
    "err.decide_unreachable": (
        "{lever}在 {lo} 到 {hi} 之间时,{measure}只在 {low} 到 {high} 之间变动,达不到目标 {target}。请换一个目标或放宽范围。",
        "With {lever} from {lo} to {hi}, {measure} only moves between {low} and {high} and never "
        "reaches the target {target}. Choose another target or widen the range.",
    ),
    "err.decide_constraint": (
        "未知的约束「{name}」。",
        "Unknown constraint “{name}”.",
    ),
    "err.decide_bound": (
        "约束“{name}”的界限须是一个数。",
        "The bound of the constraint “{name}” must be a number.",
    ),
    "err.decide_loss_chance": (
        "“亏损概率”约束需要打开区间(蒙特卡洛路径数大于 1),界限在 0 到 1 之间(收到 {bound})。",
        "A chance-of-a-loss constraint needs the ranges on (more than one Monte Carlo path) and "
        "a bound between 0 and 1 (got {bound}).",
    ),
    "err.decide_levers": (
        "请选 1 到 8 个杠杆(选了 {n} 个)。",
        "Choose 1 to 8 levers ({n} chosen).",
    ),
    "err.decide_lever_twice": (
        "杠杆「{lever}」被选了两次。",
        "The lever “{lever}” is listed twice.",
    ),
    "err.date_range": (
        "开始日期须在 {first} 到 {last} 之间(收到 {value})。",
        "The start date must lie between {first} and {last} (got {value}).",
    ),
    "err.funnel": (
        "询单率 × 询单转化率({rate} × {conversion} = {product})超过了由支付转化率和老客户占比推出的新客下单率 {limit};请降低询单数字或提高转化率。",
        "Inquiry rate × inquiry conversion ({rate} × {conversion} = {product}) exceeds the "
        "new-customer order rate {limit} implied by conversion and old-customer share; lower "
        "the inquiry figures or raise conversion.",
    ),
    "err.old_share_one": (
        "老客户占比({share})必须低于 100%。",
        "The old-customer share ({share}) must be below 100%.",
    ),
    "err.old_share": (
        "经营 {age}、客户平均寿命 {lifetime} 的店铺,按当前复购模型的形状(BG/NBD r、a、b),老客户占比最多接近 {top},达不到 {share};请降低老客户占比,或增加经营天数、客户平均寿命。",
        "A store {age} old whose customers stay {lifetime} on average reaches an old-customer "
        "share of at most {top} with the repeat model's shapes (BG/NBD r, a, b), not {share}: "
        "lower the share or raise the store age or the lifetime.",
    ),
    "err.weekday_list": (
        "星期分布须是 {n} 个数(周一到周日)。",
        "The weekday profile must be {n} numbers (Monday to Sunday).",
    ),
    "err.weekday_zero": (
        "星期分布至少要有一天大于 0。",
        "The weekday profile needs at least one day above 0.",
    ),
    "err.cal_end": (
        "校准期截止日 {end} 须在第一笔订单({first})和观察期末({last})之间。",
        "The end of the calibration period, {end}, must lie between the first order ({first}) "
        "and the end of the data ({last}).",
    ),
    "err.no_repeat": (
        "校准期内没有顾客回购,复购率无法估计:把截止日推后,或上传更长的订单记录。",
        "Nobody bought again in the calibration period, so the repeat rate cannot be estimated: "
        "move the end later or upload a longer history.",
    ),
    # The large-file reader and the summary upload (simulator.bigfile, issue 23).
    "err.big_open": (
        "无法打开文件「{name}」:请检查路径和读取权限。",
        "Cannot open the file “{name}”: check the path and that it may be read.",
    ),
    "err.big_format": (
        "大文件只能读 CSV 或 Parquet;请把 Excel 另存为 CSV(UTF-8)再试。",
        "Large files are read as CSV or Parquet; save the Excel workbook as CSV (UTF-8) and try "
        "again.",
    ),
    "err.big_refused": (
        "DuckDB 无法读取这个文件:常见原因是某行的列数多于表头,或引号未闭合。",
        "DuckDB could not read the file: often a row holds more fields than the header, or a "
        "quote is never closed.",
    ),
    "err.summary_columns": (
        "汇总文件缺少 {n} 列:需要本页 SQL 输出的 frequency、recency、T、monetary_value 四列。",
        "The summary lacks {n} of its columns: it needs the four the SQL on this page writes.",
    ),
    "err.summary_values": (
        "汇总文件第 {row} 行不是一位顾客的汇总(回购次数须为非负整数,末次回购天数在 0 到 T 之间,"
        "有回购时平均金额不小于 0)。",
        "Row {row} of the summary is not a customer's summary (the repeat count a whole number "
        "of 0 or more, the days to the last repeat between 0 and T, the mean value 0 or more).",
    ),
    "err.summary_end": (
        "汇总文件的校准期截止日不明确:各行首单日加 T 须是同一天(并与所填截止日相同);没有首单日列时须填写截止日。",
        "The summary's calibration end is unclear: the first order's day plus T must be one day "
        "on every row (and the end given, if any); without the first-order column the end must "
        "be given.",
    ),
    "err.summary_encoding": (
        "汇总文件须为 UTF-8 编码的 CSV 或 Parquet。",
        "A summary file must be a UTF-8 CSV or a Parquet file.",
    ),
    "err.too_few_days": (
        "至少需要 {n} 天有访客的数据。",
        "At least {n} days with visitors are needed.",
    ),
    "err.daily_wild": (
        "访客数的变化太剧烈,无法拟合趋势;请检查访客数一列。",
        "The visitors change too wildly to fit a trend; check the visitors column.",
    ),
    "err.paid_exceed": (
        "方案里的付费渠道和淘客每天带来 {paid} 位访客,多于数据里的 {total}:先调低付费渠道再应用。",
        "The scenario's paid channels and affiliates bring {paid} visitors a day, more than the "
        "{total} measured: lower them first.",
    ),
    # ui/share.Workspace's rules
    "err.one_baseline": (
        "方案文件里必须恰好有一个基线(这个文件有 {found} 个)。",
        "A workspace file needs exactly one baseline (this one has {found}).",
    ),
    "err.names_differ": ("方案文件里的方案名称不能重复。", "The scenarios' names must differ."),
    # a registry choice out of its options (ParamRangeError of a choice parameter)
    "err.choice": (
        "「{label}」须是以下之一:{choices}(收到 {value})。",
        "“{label}” must be one of: {choices} (got {value}).",
    ),
    # pydantic's own error types: the shape of a file or a link is wrong (ui/errors._SHAPE)
    "err.unknown_field": (
        "不认识的设置「{where}」:请在文件或链接里删除或改正它。",
        "Unknown setting “{where}”: remove or correct it in the file or link.",
    ),
    "err.unknown_kind": (
        "未知的促销类型「{value}」(可用:{kinds})。",
        "Unknown promotion kind “{value}” (known: {kinds}).",
    ),
    "err.no_kind": (
        "「{where}」没有写明促销类型(kind)。",
        "“{where}” does not say its promotion kind (kind).",
    ),
    "err.bad_value": (
        "「{where}」的值不对(收到 {value})。",
        "“{where}” has a value of the wrong kind (got {value}).",
    ),
}
