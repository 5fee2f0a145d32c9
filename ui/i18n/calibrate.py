"""The Calibrate page (``cal.*``) and the problems of an uploaded file (``up.*``: the codes of
``Problem`` from the file reader and the upload checks).

Prefixes: ``cal.*``, ``up.*``.
Used by ui/calibrate.py."""

from __future__ import annotations

PREFIXES = ("cal", "up")

KEYS: dict[str, tuple[str, str]] = {
    "cal.intro": (
        "让模拟器讲你自己店铺的数字:上传订单记录拟合复购模型(BG/NBD 与 Gamma-Gamma,含标准误和留出期检验),上传每日店铺数据(生意参谋式的访客数、支付买家数、支付金额、客单价、老买家占比)推出基线。点“应用”之前,方案不会改变。",
        "Make the simulator speak for your shop: fit the repeat model to an order history "
        "(BG/NBD and Gamma-Gamma, with standard errors and a holdout check) and derive the "
        "baseline from a daily export of shop metrics (visitors, paying buyers, GMV, order value, "
        "old-customer share, as the dashboard shows them). Your scenarios stay as they are until "
        "you press Apply.",
    ),
    "cal.tab.orders": ("订单记录 → 复购模型", "Order history → repeat model"),
    "cal.tab.daily": ("每日店铺数据 → 基线", "Daily shop metrics → baseline"),
    "cal.orders.help": (
        "每行一笔订单,至少三列:**买家ID**、**订单日期**(可带时间)、**实付金额**;可选 **订单编号**(用来去重)和 **订单状态**(交易关闭、退款、未付款的订单不算购买)。同一买家同一天的订单算一次交易(金额相加),时间以天计。",
        "One row per order with at least three columns: **customer ID**, **order date** (a time "
        "may follow) and **amount paid**; optionally an **order ID** (used to drop duplicates) "
        "and an **order status** (closed, refunded and unpaid orders are not purchases). Orders "
        "of one customer on one day are one transaction (amounts added up); time is in days.",
    ),
    "cal.daily.help": (
        "每行一天:**日期**、**访客数**,**支付买家数**或**支付转化率**,**支付金额**或**客单价**,可选**老买家占比**或**老买家数**。比率可以写成 2.45% 或 0.0245。",
        "One row per day: **date**, **visitors**, **paying buyers** or **paid conversion**, "
        "**GMV** or **order value**, and optionally the **old-customer share** or **old buyers**. "
        "Rates may read 2.45% or 0.0245.",
    ),
    # Large-file mode (DuckDB) and the warehouse summary (issue 23).
    "cal.big.mode": ("大文件模式(DuckDB)", "Large-file mode (DuckDB)"),
    "cal.big.mode_help": (
        "订单太多、超出上面上传框的上限时使用:CSV 或 Parquet 文件在后台用 DuckDB 分批汇总,不整份读入内存;列的对应、状态过滤和问题行的报告与普通模式相同。也可上传在数仓里算好的每位顾客汇总。",
        "For order histories beyond the ordinary upload's limit: a CSV or Parquet file is "
        "summarised by DuckDB in the background without being read into memory whole; the "
        "column choice, status filtering and bad-row report are the ordinary mode's. A "
        "per-customer summary computed in a warehouse can be uploaded too.",
    ),
    "cal.big.help": (
        "上传订单明细(CSV 或 Parquet,任意大小,受服务器上传上限约束),或按下方 SQL 在数仓中算好的每位顾客汇总(列:customer_id、frequency、recency、T、monetary_value,以天计;可加 first_date)。",
        "Upload the orders (CSV or Parquet, any size the server's upload limit allows), or the "
        "per-customer summary the SQL below computes in a warehouse (columns customer_id, "
        "frequency, recency, T, monetary_value in days; first_date optional).",
    ),
    "cal.big.upload": ("上传大文件(CSV 或 Parquet)", "Upload a large file (CSV or Parquet)"),
    "cal.big.upload_help": (
        "文件存放在服务器的临时目录里,由 DuckDB 读取;页面只保留汇总结果。",
        "The file is kept in the server's temporary directory and read by DuckDB; the page "
        "keeps only the summary.",
    ),
    "cal.big.path": (
        "或服务器数据目录 {dir} 中的文件路径",
        "Or a file's path in the server's data directory {dir}",
    ),
    "cal.big.path_help": (
        "相对于数据目录的路径,如 2024/orders.parquet;目录之外的文件不会被读取。",
        "A path relative to the data directory, e.g. 2024/orders.parquet; files outside it "
        "are never read.",
    ),
    "cal.big.path_bad": (
        "「{path}」不是数据目录 {dir} 中的文件。",
        "“{path}” is not a file in the data directory {dir}.",
    ),
    "cal.big.read_info": (
        "{name}:{rows} 行订单,{start} 至 {end}(DuckDB 汇总)",
        "{name}: {rows} order rows, {start} to {end} (summarised by DuckDB)",
    ),
    "cal.big.summary_file": (
        "{name} 是每位顾客的汇总,直接拟合。",
        "{name} is a per-customer summary: fitted as it is.",
    ),
    "cal.big.untracked": (
        "汇总文件不含每次回购的日期,因此没有追踪图、复购曲线和留出期检验;参数与用订单明细拟合的相同。",
        "A summary holds no repeat dates, so there is no tracking plot, repurchase curve or "
        "holdout check; the parameters are those the orders themselves would give.",
    ),
    "cal.big.too_big_hint": (
        "打开上方的「大文件模式(DuckDB)」即可读取更大的 CSV 或 Parquet 文件。",
        "Switch on “Large-file mode (DuckDB)” above to read larger CSV or Parquet files.",
    ),
    "cal.big.sql": ("在数仓中计算汇总的 SQL", "SQL to compute the summary in your warehouse"),
    "cal.big.sql_help": (
        "在 Spark SQL、Hive 或 MaxCompute 中对已付款订单表 `orders(customer_id, order_time, amount)` 运行,导出结果(CSV 或 Parquet)再上传;截止日即上面选的校准期截止日。",
        "Run it in Spark SQL, Hive or MaxCompute on a table of paid orders "
        "`orders(customer_id, order_time, amount)`, export the result (CSV or Parquet) and "
        "upload it; the end date is the calibration end chosen above.",
    ),
    "cal.big.dialect": ("SQL 方言", "SQL dialect"),
    "cal.big.dialect.spark": ("Spark SQL", "Spark SQL"),
    "cal.big.dialect.hive": ("Hive", "Hive"),
    "cal.big.dialect.maxcompute": ("MaxCompute(ODPS)", "MaxCompute (ODPS)"),
    "cal.big.dialect.duckdb": ("DuckDB", "DuckDB"),
    "cal.big.stage.start": ("正在准备…", "Starting…"),
    "cal.big.stage.transcode": ("正在转换编码为 UTF-8…", "Re-encoding to UTF-8…"),
    "cal.big.stage.parse": ("正在读取并检查订单…", "Reading and checking the orders…"),
    "cal.big.stage.problems": ("正在统计问题行…", "Counting the rows with problems…"),
    "cal.big.stage.summary": ("正在汇总每位顾客…", "Summarising each customer…"),
    "cal.upload": ("上传文件(CSV 或 Excel .xlsx)", "Upload a file (CSV or Excel .xlsx)"),
    "cal.upload_help": (
        "UTF-8 或 GBK 编码的 CSV(逗号、分号或制表符分隔),或 .xlsx 的第一个工作表;中英文表头均可,识别出的列可以在下面改。",
        "A CSV in UTF-8 or GBK (comma, semicolon or tab separated) or the first sheet of an "
        ".xlsx; Chinese or English headers; the columns found can be corrected below.",
    ),
    "cal.sample.orders": ("用示例:CDNOW 1997–98", "Use the sample: CDNOW 1997–98"),
    "cal.sample.orders_help": (
        "Fader、Hardie 与 Lee(2005)发表 BG/NBD 模型时用的 CDNOW 抽样数据:2,357 位顾客 1997-01 至 1998-06 的订单(美元)。按 1997-09-30 截止校准,可与论文的 r = 0.243、α = 4.414 周、a = 0.793、b = 2.426 对照。",
        "The CDNOW sample Fader, Hardie & Lee (2005) introduced BG/NBD with: the orders of 2,357 "
        "customers, January 1997 to June 1998 (US dollars). Calibrated to 1997-09-30 it gives the "
        "paper's r = 0.243, α = 4.414 weeks, a = 0.793, b = 2.426.",
    ),
    "cal.sample.daily": (
        "用示例:中级店铺 120 天(合成)",
        "Use the sample: mid-size store, 120 days (synthetic)",
    ),
    "cal.sample.daily_help": (
        "按中级店铺预设合成的 120 天生意参谋式数据(访客 4,000/天、转化 2.4%、客单价 ¥115.5、老买家 20%,周末多、每月增长约 2%,加随机波动):用来看格式和演示,不是真实店铺。",
        "120 days of dashboard-style data made from the mid-size store preset (4,000 visitors a "
        "day, 2.4% conversion, ¥115.5 order value, 20% old buyers, busier weekends, about 2% "
        "growth a month, with noise): to see the format and to demonstrate, not a real shop.",
    ),
    "cal.sample.download": ("下载示例文件", "Download the sample file"),
    "cal.file_info": ("{name}:{rows} 行,{encoding}", "{name}: {rows} rows, {encoding}"),
    "cal.mapping": ("列的对应", "Columns"),
    "cal.mapping_help": (
        "按表头自动识别;识别错了就在这里改。",
        "Found from the headers; correct any of them here.",
    ),
    "cal.none": ("—(无)", "— (none)"),
    "cal.field.customer_id": ("买家ID", "Customer ID"),
    "cal.field.date": ("日期", "Date"),
    "cal.field.amount": ("实付金额", "Amount paid"),
    "cal.field.order_id": ("订单编号(可选)", "Order ID (optional)"),
    "cal.field.status": ("订单状态(可选)", "Order status (optional)"),
    "cal.field.uv": ("访客数", "Visitors"),
    "cal.field.buyers": ("支付买家数", "Paying buyers"),
    "cal.field.conversion": ("支付转化率", "Paid conversion"),
    "cal.field.gmv": ("支付金额", "GMV"),
    "cal.field.aov": ("客单价", "Order value"),
    "cal.field.old_share": ("老买家占比(可选)", "Old-customer share (optional)"),
    "cal.field.old_buyers": ("老买家数(可选)", "Old buyers (optional)"),
    "cal.preview": (
        "按上面的对应读取的前 {n} 行;对不上就改上面的选择。",
        "The first {n} rows as read with the columns above; if they look wrong, change them.",
    ),
    "cal.all_columns": ("文件的全部 {n} 列", "All {n} columns of the file"),
    "cal.errors": ("这个文件还不能拟合:", "This file cannot be fitted yet:"),
    "cal.left_out": (
        "有 {n} 行没有用于拟合(其余照常使用):",
        "{n} rows are left out of the fit (the rest are used):",
    ),
    "cal.notes": ("请留意:", "Please note:"),
    "cal.err.apply": (
        "无法应用到「{name}」:{reason} 所有方案都没有改变。",
        "Could not apply to “{name}”: {reason} No scenario was changed.",
    ),
    "cal.date_forms": (
        "日期有 {n} 种写法,都按 年-月-日 读取。",
        "Dates came in {n} forms, all read year first (year-month-day).",
    ),
    "cal.usable": (
        "用于拟合:{orders} 行订单,{customers} 位顾客,{start} 至 {end}。",
        "Used: {orders} order rows, {customers} customers, {start} to {end}.",
    ),
    "cal.calibration_end": ("校准期截止日", "End of the calibration period"),
    "cal.calibration_end_help": (
        "模型只用这天及以前的订单拟合;之后的订单用来检验预测(留出期)。",
        "The model is fitted on the orders up to this day; the later ones test its forecast "
        "(the holdout).",
    ),
    "cal.periods": (
        "校准期 {cal} 天,留出期 {hold} 天。",
        "Calibration {cal} days, holdout {hold} days.",
    ),
    "cal.no_holdout": (
        "没有留出期,无法检验预测:把截止日提前,留一段数据做检验。",
        "There is no holdout to test the forecast on: move the end earlier to keep some data back.",
    ),
    "cal.err.fit": (
        "无法拟合这些数据;请检查列的对应。",
        "These data cannot be fitted; check the columns.",
    ),
    "cal.results": ("拟合结果", "The fitted model"),
    "cal.kpi.customers": ("顾客(截止日前首购)", "Customers (first order by the end)"),
    "cal.kpi.repeaters": ("回购顾客", "Came back"),
    "cal.kpi.transactions": ("交易(按人按天)", "Transactions (customer-days)"),
    "cal.kpi.loglik": ("BG/NBD 对数似然", "BG/NBD log-likelihood"),
    "cal.col.param": ("参数", "Parameter"),
    "cal.col.meaning": ("含义", "Meaning"),
    "cal.col.estimate": ("估计值", "Estimate"),
    "cal.col.se": ("标准误", "Std. error"),
    "cal.col.ci": ("95% 区间", "95% interval"),
    "cal.col.provenance": ("出处", "Provenance"),
    "cal.prov": ("派生(你的数据)", "DERIVED (your data)"),
    "cal.p.r": ("购买率 λ ~ Gamma(r, α) 的形状", "Shape of the purchase rate λ ~ Gamma(r, α)"),
    "cal.p.alpha": ("购买率的尺度(天)", "Scale of the purchase rate (days)"),
    "cal.p.a": ("流失概率 p ~ Beta(a, b) 的 a", "a of the dropout probability p ~ Beta(a, b)"),
    "cal.p.b": ("流失概率 p ~ Beta(a, b) 的 b", "b of the dropout probability p ~ Beta(a, b)"),
    "cal.p.p": ("单笔金额 ~ Gamma(p, ν) 的形状", "Shape of an order's value ~ Gamma(p, ν)"),
    "cal.p.q": ("ν ~ Gamma(q, v) 的形状", "Shape of ν ~ Gamma(q, v)"),
    "cal.p.v": ("ν ~ Gamma(q, v) 的尺度(元)", "Scale of ν ~ Gamma(q, v) (yuan)"),
    "cal.not_converged": (
        "优化没有停在平坦的极值点(可能到了参数边界):结果仅供参考。",
        "The optimiser did not stop at a flat optimum (perhaps at a parameter bound): treat the "
        "estimates with care.",
    ),
    "cal.gg_missing": (
        "有回购金额的顾客少于 {n} 位(或回购金额全为零、全相同),没有拟合 Gamma-Gamma 客单价模型。",
        "Fewer than {n} returning customers with repeat amounts above zero (or all their "
        "amounts equal): the Gamma-Gamma order-value model was not fitted.",
    ),
    "cal.unusable": (
        "这些数据不足以估计复购模型:{reason} 需要更多顾客或更长的记录;拟合结果不能应用。",
        "These data are too few to estimate the repeat model: {reason} It needs more customers "
        "or a longer history; the fit cannot be applied.",
    ),
    "cal.unusable.flat": (
        "优化停在了参数边界上。",
        "The optimiser stopped at a parameter bound.",
    ),
    "cal.unusable.range": (
        "{params} 超出了模型的范围。",
        "{params} lie outside the model's ranges.",
    ),
    "cal.gg_q_low": (
        "Gamma-Gamma 的 q ≤ 1:客单价没有有限的均值(金额的尾部太重),不能用于推演。",
        "The Gamma-Gamma q is ≤ 1: order values have no finite mean (too heavy a tail) and "
        "cannot be used in the simulation.",
    ),
    "cal.derived": ("拟合推出的数字", "What the fit implies"),
    "cal.d.rr": ("{days} 天复购率", "Repurchase within {days} days"),
    "cal.d.aov": ("老客户客单价 p·v/(q−1)", "Repeat order value p·v/(q−1)"),
    "cal.d.share": ("店龄 {age} 天的老客户占比", "Old-customer share at {age} days old"),
    "cal.d.holdout": ("留出期回购交易(实际)", "Holdout repeat transactions (actual)"),
    "cal.d.holdout_model": ("模型 {model}({gap})", "model {model} ({gap})"),
    "cal.tracking": (
        "累计回购交易:数据与模型(每周)",
        "Cumulative repeat transactions: data and model (weekly)",
    ),
    "cal.tracking_note": (
        "截止日前首购的顾客此后的全部回购;模型线 = Σ 各日首购人数 × E[X(t − 首购日)]。截止线右边是模型没有见过的数据。",
        "Every repeat transaction of the customers whose first order came by the end; the model "
        "is Σ first-order cohort × E[X(t − first day)]. Right of the marker lies data the model "
        "has not seen.",
    ),
    "cal.curve": (
        "复购曲线:首购后 τ 天内再次购买的比例",
        "Repurchase curve: the share buying again within τ days of the first order",
    ),
    "cal.curve_note": (
        "模型:RR(τ) = 1 − (α/(α+τ))^r。数据:在数据里能看满 τ 天的顾客中,τ 天内回购的比例(用全部数据,包括留出期)。",
        "Model: RR(τ) = 1 − (α/(α+τ))^r. Data: of the customers the data follow for at least τ "
        "days, the share who bought again within τ days (all the data, holdout included).",
    ),
    "cal.series.data": ("数据", "Data"),
    "cal.series.model": ("模型", "Model"),
    "cal.axis.date": ("日期", "Date"),
    "cal.axis.cum": ("累计回购交易", "Cumulative repeat transactions"),
    "cal.axis.days": ("首购后天数 τ", "Days after the first order τ"),
    "cal.axis.rr": ("复购率", "Repurchase rate"),
    "cal.end_marker": ("校准期截止", "End of calibration"),
    "cal.caveat": (
        "每位顾客在文件里的第一笔订单被当作首购。文件如果不是从开店算起,早已是老顾客的人会被当作新顾客,复购率会被低估。",
        "Each customer's first order in the file is taken as her first ever. A file that starts "
        "after the shop opened counts long-standing customers as new, and understates repeat "
        "buying.",
    ),
    "cal.apply": ("应用到方案", "Apply to the scenarios"),
    "cal.apply_to": ("应用到", "Apply to"),
    "cal.alpha_mode": ("复购速度 α", "Repeat rate α"),
    "cal.alpha.fitted": (
        "用拟合的 α = {alpha}:老客户占比设为它在店龄 {age} 天时对应的 {share}",
        "Use the fitted α = {alpha}: the old-customer share becomes the {share} it implies at a "
        "store age of {age} days",
    ),
    "cal.alpha.hint": (
        "可以改选“保留各方案的老客户占比”,只用拟合的形状。",
        "Choose “Keep each scenario's old-customer share” to use the fitted shapes only.",
    ),
    "cal.alpha.keep": (
        "保留各方案的老客户占比,只用拟合的形状 r、a、b(α 由占比重新校准)",
        "Keep each scenario's old-customer share and use only the fitted shapes r, a, b (α is "
        "calibrated from the share again)",
    ),
    "cal.apply_gg": (
        "同时应用 Gamma-Gamma 客单价模型(老客户客单价 {aov})",
        "Also apply the Gamma-Gamma order-value model (repeat order value {aov})",
    ),
    "cal.apply_button": ("应用", "Apply"),
    "cal.applied": ("已应用到{names}。", "Applied to {names}."),
    "cal.pick_target": ("请至少选择一个方案。", "Choose at least one scenario."),
    "cal.untouched": (
        "点“应用”之前,方案不会改变;应用后可在“假设与来源”页看到哪些数字来自你的数据。",
        "Your scenarios stay as they are until you press Apply; afterwards the Assumptions page "
        "shows which numbers came from your data.",
    ),
    "cal.daily.results": ("从数据得出的基线", "The baseline from your data"),
    "cal.daily.level": ("日均访客数", "Visitors per day"),
    "cal.daily.level_help": (
        "去掉星期效应;应用趋势时是趋势线在数据之后那一天的值,否则是数据期的平均。",
        "Weekday-neutral; with the trend, where the trend line reaches the day after the data, "
        "without it the mean over the data.",
    ),
    "cal.daily.growth": ("每月增长", "Growth per month"),
    "cal.daily.pm": ("± {se}(标准误)", "± {se} (std. error)"),
    "cal.daily.weekday": (
        "星期分布(均值 = 1;误差线为 95% 区间)",
        "Weekday profile (mean 1; error bars are 95% intervals)",
    ),
    "cal.daily.lo": ("95% 区间下限", "95% interval, low"),
    "cal.daily.hi": ("95% 区间上限", "95% interval, high"),
    "cal.daily.weekday_axis": ("倍数", "Multiplier"),
    "cal.daily.day": ("星期", "Day"),
    "cal.daily.fit": ("模型与数据对比", "The model against the data"),
    "cal.daily.fit_stats": (
        "访客数 R² = {r2};GMV 平均绝对百分比误差 {mape}。",
        "Visitors R² = {r2}; GMV mean absolute percentage error {mape}.",
    ),
    "cal.daily.use_growth": ("应用趋势(每月 {g})", "Apply the trend ({g} a month)"),
    "cal.daily.growth_ns": (
        "增长在统计上不显著(|增长| / 标准误 < 1.96),默认不应用。",
        "The growth is not statistically significant (|growth| / std. error < 1.96) and is off "
        "by default.",
    ),
    "cal.daily.no_weekday": (
        "数据少于 {n} 天或缺少某个星期几:不估计星期分布(设为均匀)。",
        "Fewer than {n} days, or a weekday missing: no weekday profile is estimated (flat).",
    ),
    "cal.daily.no_old": (
        "文件里没有老买家占比:应用时老客户占比保持不变。",
        "The file has no old-customer share: applying keeps each scenario's own.",
    ),
    "cal.daily.notes": (
        "访客数包括付费和淘客访客:应用时自然访客 = 访客数 − 方案里直通车、钻展和淘客带来的访客。客单价按实付计,基线的客单价是标价口径:数据期有大促折扣时请酌情调整。",
        "Visitors include paid and affiliate ones: applying sets organic visitors = visitors − "
        "those the scenario's paid search, display and affiliates bring. Order value is what "
        "buyers paid, the baseline's is at list price: adjust it if the data span a sale.",
    ),
    "cal.weekday.0": ("周一", "Mon"),
    "cal.weekday.1": ("周二", "Tue"),
    "cal.weekday.2": ("周三", "Wed"),
    "cal.weekday.3": ("周四", "Thu"),
    "cal.weekday.4": ("周五", "Fri"),
    "cal.weekday.5": ("周六", "Sat"),
    "cal.weekday.6": ("周日", "Sun"),
    "cal.fitted_from": ("你的数据({name})", "your data ({name})"),
    "cal.browse": ("选择文件", "Choose a file"),
    "up.empty": ("文件是空的。", "The file is empty."),
    "up.too_big": (
        "文件大于 {detail},没有读取:请按时间拆成几个文件。",
        "The file is larger than {detail} and was not read: split it by period.",
    ),
    "up.too_many_rows": (
        "文件有 {n} 行,超过 {detail} 行的上限:请按时间拆成几个文件。",
        "The file has {n} rows, over the limit of {detail}: split it by period.",
    ),
    "up.not_text": (
        "这不是 CSV 文本文件,也不是 .xlsx 表格。",
        "This is neither a CSV text file nor an .xlsx workbook.",
    ),
    "up.encoding": (
        "文件既不是 UTF-8 也不是 GBK 编码:请在 Excel 里另存为“CSV UTF-8”后上传。",
        "The file is neither UTF-8 nor GBK text: save it from Excel as “CSV UTF-8” and upload "
        "that.",
    ),
    "up.xls": (
        "这是旧版 Excel(.xls)文件:请另存为 .xlsx 或 CSV 后上传。",
        "This is an old Excel (.xls) file: save it as .xlsx or CSV and upload that.",
    ),
    "up.bad_excel": (
        "这个 Excel 文件已损坏,无法读取。",
        "This Excel file is damaged and cannot be read.",
    ),
    "up.malformed": (
        "{rows}的列数比表头多,文件可能已损坏(例如金额里有没加引号的逗号)。",
        "{rows} has more fields than the header: the file may be damaged (a comma inside an "
        "amount without quotes, say).",
    ),
    "up.unparsable": (
        "文件无法按表格读取(可能有没闭合的引号,或某个格子过长)。",
        "The file cannot be read as a table (an unclosed quote, or a cell far too long).",
    ),
    "up.unreadable": (
        "这个文件无法读取;请另存为 CSV(UTF-8)后再上传。",
        "This file cannot be read; save it as CSV (UTF-8) and upload that.",
    ),
    "up.no_rows": ("文件只有表头,没有数据行。", "The file has a header but no data rows."),
    "up.missing_column": (
        "找不到“{field}”一列:请在“列的对应”里选择。",
        "No column for “{field}”: choose one under Columns.",
    ),
    "up.missing_either": (
        "需要“{a}”或“{b}”中的一列。",
        "One of “{a}” or “{b}” is needed.",
    ),
    "up.column_twice": (
        "“{column}”一列被选给了多个字段。",
        "The column “{column}” is chosen for more than one field.",
    ),
    "up.bad_date": (
        "“{column}”列{rows}不是可识别的日期(请写成 年-月-日,如 2024-01-05)。",
        "Column “{column}”, {rows}: not a date this app can read (write year-month-day, e.g. "
        "2024-01-05).",
    ),
    "up.bad_number": ("“{column}”列{rows}不是数字。", "Column “{column}”, {rows}: not a number."),
    "up.blank": ("“{column}”列{rows}是空的。", "Column “{column}”, {rows}: empty."),
    "up.negative": (
        "“{column}”列{rows}是负数(退款?)。",
        "Column “{column}”, {rows}: negative (a refund?).",
    ),
    "up.duplicate_row": (
        "{rows}与前面某行完全相同,只计一次。",
        "{rows}: the same as an earlier row, counted once.",
    ),
    "up.not_bought": (
        "“{column}”列{rows}是关闭、取消、退款或未付款的订单,不算购买。",
        "Column “{column}”, {rows}: closed, cancelled, refunded or unpaid orders, not purchases.",
    ),
    "up.identical_rows": (
        "{rows}与前面某行完全相同:按不同的订单计入(同一买家同一天的订单本来就算一次交易)。如果是重复导出的,请删掉,或加上订单编号列。",
        "{rows}: the same as an earlier row, counted as separate orders (one customer's orders "
        "on one day are one transaction anyway). If they are copies, delete them or add an "
        "order-ID column.",
    ),
    "up.duplicate_order": (
        "“{column}”列{rows}的订单编号与前面重复,只计一次。",
        "Column “{column}”, {rows}: an order ID seen before, counted once.",
    ),
    "up.more_buyers": (
        "{rows}的买家数多于访客数(或老买家多于买家)。",
        "{rows}: more buyers than visitors (or more old buyers than buyers).",
    ),
    "up.date_twice": (
        "“{column}”列{rows}的日期与别的行重复而数字不同:每个日期只能有一行。",
        "Column “{column}”, {rows}: a date given twice with different numbers; one row per "
        "date, please.",
    ),
    "up.no_usable_rows": ("没有一行可以使用。", "Not one row can be used."),
    "up.rows": ("第 {rows} 行", "row {rows}"),
    "up.rows_many": ("第 {rows} 行", "rows {rows}"),
    "up.rows_more": ("第 {rows} 行等共 {n} 行", "rows {rows} … ({n} in all)"),
    "up.limit": ("可拖入文件;单个文件最大 {size}", "Drop a file here; at most {size} a file"),
    "up.future_date": (
        "“{column}”列{rows}的日期晚于今天(笔误?),未计入。",
        "Column “{column}”, {rows}: dated after today (a typo?), left out.",
    ),
    "up.xlsx_parts": (
        "这个 Excel 文件由 {n} 个部分组成,超过 {detail} 个的上限(Excel 不会这样写):没有读取。",
        "This Excel file is made of {n} parts, over the limit of {detail} (Excel never writes "
        "so many): it was not read.",
    ),
    "up.xlsx_ratio": (
        "这个 Excel 文件解压后是压缩大小的 {n} 倍,超过 {detail} 倍的上限(“压缩炸弹”的特征):"
        "没有读取。请在 Excel 中打开后另存为 .xlsx 或 CSV 再上传。",
        "This Excel file unpacks to {n} times its packed size, over the limit of {detail} times "
        "(the mark of a “zip bomb”): it was not read. Open it in Excel, save it again as .xlsx "
        "or CSV and upload that.",
    ),
    "up.xlsx_unpacked": (
        "这个 Excel 文件解压后大于 {detail},没有读取:请按时间拆成几个文件。",
        "This Excel file unpacks to more than {detail} and was not read: split it by period.",
    ),
    "up.xlsx_damaged": (
        "这个 Excel 文件已损坏({detail} 的实际内容与文件目录所记不符),无法读取。",
        "This Excel file is damaged (its part {detail} is not what its directory says) and "
        "cannot be read.",
    ),
    "up.xlsx_dtd": (
        "这个 Excel 文件含有 DTD 声明({detail}),Excel 文件不允许这样写:没有读取。",
        "This Excel file holds a DTD declaration ({detail}), which Excel files may not hold: it "
        "was not read.",
    ),
    "up.xlsx_rows": (
        "第一张工作表至少有 {n} 行,超过 Excel 的 {detail} 行上限(Excel 自己也打不开):没有读取。",
        "The first sheet has at least {n} rows, more than Excel's limit of {detail} (Excel "
        "itself cannot open it): it was not read.",
    ),
    "up.xlsx_columns": (
        "第一张工作表用到第 {n} 列,超过 Excel 的 {detail} 列上限:没有读取。",
        "The first sheet reaches column {n}, beyond Excel's limit of {detail} columns: it was "
        "not read.",
    ),
    "up.xlsx_cells": (
        "第一张工作表占 {n} 个单元格(末行 × 末列),超过 {detail} 个的上限:没有读取。请删去不需要的列,"
        "或按时间拆成几个文件。",
        "The first sheet spans {n} cells (last row × last column), over the limit of {detail}: "
        "it was not read. Delete the columns you do not need or split it by period.",
    ),
    "up.xlsx_text": (
        "这个 Excel 文件中有单元格的文字超过 Excel 的 {detail} 个字符上限:没有读取。",
        "A cell of this Excel file holds more text than Excel's limit of {detail} characters: it "
        "was not read.",
    ),
    "up.csv_field": (
        "文件中有一个字段超过 {detail} 个字符(Excel 单元格的上限),这不是导出的表格:没有读取。",
        "A field of this file is longer than {detail} characters (an Excel cell's limit), which "
        "no export holds: it was not read.",
    ),
    "up.csv_columns": (
        "文件有 {n} 列,超过 Excel 的 {detail} 列上限:没有读取。",
        "The file has {n} columns, beyond Excel's limit of {detail}: it was not read.",
    ),
    "up.worker_time": (
        "读取或拟合这个文件超过了 {detail} 秒的时限,已停止:请按时间拆成几个较小的文件。",
        "Reading or fitting this file took longer than {detail} s and was stopped: split it into "
        "smaller files by period.",
    ),
    "up.worker_memory": (
        "这个文件需要的内存超过服务器给单个文件的 {detail},已停止:请按时间拆成几个较小的文件。",
        "This file needs more memory than the {detail} the server gives one file, and was "
        "stopped: split it into smaller files by period.",
    ),
    "up.worker_crash": (
        "读取或拟合这个文件时出错,已停止;请另存为 CSV(UTF-8)后再上传。",
        "Reading or fitting this file failed and was stopped; save it as CSV (UTF-8) and upload "
        "that.",
    ),
}
