"""The workspace: scenario files, share links and their errors, undo/redo, the plan library.

Prefixes: ``files.*``, ``share.*``, ``undo.*``, ``storage.*``.
Used by ui/workspace.py, ui/share.py, ui/undo.py, ui/state.py, ui/store.py."""

from __future__ import annotations

PREFIXES = ("files", "share", "undo", "storage")

KEYS: dict[str, tuple[str, str]] = {
    "files.title": ("方案文件与导出", "Files and exports"),
    "files.export_xlsx": ("导出结果(Excel)", "Export results (Excel)"),
    "files.export_html": ("导出一页报告(HTML)", "Export a one-page report (HTML)"),
    "files.chart_help": ("下载这张图({fmt})", "Download this chart ({fmt})"),
    "files.export_json": ("导出方案(JSON)", "Export scenarios (JSON)"),
    "files.export_csv": ("导出逐日结果(CSV)", "Export daily results (CSV)"),
    "files.import": ("导入方案文件", "Import a workspace file"),
    "files.import_help": (
        "导入本应用导出的 JSON 方案文件(或单个方案的 JSON);先检查全部内容,有问题会一次列出,当前方案不受影响。",
        "A JSON workspace exported by this app (or one scenario's JSON); everything is checked "
        "first, every problem is listed at once, and your scenarios stay as they are.",
    ),
    "files.imported": ("已导入 {name}", "Imported {name}"),
    "files.err.invalid": (
        "方案文件里有不合法的内容,没有导入;当前方案保持不变:",
        "The workspace file holds invalid values and was not imported; your scenarios are "
        "unchanged:",
    ),
    "files.field_bad": ("「{where}」不合法或缺失。", "“{where}” is invalid or missing."),
    "files.err.json": (
        "这个文件不是 JSON,没有导入;当前方案保持不变。",
        "The file is not JSON and was not imported; your scenarios are unchanged.",
    ),
    "files.err.format": (
        "这个文件不是本应用的方案文件,没有导入;当前方案保持不变。",
        "The file is not a workspace of this app and was not imported; your scenarios are "
        "unchanged.",
    ),
    "files.err.version": (
        "这个方案文件来自更新的版本,无法导入;当前方案保持不变。",
        "The workspace file comes from a newer version of the app and cannot be imported; your "
        "scenarios are unchanged.",
    ),
    "files.err.encoding": (
        "这个文件不是 UTF-8 文本,没有导入;当前方案保持不变。",
        "The file is not UTF-8 text and was not imported; your scenarios are unchanged.",
    ),
    "files.err.too_big": (
        "这个文件太大,没有导入;当前方案保持不变。",
        "The file is too large and was not imported; your scenarios are unchanged.",
    ),
    "files.export_csv_raw": (
        "原始列 CSV(供分析用)",
        "Raw columns CSV (for analysts)",
    ),
    "files.export_csv_raw_help": (
        "英文列名、未舍入的数值、比率为小数:给脚本和数据分析用。看数请用上面的“导出逐日结果(CSV)”。",
        "The model's own column names (lower case, words joined by underscores), unrounded values, rates as fractions: for scripts and "
        "analysis. To read the numbers, use “Export daily results (CSV)” above.",
    ),
    "files.more_scenarios": ("……另有 {n} 个方案未逐一检查", "… and {n} more scenarios not checked"),
    "files.err.unreadable": (
        "这个文件无法读取,没有导入;当前方案保持不变。",
        "The file could not be read and was not imported; your scenarios are unchanged.",
    ),
    "files.more_problems": ("……另有 {n} 处问题未列出", "… and {n} more problems not listed"),
    "share.title": ("分享链接", "Share link"),
    "share.help": (
        "复制这个链接({n} 个字符):在新的浏览器里打开,会还原工作区的全部方案(连同名称)、语言和当前页面。",
        "Copy this link ({n} characters): opened in a new browser it restores every scenario of "
        "the workspace (names included), the language and this page.",
    ),
    "share.too_long": (
        "这个工作区的链接有 {n} 个字符,超过 {limit}:邮件和聊天软件常会截断这么长的链接。请下载方案文件发送,对方用“导入方案文件”打开。",
        "This workspace's link would be {n} characters, over {limit}: mail and chat apps often "
        "cut links that long. Download the workspace file and send it instead; it opens with "
        "“Import a workspace file”.",
    ),
    "share.more_plans": (
        "这里有 {n} 个方案:第一个作为方案打开,其余保存在“方案对比”页。",
        "It holds {n} plans: the first is open as the plan, the others are kept on the Compare "
        "page.",
    ),
    "share.err.too_long": (
        "分享链接太长,无法打开;已打开默认方案。请改用导出的方案文件。",
        "The share link is too long to open; the default scenarios are open. Use an exported "
        "workspace file instead.",
    ),
    "share.err.encoding": (
        "分享链接已损坏(可能复制时被截断或改动);已打开默认方案。请重新复制完整的链接。",
        "The share link is damaged (cut short or changed when copied); the default scenarios are "
        "open. Copy the whole link again.",
    ),
    "share.err.too_big": (
        "分享链接解压后过大,已拒绝打开;已打开默认方案。",
        "The share link unpacks to too much data and was refused; the default scenarios are open.",
    ),
    "share.err.json": (
        "分享链接的内容无法读取;已打开默认方案。",
        "The share link's content cannot be read; the default scenarios are open.",
    ),
    "share.err.version": (
        "这个分享链接来自更新的版本,当前版本无法打开;已打开默认方案。",
        "This share link comes from a newer version of the app and cannot be opened here; the "
        "default scenarios are open.",
    ),
    "share.err.format": (
        "这个链接不包含方案;已打开默认方案。",
        "This link holds no scenarios; the default scenarios are open.",
    ),
    "share.err.invalid": (
        "分享链接里的方案有不合法的数值,无法打开;已打开默认方案。",
        "The share link's scenarios hold values out of range and cannot be opened; the default "
        "scenarios are open.",
    ),
    "share.err.file": (
        "无法读取文件;方案没有改变。",
        "The file cannot be read; nothing changed.",
    ),
    "share.projector": ("投影用:打开时收起侧边栏", "For a projector: open with the sidebar hidden"),
    "share.projector_help": (
        "在链接里记下“隐藏侧边栏”:在投影或大屏上打开时只显示页面,侧边栏可随时用左上角的箭头展开。",
        "Adds sidebar=0 to the link: opened on a projector or a big screen it shows the page "
        "only; the arrow at the top left opens the sidebar when needed.",
    ),
    "share.copy": ("复制链接", "Copy link"),
    "share.copied": ("已复制", "Copied"),
    "share.qr_alt": ("这个链接的二维码", "QR code of this link"),
    "share.qr_caption": (
        "用手机扫码打开同一工作区",
        "Scan with a phone to open the same workspace",
    ),
    "share.qr_big": ("放大二维码", "Show the QR code large"),
    "share.qr_dialog": ("扫码打开这个工作区", "Scan to open this workspace"),
    "undo.undo": ("撤销", "Undo"),
    "undo.redo": ("重做", "Redo"),
    "undo.undo_help": ("撤销:{what}({keys})", "Undo: {what} ({keys})"),
    "undo.redo_help": ("重做:{what}({keys})", "Redo: {what} ({keys})"),
    "undo.no_undo": ("没有可撤销的操作({keys})", "Nothing to undo ({keys})"),
    "undo.no_redo": ("没有可重做的操作({keys})", "Nothing to redo ({keys})"),
    "undo.undone": ("已撤销:{what}", "Undone: {what}"),
    "undo.redone": ("已重做:{what}", "Redone: {what}"),
    "undo.act.preset": ("载入预设 {preset}({scenario})", "load preset {preset} ({scenario})"),
    "undo.act.reset": ("把方案重置为基线", "reset the plan to the baseline"),
    "undo.act.replace": ("替换{scenario}", "replace {scenario}"),
    "undo.act.set": ("{param} 改为 {value}({scenario})", "set {param} to {value} ({scenario})"),
    "undo.act.edit": ("修改 {param}({scenario})", "change {param} ({scenario})"),
    "undo.act.list": ("修改{what}({scenario})", "change {what} ({scenario})"),
    "undo.list.promotions": ("促销", "the promotions"),
    "undo.a_setting": ("设置", "a setting"),
    "undo.a_change": ("上一步修改", "the last change"),
    "undo.act.on": ("开启{what}({scenario})", "switch on {what} ({scenario})"),
    "undo.act.off": ("关闭{what}({scenario})", "switch off {what} ({scenario})"),
    "undo.list.traffic.campaigns": ("平台活动", "the platform campaigns"),
    "undo.act.horizon": ("推演天数改为 {days} 天", "simulate {days} days"),
    "undo.act.calibrate": ("应用校准:{file}", "apply the calibration from {file}"),
    "undo.act.import": ("导入工作区 {file}", "import the workspace {file}"),
    "undo.act.link": ("打开分享链接", "open a share link"),
    "undo.act.promo_add": ("添加促销 {label}({scenario})", "add promotion {label} ({scenario})"),
    "undo.act.promo_delete": (
        "删除促销 {label}({scenario})",
        "delete promotion {label} ({scenario})",
    ),
    "undo.act.promo_clear": ("清除全部促销({scenario})", "clear all promotions ({scenario})"),
    "undo.act.save": ("保存方案 {name}", "save the scenario {name}"),
    "undo.act.delete": ("删除方案 {name}", "delete the scenario {name}"),
    "undo.act.rename": ("把 {old} 改名为 {name}", "rename {old} to {name}"),
    "undo.act.to_baseline": ("把 {name} 设为基线", "make {name} the baseline"),
    "undo.act.to_plan": ("把 {name} 设为方案来编辑", "edit {name} as the plan"),
    "undo.act.seed_002": (
        "客服半衰期 {h} 秒、关闭自动回复({scenario})",
        "half-life {h} s, auto-reply off ({scenario})",
    ),
    "undo.from_data": ("来自你的数据", "from your data"),
    "undo.mark": ("※", "※"),
    "undo.after_apply": (
        "侧栏的“撤销”(Ctrl+Z)可以整体撤回这次应用;改过的输入框标有“来自你的数据”。",
        "Undo in the sidebar (Ctrl+Z) takes the whole Apply back; the inputs it changed are "
        "marked “from your data”.",
    ),
    # the plan library and rooms (ui/store.py): storage.err.<StoreError.code>
    "storage.publish": ("发布", "Publish"),
    "storage.publish_name": ("发布名称", "Name to publish under"),
    "storage.publish_help": (
        "把当前工作区的全部方案保存到服务器,得到一个短链接(/?s=…),打开时还原方案,和上面的长链接一样。"
        "发布的是此刻的快照:之后的修改需要重新发布。留空则使用方案的名称。",
        "Stores every scenario of the workspace on the server and gives a short link (/?s=…) "
        "that restores them like the long link above. It is a snapshot of this moment: later "
        "edits need another publish. Empty: the plan's name.",
    ),
    "storage.published": (
        "已发布为“{name}”。这个短链接打开发布时的方案快照。",
        "Published as “{name}”. This short link opens the scenarios as they were when published.",
    ),
    "storage.err.unavailable": (
        "方案库暂时无法使用(服务器的存储出错);长链接和方案文件照常可用。",
        "The plan library is unavailable right now (the server's storage failed); long links and "
        "workspace files still work.",
    ),
    "storage.err.unknown_plan": (
        "没有找到这个短链接的方案:链接可能不完整,或方案已过期被删除。已打开当前方案。",
        "No published plan has this short link: the link may be cut short, or the plan expired "
        "and was deleted. Your current scenarios are open.",
    ),
    "storage.err.unknown_room": (
        "没有找到这个课堂:请检查课堂代码,课堂也可能已结束并被删除。",
        "No room has this code: check the code; the room may also have ended and been deleted.",
    ),
    "storage.err.wrong_token": (
        "只有培训师本人的链接可以这样做。",
        "Only the trainer's own link can do this.",
    ),
    "storage.err.not_member": (
        "你还没有加入这个课堂,请先用显示名称加入。",
        "You have not joined this room; join it with a display name first.",
    ),
    "storage.err.not_revealed": (
        "培训师公布之前,看不到其他人的提交。",
        "Other people's submissions are hidden until the trainer reveals them.",
    ),
    "storage.err.bad_name": (
        "名称需要 1 到 {limit} 个字符。",
        "A name needs 1 to {limit} characters.",
    ),
    "storage.err.bad_title": (
        "课堂标题需要 1 到 {limit} 个字符。",
        "A room's title needs 1 to {limit} characters.",
    ),
    "storage.err.name_taken": (
        "课堂里已经有人用了这个名称,请换一个。",
        "Someone in the room already has this name; choose another.",
    ),
    "storage.err.room_full": (
        "这个课堂已满(最多 {limit} 名学员)。",
        "This room is full (at most {limit} students).",
    ),
    "storage.err.room_closed": (
        "培训师已关闭这个课堂,不再接受加入或提交。",
        "The trainer has closed this room: it takes no more joins or submissions.",
    ),
    "storage.err.too_fast": (
        "提交太频繁:每分钟最多 {limit} 次,请稍后再试。",
        "Too many submissions: at most {limit} a minute; try again shortly.",
    ),
    "storage.err.too_many": (
        "你在这个课堂的提交已达上限({limit} 次)。",
        "You have reached the most submissions a room keeps ({limit}).",
    ),
    "storage.err.too_big": (
        "提交的内容太大,未保存。",
        "The submission is too large and was not stored.",
    ),
    "storage.err.bad_prediction": (
        "预测需要一个有限的数值,未保存。",
        "A prediction needs a finite number; it was not stored.",
    ),
    "storage.err.bad_question": (
        "课堂的问题太长(最多 {limit} 个字符)。",
        "The room's question is too long (at most {limit} characters).",
    ),
}
