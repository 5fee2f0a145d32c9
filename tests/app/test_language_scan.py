"""Issue 16, defect 8: every page in each language speaks only that language, and no user sees an
internal identifier (a snake_case name, a registry path, a seed file name, a spec section) or a
bare symbol without its words.

The scan walks the whole element tree of each page (``AppTest`` renders the content of closed
expanders and of every tab too) and reads every string a user can see: headings, markdown,
captions, alerts, metric labels/values/deltas/help, widget labels/help/options/placeholders, tab
and expander labels, table headers and cells, chart titles and the data values a chart draws.
The app is in a state that shows most content: a campaign preset with promotions in the plan,
the loyalty schemes on, the Calibrate samples loaded.

Rules (``offences``):

- en: no CJK character, except in :data:`BILINGUAL` (the language control and the product name
  are deliberately written in both languages, so each reader finds their own).
- zh: no English word, except the terms Chinese operators use as they are (:data:`ZH_TERMS`:
  GMV, UV, ROI, DSR, CSV, …), citations ``Name (et al.) YYYY`` (authors' names are not
  translated), units and single letters of a formula (``r``, ``q``; a symbol is judged below).
- both: no internal identifier: a snake_case token (``threshold_discount``), a dotted registry
  path (``funnel.conversion_rate``), a seed file name (``003_6162060a84d80a32.txt``), a spec
  reference (``MODEL.md §9.2``, ``§4.1``, ``T17``, ``V4``), and no bare symbol: a string that is
  only a formula symbol (``π_bad``, ``α``) — a symbol beside its words (``差评体验占比 π_bad``) is
  fine; formulas (a string with ``=``, ``×``, ``÷`` …) are judged as text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from google.protobuf.message import Message
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from simulator import PARAMS
from simulator.presets import PRESET_SOURCES
from simulator.sources import preset_source_text, source_text
from tests.app.test_pages import (
    APP,
    _repo_cwd,  # noqa: F401  (autouse fixture: the app reads assets/ from the repo root)
    add_promotion,
    assert_clean,
    choose_plan_preset,
    goto,
    widget,
)
from ui.calibrate import SAMPLES
from ui.i18n import LANGS
from ui.router import PAGE_PATHS
from ui.text import unplain

PAGES = PAGE_PATHS

# --------------------------------------------------------------------------- the rules
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

#: Strings written in both languages on purpose: the language control (each reader must find
#: their own language in it; its options are the codes of ``?lang=``, CONTRACT.md) and the
#: product name in the browser tab.
BILINGUAL = {"Language / 语言", "语言 / Language", "zh", "en", "店铺推演 · Shop What-If"}

#: Latin-script terms a Chinese operator reads as they are (platform and analytics vocabulary,
#: file formats, model names that have no Chinese name, units).
ZH_TERMS = {
    # metrics and platform vocabulary used as-is on Taobao back ends
    "GMV", "UV", "PV", "ROI", "DSR", "AOV", "CPC", "CPM", "CTR", "CLV", "KPI", "VIP", "SKU",
    "SMS", "app", "App", "APP", "T1", "T2", "T3",
    # file formats and exports
    "CSV", "Excel", "JSON", "PNG", "SVG", "HTML", "URL", "QR",
    "ROAS", "CRM",
    # file formats, encodings
    "xlsx", "xls", "GBK", "Parquet",
    # data tools known by these names (the large-file mode and its warehouse SQL)
    "DuckDB", "SQL", "Spark", "Hive", "MaxCompute", "ODPS",
    # model and method names known by these names in Chinese writing too, and data sets
    "BG", "NBD", "Gamma", "Gamma-Gamma", "sBG", "Beta", "CDNOW", "Erlang", "ErlangC", "C",
    "LMDI", "Olist", "probit",
    # units, number suffixes and the functions of a formula
    "h", "s", "min", "d", "ms", "pp", "K", "M", "MB", "KB", "ln", "exp", "max", "clip",
    # the names printed on the keys of a keyboard (a shortcut: Ctrl+Z)
    "Ctrl", "Shift", "Cmd", "Z",
}  # fmt: skip

#: ``Fader et al. 2005``, ``Fader, Hardie & Lee 2005``, ``van Heerde, Leeflang & Wittink 2000``:
#: authors' names and a year are left as written in both languages.
_NAME = r"(?:(?:[vV]an|[vV]on|de|den|der)\s+)*[A-Z][a-zA-Z'\-]+"
CITATION = re.compile(
    rf"{_NAME}(?:\s*(?:,|&|and|和|与|、)\s*{_NAME})*(?:\s+et\s+al\.?|\s*等)?\s*[,((]?\s*"
    r"(?:19|20)\d\d[a-z]?"
)

#: The product's name is bilingual by design (the browser tab, the report's footer).
PRODUCT = "店铺推演 · Shop What-If"

#: A snake_case identifier (two lower-case words joined by ``_``), a dotted registry path, a file
#: name with an extension, a spec section (``MODEL.md``, ``§4.1``) or a spec table/test (``T17``,
#: ``V4`` as a reference, not ``T1`` cards which are words: only after MODEL/spec context).
IDENTIFIERS = (
    ("snake_case", re.compile(r"\b[a-z]{2,}[a-z0-9]*(?:_[a-z0-9]+)+\b")),
    ("registry path", re.compile(r"\b[a-z_]+\.[a-z_]+(?:\.[a-z_]+)*\b(?<!\be\.g)(?<!\bi\.e)")),
    ("file name", re.compile(r"\b[\w\-]+\.(?:txt|md|py|csv|json|xlsx)\b", re.I)),
    ("spec section", re.compile(r"§\s*\d|\bMODEL\b")),
)

#: A formula symbol: a letter (Latin or Greek) with optional subscripts/primes, ``π_bad``,
#: ``α_day``, ``g_m``, ``AOV0``. Shown alone it says nothing to an operator.
SYMBOL = re.compile(r"^[A-Za-z\u0370-\u03ff][A-Za-z0-9\u0370-\u03ff]{0,3}(?:_[A-Za-z0-9]+)*'?$")
GREEK_ONLY = re.compile(r"^[\u0370-\u03ff][\w]*$")
#: Short codes that are words to an operator (KPI names, tier names, error-table ids).
NOT_SYMBOLS = ZH_TERMS | {"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "OK", "To", "A", "B"}


def _strip_allowed_zh(text: str) -> str:
    text = CITATION.sub(" ", text)
    text = re.sub(r"UTF-8", " ", text)
    text = re.sub(r"https?://\S+", " ", text)  # a link's address is not read as words
    # a formula symbol (π_bad, g_m, α_day) is judged by the symbol rule, not as an English word
    return re.sub(r"[A-Za-z\u0370-\u03ff][A-Za-z0-9\u0370-\u03ff]*_[A-Za-z0-9_]+", " ", text)


def _markdown_to_text(text: str) -> str:
    """What the reader sees of a markdown string: no ``:material/icon:``, ``:blue-badge[…]``
    directive names or link addresses; a backslash escape (``ui.text.plain``) shows its character."""
    text = unplain(text)
    text = re.sub(r":material/[a-z_]+:", " ", text)
    text = re.sub(r":[a-z]+(?:-[a-z]+)*\[", "[", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def offences(text: str, lang: str, *, alone: bool = True, data: tuple[str, ...] = ()) -> list[str]:
    """Why ``text`` must not be shown to a user of ``lang`` (empty: it may).

    ``alone``: the string has no words beside it (a table cell whose row names the thing in
    words is not alone); ``data``: the user's own file names and column headers (Calibrate
    shows a file as it is)."""
    text = _markdown_to_text(text).strip()
    if not text or text in BILINGUAL or text in data:
        return []
    if re.fullmatch(r"`[^`]+`", text):
        return ["bare symbol"] if alone else []
    # A symbol in code style (`brk_pts`, MODEL.md's own symbols) beside words is a symbol with
    # its words: judged by what is around it. A formula's primed letter (e', c') likewise.
    text = re.sub(r"`[^`]+`", " ", text)
    text = re.sub(r"\b[A-Za-z]'", " ", text)
    text = text.replace(PRODUCT, " ")
    for own in sorted(data, key=len, reverse=True):
        text = text.replace(own, " ")
    found: list[str] = []
    if lang == "en" and CJK.search(text):
        found.append("CJK in en")
    if lang == "zh":
        words = re.findall(r"[A-Za-z][A-Za-z'\-]*", _strip_allowed_zh(text))
        english = [
            w
            for w in words
            if w not in ZH_TERMS and len(w) > 1 and not (w[0].isupper() and len(w) <= 2)
        ]
        if english:
            found.append(f"English in zh: {sorted(set(english))[:6]}")
    plain = re.sub(r"https?://\S+", " ", text)
    for name, pattern in IDENTIFIERS:
        if pattern.search(plain):
            found.append(f"{name}: {pattern.search(plain).group()!r}")
    if (
        alone
        and text not in NOT_SYMBOLS
        and (GREEK_ONLY.match(text) or (SYMBOL.match(text) and ("_" in text or len(text) <= 2)))
    ):
        found.append("bare symbol")
    return found


# --------------------------------------------------------------------------- the walk
#: Proto fields that hold no text a user reads (ids, keys, CSS, icons, data handled below).
SKIP_FIELDS = {
    "id", "key", "form_id", "icon", "type", "spec", "data", "arrow_data", "datasets", "css",
    "default", "value", "set_value", "format", "step", "min", "max", "url", "page",
    "page_script_hash", "url_path", "file_name", "mime", "deploy_params", "vega_lite_theme",
    "selection_mode", "editing_mode", "column_order", "columns", "styler", "theme", "uuid",
    "allow_html", "element_type", "is_stale", "scroll", "source", "width_config",
    "height_config", "color", "background_color", "border", "name", "stack_trace",
    "message", "accept_file", "type_", "data_uri", "cache_id", "avatar", "placeholder_key",
    "selected_options", "initial_value", "default_values", "raw_values", "column_config",
    "tag", "deferred_file_id", "code_text", "language", "query_param_key", "raw_value",
    "anchor", "shortcut",  # a heading's URL fragment; a button's key binding (its help names it)
}  # fmt: skip


def _proto_strings(message: Message) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        if descriptor.name in SKIP_FIELDS:
            continue
        if descriptor.type == descriptor.TYPE_STRING:
            yield from ([value] if isinstance(value, str) else list(value))
        elif descriptor.type == descriptor.TYPE_MESSAGE:
            items = value if not isinstance(value, Message) else [value]
            for item in items:
                if isinstance(item, Message):
                    yield from _proto_strings(item)


def _has_words(value: object) -> bool:
    text = str(value)
    return bool(CJK.search(text) or re.search(r"[A-Za-z]{3,}", text)) and not SYMBOL.match(text)


def _frame_strings(frame, config: str = "") -> Iterator[tuple[str, bool]]:
    """(text, alone): headers, and cells with whether their row has no words beside them.

    ``config`` is the element's column configuration (JSON): a column's label and help replace
    its name on screen, hidden columns are not seen, a selectbox column shows its options'
    labels instead of the values it stores."""
    columns = json.loads(config) if config else {}
    shown, labels = [], {}
    for c in frame.columns:
        conf = columns.get(str(c), {})
        if conf.get("hidden"):
            continue
        shown.append(c)
        yield str(conf.get("label", c)), True
        if conf.get("help"):
            yield str(conf["help"]), True
        options = conf.get("type_config", {}).get("options") or []
        if options and isinstance(options[0], dict):
            labels[c] = {o.get("value"): o.get("label", o.get("value")) for o in options}
            yield from ((str(v), True) for v in labels[c].values())
    texts = [c for c in shown if frame[c].dtype == object]
    for _, row in frame[texts].iterrows():
        cells = [labels[c].get(v, v) if c in labels else v for c, v in row.items()]
        cells = [v for v in cells if v is not None and str(v) not in ("", "nan", "None")]
        for v in cells:
            yield str(v), not any(_has_words(o) for o in cells if o is not v)


def _chart_strings(proto) -> Iterator[str]:
    """A Vega-Lite chart: its titles and the values of the data fields it draws as text
    (axis categories, legend entries, labels, tooltips); internal helper columns are not read."""
    spec = json.loads(proto.spec)
    drawn: set[str] = set()

    def walk(node) -> Iterator[str]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "title" and isinstance(v, str):
                    yield v
                elif k == "title" and isinstance(v, list):
                    yield from (x for x in v if isinstance(x, str))
                elif k == "text" and isinstance(v, str):
                    yield v
                elif k == "field" and isinstance(v, str) and node.get("type") in (
                    "nominal", "ordinal", None,
                ):  # fmt: skip
                    drawn.add(v)
                    yield from walk(v)
                else:
                    yield from walk(v)
        elif isinstance(node, list):
            for x in node:
                yield from walk(x)

    yield from walk(spec)
    for dataset in proto.datasets:
        frame = convert_arrow_bytes_to_pandas_df(dataset.data.data)
        for column in frame.columns:
            if str(column) in drawn and frame[column].dtype == object:
                yield from (str(v) for v in frame[column].dropna().unique())


def visible_strings(at: AppTest) -> Iterator[tuple[str, str, bool]]:
    """(element type, text, alone) for every user-visible string on the page."""
    for node in at._tree:
        kind = getattr(node, "type", type(node).__name__)
        proto = getattr(node, "proto", None)
        if kind == "arrow_vega_lite_chart" or kind == "vega_lite_chart":
            yield from ((kind, s, True) for s in _chart_strings(proto))
            continue
        if kind in ("arrow_data_frame", "dataframe", "table", "arrow_table"):
            config = getattr(proto, "columns", "") if isinstance(proto, Message) else ""
            yield from ((kind, s, alone) for s, alone in _frame_strings(node.value, config))
            continue
        if kind in ("exception",):
            continue
        if kind == "html":  # what a reader sees: no style sheet, script, tag or the share
            # link's box (an address, like the code box it replaced); entities decoded
            body = re.sub(r"<(style|script|textarea)\b.*?</\1>", " ", proto.body, flags=re.S)
            text = html.unescape(re.sub(r"<[^>]+>", " ", body)).strip()
            if text:
                yield kind, text, True
            continue
        if isinstance(proto, Message):
            yield from ((kind, s, True) for s in _proto_strings(proto))


# --------------------------------------------------------------------------- the app's state
def _rich_app(lang: str) -> AppTest:
    """The app with most of its content on: a campaign plan with a 满减 added, loyalty schemes
    on, both Calibrate samples loaded."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert_clean(at)
    choose_plan_preset(at, "double12_campaign")
    goto(at, "membership")
    for scheme in ("card", "points", "stored_value", "member_price"):
        widget(at, "toggle", f"membership.{scheme}.enabled").set_value(True).run()
    widget(at, "number_input", "membership.fee").set_value(88.0).run()
    assert_clean(at)
    goto(at, "promotions")
    add_promotion(at, "threshold_discount", 14, 17, [(200.0, 20.0)])
    assert_clean(at)
    goto(at, "calibrate")
    at.button(key="cal_orders_sample").click().run()
    at.button(key="cal_daily_sample").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def user_data() -> tuple[str, ...]:
    """The Calibrate samples stand for the user's own files: their names and column headers are
    shown as the user wrote them."""
    names = []
    for path in SAMPLES.values():
        names.append(path.name)
        header = path.read_text(encoding="utf-8-sig").splitlines()[0]
        names.extend(header.split(","))
    return tuple(names)


def scan(at: AppTest, lang: str, page: str) -> list[str]:
    goto(at, page)
    data = user_data() if page == "calibrate" else ()
    seen: set[tuple[str, bool]] = set()
    report = []
    for kind, text, alone in visible_strings(at):
        if (text, alone) in seen:
            continue
        seen.add((text, alone))
        why = offences(text, lang, alone=alone, data=data)
        if why:
            report.append(f"[{lang}/{page}] {kind}: {text[:140]!r} — {'; '.join(why)}")
    return report


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_speaks_only_the_users_language(lang: str) -> None:
    at = _rich_app(lang)
    report = [line for page in PAGES for line in scan(at, lang, page)]
    assert not report, f"{len(report)} strings:\n" + "\n".join(report)


# --------------------------------------------------------------------------- the rules' own tests
@pytest.mark.parametrize(
    ("text", "lang", "bad"),
    [
        ("Pick a 满减 threshold", "en", True),
        ("Payment and reminders (催付)", "en", True),
        ("MODEL.md §9.2: ≥ one 180-day DSR window", "zh", True),
        ("003_6162060a84d80a32.txt", "zh", True),
        ("003_6162060a84d80a32.txt", "en", True),
        ("π_bad", "zh", True),
        ("α", "en", True),
        ("threshold_discount", "en", True),
        ("funnel.conversion_rate", "en", True),
        ("Upload", "zh", True),
        ("差评体验占比 π_bad", "zh", False),
        ("share of bad experiences (π_bad)", "en", False),
        ("BG/NBD 模型(Fader, Hardie & Lee 2005)", "zh", False),
        ("Fader et al. 2005", "zh", False),
        ("成交金额 GMV 与 UV 价值", "zh", False),
        ("Language / 语言", "en", False),
        ("Conversion rate, e.g. 2.4%", "en", False),
    ],
)
def test_the_scan_rules(text: str, lang: str, bad: bool) -> None:
    assert bool(offences(text, lang)) is bad, offences(text, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_registry_text_and_source_reads_in_the_language(lang: str) -> None:
    """Parameters a page may not draw in the scanned state (a disabled scheme's, a promotion
    kind's) and the presets' sources: their labels, help and sources pass the same rules."""
    report = []
    for path, p in PARAMS.items():
        for what, text in (
            ("label", p.label(lang)),
            ("help", p.help(lang)),
            ("source", source_text(p.source, lang)),
        ):
            why = offences(text, lang)
            if why:
                report.append(f"[{lang}] {path} {what}: {text[:120]!r} — {'; '.join(why)}")
    for name, source in PRESET_SOURCES.items():
        text = preset_source_text(name, source, lang)
        if why := offences(text, lang):
            report.append(f"[{lang}] preset {name}: {text[:120]!r} — {'; '.join(why)}")
    assert not report, "\n".join(report)
