"""Issue 17 item 2: scenario names, file names, column headers and cells are shown as text.

A share link whose scenarios are named with Markdown (an image, a link, an autolink, raw HTML,
Streamlit's colour/icon/emoji/LaTeX directives) opens on every page in both languages, and so do a
workspace file's errors and a Calibrate upload with a hostile name, header and cells: no element
that renders Markdown may carry a hostile string unescaped, and a CommonMark parser (markdown-it)
finds no image, link or HTML pointing at the hostile host in any of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from simulator import Scenario, set_param
from tests.app.test_pages import APP, REPO_ROOT, goto, open_panel, option
from ui.calibrate import SAMPLES
from ui.i18n import LANGS, t
from ui.router import PAGE_PATHS
from ui.share import MAX_NAME_CHARS, Entry, Workspace, encode_link, workspace_to_json
from ui.text import plain
from ui.workspace import FILES_PANEL

markdown_it = pytest.importorskip("markdown_it")

#: Nothing listens there (the browser test runs a listener); the address marks what leaked.
HOST = "127.0.0.1:9"
#: Six scenario names (a workspace's most), each at most 40 characters, all different.
NAMES = (
    f"![](http://{HOST}/a.png)",
    f"<img src=http://{HOST}/b.png>",
    f"[x](http://{HOST}/c)",
    f"<http://{HOST}/d>",
    ":red[r] :material/home: $x^2$ :smile:",
    "**b** _i_ ~s~ `c` # h | www.x.com",
)
#: A file name, a column header and a cell (longer than a name may be).
FILE_NAME = f"![](http://{HOST}/f.png)<img src=http://{HOST}/g.png>.csv"
WS_FILE_NAME = FILE_NAME.removesuffix(".csv") + ".json"
HEADER = f"![](http://{HOST}/h.png)"
CELL = f"<img src=http://{HOST}/i.png>"

#: Proto fields that a browser never renders as Markdown: ids and keys, a widget's value, the
#: options of a select box (plain text), chart specs and table data (drawn as text, not parsed),
#: ``st.html`` is checked on its own (its body is HTML).
NOT_MARKDOWN = {
    "id", "key", "form_id", "value", "default", "default_values", "raw_values", "set_value",
    "raw_value", "initial_value", "spec", "data", "arrow_data", "datasets", "url", "page",
    "page_script_hash", "url_path", "file_name", "deploy_params", "query_param_key",
    "css", "placeholder", "column_config", "columns", "styler", "shortcut",
}  # fmt: skip
#: Elements whose options are plain text (every other option list is Markdown).
PLAIN_OPTIONS = {"selectbox", "multiselect", "select_slider"}

assert all(len(n) <= MAX_NAME_CHARS for n in NAMES)


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def hostile_workspace() -> Workspace:
    """The baseline and the plan alike (Compare's "the same results" notice names them), four
    saved scenarios that differ."""
    base = Scenario()
    entries = [Entry(name=NAMES[0], baseline=True, scenario=base),
               Entry(name=NAMES[1], scenario=base)]  # fmt: skip
    for i, name in enumerate(NAMES[2:]):
        entries.append(Entry(name=name, scenario=set_param(base, "store.aov", 100.0 + 10 * i)))
    return Workspace(scenarios=tuple(entries))


def _strings(message: Message, plain_options: bool) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        if descriptor.name in NOT_MARKDOWN or (plain_options and descriptor.name == "options"):
            continue
        if descriptor.type == descriptor.TYPE_STRING:
            yield from ([value] if isinstance(value, str) else list(value))
        elif descriptor.type == descriptor.TYPE_MESSAGE:
            for item in [value] if isinstance(value, Message) else value:
                if isinstance(item, Message):
                    yield from _strings(item, plain_options)


def markdown_strings(at: AppTest) -> Iterator[tuple[str, str]]:
    """(element type, text) of every string the browser renders as Markdown; (``html``, body)
    of every ``st.html``."""
    for node in at._tree:
        kind = getattr(node, "type", type(node).__name__)
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        if kind == "html":
            yield kind, proto.body
            continue
        if kind in ("arrow_vega_lite_chart", "vega_lite_chart"):
            yield kind, proto.spec  # Vega draws names as text: only its links and images load
            continue
        if kind in ("arrow_data_frame", "dataframe"):
            continue  # the data grid draws cells as text (no link or image columns are used)
        yield from ((kind, s) for s in _strings(proto, kind in PLAIN_OPTIONS))


def _tokens(text: str):
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for tok in md.parse(text):
        yield tok
        yield from tok.children or ()


def _chart_loads(node: object) -> Iterator[str]:
    """What a Vega-Lite spec would make the browser load: an ``href`` channel, an image mark,
    data from a URL."""
    if isinstance(node, dict):
        if "href" in node:
            yield f"href {node['href']!r}"
        mark = node.get("mark")
        if mark == "image" or (isinstance(mark, dict) and mark.get("type") == "image"):
            yield "image mark"
        if "url" in node and isinstance(node.get("url"), str):
            yield f"url {node['url']!r}"
        for value in node.values():
            yield from _chart_loads(value)
    elif isinstance(node, list):
        for item in node:
            yield from _chart_loads(item)


def leaks(at: AppTest, hostile: tuple[str, ...]) -> list[str]:
    """What the page would interpret of the hostile strings (empty: nothing)."""
    found = []
    for kind, text in markdown_strings(at):
        if kind == "html":
            if HOST in text and ("<img" in text or "href" in text):
                found.append(f"{kind}: {text[:200]!r}")
            continue
        if kind.endswith("vega_lite_chart"):
            found += [f"{kind}: {what}" for what in _chart_loads(json.loads(text))]
            continue
        raw = [h for h in hostile if h in text]
        if raw:
            found.append(f"{kind}: unescaped {raw[0]!r} in {text[:200]!r}")
        for tok in _tokens(text):
            if tok.type in ("image", "link_open", "html_inline", "html_block") and HOST in (
                str(tok.attrs) + tok.content
            ):
                found.append(f"{kind}: {tok.type} in {text[:200]!r}")
    return found


def _open(lang: str, query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["lang"] = lang
    for part in query.lstrip("?").split("&"):
        key, _, value = part.partition("=")
        if key != "lang":
            at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _no_leaks(at: AppTest, where: str, hostile: tuple[str, ...] = NAMES) -> None:
    found = leaks(at, hostile)
    assert not found, f"{where}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_scenario_names_are_text_on_every_page(lang: str) -> None:
    at = _open(lang, encode_link(hostile_workspace(), lang=lang, page="compare"))
    assert [s.name for s in at.session_state["saved"]] == list(NAMES[2:])
    notice = t("cmp.no_change", lang, a="A", b="B").split("A")[0]
    assert any(notice in i.value for i in at.info), "Compare's same-results notice is shown"
    _no_leaks(at, f"{lang}/compare (opened)")
    for page in PAGE_PATHS:
        goto(at, page)
        _no_leaks(at, f"{lang}/{page}")
    goto(at, "compare")
    at.button(key="cmp_base:0").click().run()  # notes and undo labels name the scenarios
    assert plain(NAMES[2]) in at.sidebar.button(key="ws_undo").help
    assert any(plain(NAMES[2]) in i.value for i in at.info)
    _no_leaks(at, f"{lang}/compare (make baseline)")
    at.button(key="cmp_dup:plan").click().run()  # the workspace is full: refused in words
    at.sidebar.button(key="ws_undo").click().run()  # the toast names what was undone
    _no_leaks(at, f"{lang}/compare (undo)")


def _ws_uploader(at: AppTest):
    open_panel(at, FILES_PANEL)
    (found,) = [u for u in at.get("file_uploader") if "ws_import" in (u.proto.id or "")]
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_hostile_workspace_file_is_named_as_text(lang: str) -> None:
    """Its errors quote its scenarios' names, keys and values; its name goes into the undo
    label and the toast of a good import."""
    data = json.loads(workspace_to_json(hostile_workspace()))
    data["scenarios"][0]["scenario"]["horizon_days"] = 99999
    data["scenarios"][2]["scenario"]["store"][HEADER] = 1  # an unknown key, named in the error
    data["scenarios"][3]["scenario"]["store"]["aov"] = CELL  # not a number, quoted
    data["scenarios"][4]["name"] = NAMES[4] * 3  # too long a name
    at = _open(lang, "?page=overview")
    _ws_uploader(at).upload(WS_FILE_NAME, json.dumps(data).encode(), "application/json")
    at.run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert message.startswith(t("files.err.invalid", lang))
    _no_leaks(at, f"{lang}/bad file", (*NAMES, HEADER, CELL, WS_FILE_NAME))
    good = workspace_to_json(hostile_workspace()).encode()
    _ws_uploader(at).upload(WS_FILE_NAME, good, "application/json")
    at.run()
    assert [s.name for s in at.session_state["saved"]] == list(NAMES[2:])
    assert at.toast, "the import's toast names the file"
    _no_leaks(at, f"{lang}/good file", (*NAMES, WS_FILE_NAME))


@pytest.mark.parametrize("lang", LANGS)
def test_a_hostile_calibrate_file_is_named_as_text(lang: str) -> None:
    """The file's name (its caption, an unreadable file's error), a header chosen for a field
    and its cells quoted in the problems; the fitted file named in the inputs' help; the
    scenarios (opened by a hostile link) named on the checkboxes and in the notes."""
    at = _open(lang, encode_link(hostile_workspace(), lang=lang, page="calibrate"))
    goto(at, "calibrate")
    lines = SAMPLES["orders"].read_text(encoding="utf-8").splitlines()
    rows = [f"{row},{CELL if i % 3 else 5}" for i, row in enumerate(lines[1:])]
    raw = "\n".join([f"{lines[0]},{HEADER}", *rows]).encode()
    (uploader,) = [u for u in at.get("file_uploader") if "cal_orders_file" in (u.proto.id or "")]
    uploader.upload(FILE_NAME, raw, "text/csv")
    at.run()
    assert not at.exception
    import hashlib

    token = hashlib.sha1(raw).hexdigest()[:16]
    option(at, "selectbox", f"cal_orders_map:{token}:amount").set_value(HEADER).run()
    assert not at.exception
    hostile = (*NAMES, HEADER, CELL, FILE_NAME)
    alerts = [e.value for kind in ("error", "warning", "info") for e in getattr(at, kind)]
    assert any(plain(HEADER) in a for a in alerts), alerts  # the header is quoted, as text
    _no_leaks(at, f"{lang}/calibrate (bad cells)", hostile)
    option(at, "selectbox", f"cal_orders_map:{token}:amount").set_value("amount").run()
    assert not at.exception
    _no_leaks(at, f"{lang}/calibrate (fitted)", hostile)
    assert any(plain(FILE_NAME) in c.value for c in at.caption)  # the file's name, as text
    at.button(key="cal_orders_apply").click().run()
    assert not at.exception
    assert at.session_state["plan"].fitted, "the fit went into the plan"
    assert any(plain(NAMES[1]) in i.value for i in at.info)  # "applied to …", as text
    _no_leaks(at, f"{lang}/calibrate (applied)", hostile)
    assert plain(FILE_NAME) in at.sidebar.button(key="ws_undo").help
    for page in ("membership", "assumptions"):
        goto(at, page)
        _no_leaks(at, f"{lang}/{page} (fitted from the file)", hostile)
    assert any(plain(FILE_NAME) in s for _, s in markdown_strings(at))  # an input's help
    goto(at, "calibrate")
    uploader = next(u for u in at.get("file_uploader") if "cal_orders_file" in (u.proto.id or ""))
    uploader.upload(FILE_NAME, b"\x00\x01\x02 not a table", "text/csv")
    at.run()
    assert at.error, "an unreadable file is refused in words"
    _no_leaks(at, f"{lang}/calibrate (unreadable)", hostile)
