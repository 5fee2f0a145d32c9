"""The session's scenarios as a shareable workspace: the link in the sidebar, and opening a link.

The session holds a baseline, a plan and up to four saved scenarios (``ui.state``); as a workspace
they are named scenarios, the baseline marked. A link (``?ws=…&lang=…&page=…``, ``ui.share``)
opened in a new session replaces them, once, and opens its page; a bad link leaves the session as
it was and says why in the user's language. A workspace too large for a dependable link is offered
as a file instead.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import streamlit as st
from pydantic import ValidationError

from simulator import Result, Scenario
from simulator.errors import ModelError
from ui import bands, classroom, router, state, worker
from ui.errors import describe_error
from ui.exports import daily_csv, html_report, raw_csv, report_figures, results_workbook
from ui.i18n import t
from ui.share import (
    LINK_BUDGET,
    MAX_NAME_CHARS,
    PAGE_KEY,
    PLAN_KEY,
    WS_KEY,
    Entry,
    ShareError,
    Workspace,
    decode_link,
    encode_link,
    link_qr_png,
    read_json,
    read_workspace_file,
    workspace_to_json,
)
from ui.text import plain

if TYPE_CHECKING:  # ui.store imports SQLAlchemy (~0.15 s): only when the library is used
    from ui.store import Store

log = logging.getLogger("shop_whatif")

#: The payload of the link this session opened (a link opens once per session).
OPENED = "_ws_opened"
#: The name a downloaded workspace file gets.
WORKSPACE_FILE = "shop-whatif-workspace.json"
#: The query parameter of a link for a projector: ``sidebar=0`` opens with the sidebar collapsed.
SIDEBAR_KEY = "sidebar"
#: The Lessons page's file stem: its share link is the lesson step's (ui/classroom.py).
LESSONS_PAGE = "lessons"
#: Set once a ``sidebar=0`` link has collapsed the sidebar in this session.
COLLAPSED = "_sidebar_collapsed"
#: The share panel's projector toggle, and its value kept between runs.
PROJECTOR, PROJECTOR_KEPT = "share_projector", "_share_projector"
#: The sidebar's share and files panels (expanders whose content runs only while they are open).
SHARE_PANEL, FILES_PANEL = "share_panel", "files_panel"
#: Pixels per QR module in the sidebar and in the large dialog (segno's PNG ``scale``).
QR_SCALE, QR_SCALE_BIG = 3, 8
#: The large QR code's width: it fits under the dialog's title on a 1024×768 projector.
QR_BIG_PX = 560
#: Workspace files refused this session (part of the uploader's key: a refused file is cleared).
REFUSED = "_ws_refused"
#: Problems of an imported file listed one by one; the rest are counted.
MAX_PROBLEMS = 20


def sidebar_state() -> str | None:
    """In ``app.py``'s ``st.set_page_config``: ``collapsed`` on the first run of a session
    opened with ``sidebar=0`` or ``present=1`` (a projector shows the page only; once, so a sidebar opened later
    stays open), else ``None`` (Streamlit's default stands)."""
    asked = st.query_params.get(SIDEBAR_KEY) == "0" or st.query_params.get("present") == "1"
    if not asked or st.session_state.get(COLLAPSED):
        return None
    st.session_state[COLLAPSED] = True
    return "collapsed"


def current(lang: str) -> Workspace:
    """The session's scenarios as a workspace (baseline first, then the plan), named in ``lang``."""
    return Workspace(
        scenarios=tuple(
            Entry(name=state.name_of(x, lang), baseline=x == state.BASELINE,
                  scenario=state.scenario_of(x))
            for x in state.targets()
        )
    )  # fmt: skip


def share_query(lang: str, page: str | None) -> str:
    """The query string that reopens this session's scenarios in ``lang`` on ``page``."""
    return encode_link(current(lang), lang=lang, page=page, ranges=state.ranges())


#: The words for each range setting a link or a file may refuse (``bands.parse``'s names).
_SETTINGS = {bands.ON_KEY: "band.setting.ranges", bands.PATHS_KEY: "band.setting.paths",
             bands.SEED_KEY: "band.setting.seed", bands.FILE_KEY: "band.setting.ranges"}  # fmt: skip


def range_problems(problems: tuple[str, ...] | list[str], lang: str) -> None:
    """Say which range settings of a link or a file were refused (their defaults are used)."""
    if problems:
        what = t("band.list_sep", lang).join(t(_SETTINGS[p], lang) for p in dict.fromkeys(problems))
        d = bands.DEFAULT
        state.flash(t("band.err.settings", lang, what=what, paths=d.paths, seed=d.seed))


def _names(ws: Workspace) -> list[str | None]:
    """The session's names for ``ws``'s scenarios (baseline first, then the others). A baseline or
    plan named as its role (any language) takes the role's name (``None``): it follows the UI
    language. Any other name that reads as a role (a file may hold a saved scenario called
    "Baseline") gets a number, so the names stay apart in both languages."""
    base = ws.baseline
    entries = [base, *(e for e in ws.scenarios if not e.baseline)]
    out: list[str | None] = []
    for i, e in enumerate(entries):
        role = (state.BASELINE, state.PLAN)[i] if i < 2 else None
        if role and e.name in state.role_names(role):
            out.append(None)
        else:
            out.append(state.numbered(e.name, state.RESERVED | {n for n in out if n}))
    return out


@state.recording(lambda lang, *_: t("undo.act.link", lang))  # a file: _import names it
def apply(ws: Workspace, lang: str) -> None:
    """Make ``ws`` the session's scenarios: its baseline, its first other scenario as the plan
    (else a copy of the baseline) and the rest saved, with their names."""
    base = ws.baseline.scenario
    others = [e for e in ws.scenarios if not e.baseline]
    names = _names(ws)
    plan = others[0].scenario if others else base
    state.replace(state.BASELINE, base)
    state.replace(state.PLAN, plan)
    state.slot(state.BASELINE).name = names[0]
    state.slot(state.PLAN).name = names[1] if others else None
    st.session_state["horizon"] = plan.horizon_days
    state.saved()[:] = [state.Saved(n, e.scenario) for n, e in zip(names[2:], others[1:])]
    if len(others) > 1:  # the rest are kept for the Compare page
        state.note(t("share.more_plans", lang, n=len(others)))


def open_shared(pages: Mapping[str, st.Page]) -> None:
    """In ``app.py``: load a share link (``?ws=``) or a published plan (``?s=<code>``,
    ``ui.store``) of the URL into the session, once, and open its page."""
    params = st.query_params
    if WS_KEY in params:
        payload = params[WS_KEY]
    elif PLAN_KEY in params:
        payload = f"{PLAN_KEY}:{params[PLAN_KEY]}"
    else:
        return
    if st.session_state.get(OPENED) == payload:
        return
    st.session_state[OPENED] = payload
    lang = state.lang()
    if WS_KEY in params:
        try:
            link = decode_link({k: params[k] for k in params})
        except ShareError as exc:
            state.flash(t(f"share.err.{exc.code}", lang))
            return
        ws, ranges, problems, page_stem = (
            link.workspace,
            link.ranges,
            link.range_problems,
            link.page,
        )
    else:
        opened = _open_published(params[PLAN_KEY], lang)
        if opened is None:
            return
        ws, ranges, problems = opened
        page_stem = params.get(PAGE_KEY)
    apply(ws, lang)
    state.set_ranges(ranges)  # a link without them: the defaults
    range_problems(problems, lang)
    page = pages.get(f"{page_stem}.py") if page_stem else None
    if page is not None:
        router.switch(page)  # keeps the query string (``lang`` is bound to a widget)


def library() -> Store | None:
    """The plan library (``ui.store``; one per database for the server's life), or ``None``
    when it cannot be opened (logged; the caller says so in words)."""
    try:
        from ui.store import default_url

        return _library(default_url())
    except Exception:  # a bad DATABASE_URL, a server down, a data directory not writable
        log.exception("the plan library could not be opened")
        return None


@st.cache_resource(show_spinner=False)
def _library(url: str) -> Store:
    from ui.store import open_store

    return open_store(url)


def _open_published(code: str, lang: str) -> tuple[Workspace, bands.Ranges, tuple[str, ...]] | None:
    """The workspace published under ``code``, or ``None`` with the reason flashed in words."""
    from ui.store import StoreError

    lib = library()
    if lib is None:
        state.flash(t("storage.err.unavailable", lang))
        return None
    try:
        return read_workspace_file(lib.load(code))
    except StoreError as exc:
        state.flash(t(f"storage.err.{exc.code}", lang, **exc.params))
    except ShareError as exc:  # stored before a rule tightened: said like a bad link
        state.flash(t(f"share.err.{exc.code}", lang))
    except Exception:
        log.exception("a published plan could not be read")
        state.flash(t("storage.err.unavailable", lang))
    return None


def draw_share(container, lang: str, page: str, url_path: str) -> None:
    """The share link of the session, ready to copy (the box's copy button), with what it
    carries, its QR code (to open it on a phone in the room; large in a dialog for a projector),
    and an option for a link that opens with the sidebar hidden. ``page``: the page's file stem
    (the link's ``page``); ``url_path``: its path in the URL ("" for the default)."""
    # Drawn only while open (a closed panel reruns nothing): the link and its QR code change with
    # every edit, and encoding the QR took ~50 ms of every slider change on every page (issue 18).
    with _panel(container, t("share.title", lang), ":material/share:", SHARE_PANEL) as panel:
        if not panel.open:
            return
        # on the Lessons page the link opens the lesson step (CONTRACT.md), not the workspace
        query = classroom.link_query(lang) if page == LESSONS_PAGE else share_query(lang, page)
        try:
            base = st.context.url.split("?")[0].rstrip("/")
            base = base.rsplit("/", 1)[0] if url_path and base.endswith("/" + url_path) else base
        except Exception:  # no browser context (tests, bare mode)
            base = ""
        url = f"{base}/{url_path}{query}" if base else query
        if len(url) > LINK_BUDGET:  # chat apps and mail cut long links: a file travels whole
            st.warning(t("share.too_long", lang, n=len(url), limit=LINK_BUDGET),
                       icon=":material/link_off:")  # fmt: skip
            st.download_button(
                t("files.export_json", lang),
                data=workspace_to_json(current(lang), state.ranges()).encode("utf-8"),
                file_name=WORKSPACE_FILE,
                mime="application/json",
                icon=":material/download:",
                key="share_file",
                width="stretch",
                on_click="ignore",
            )
        else:
            _draw_link(url, lang)
        draw_publish(base, lang)


def _draw_link(url: str, lang: str) -> None:
    """The link box, its QR code and the projector option."""
    # The choice outlives runs that do not draw the sidebar (a page's hand-over, router.py):
    # kept by the toggle's callback, which runs even then.
    st.session_state.setdefault(PROJECTOR, st.session_state.get(PROJECTOR_KEPT, False))
    projector = st.toggle(t("share.projector", lang), key=PROJECTOR, on_change=_keep_projector,
                          help=t("share.projector_help", lang))  # fmt: skip
    if projector:
        url += f"&{SIDEBAR_KEY}=0"
    link_box(url, lang)
    st.caption(t("share.help", lang, n=len(url)))
    st.image(link_qr_png(url, scale=QR_SCALE), caption=t("share.qr_caption", lang),
             alt=t("share.qr_alt", lang), output_format="PNG")  # fmt: skip
    if st.button(t("share.qr_big", lang), icon=":material/qr_code_2:", key="share_qr_big",
                 width="stretch"):  # fmt: skip
        _big_qr(url, lang)


#: The name field and the published plan of this session (its code and the name given).
PUBLISH_NAME, PUBLISHED = "publish_name", "_published"


def draw_publish(base: str, lang: str) -> None:
    """Publish / 发布: store the session's workspace in the plan library (``ui.store``) under a
    name and show its short link ``/?s=<code>``, which restores it like the long link. The link
    is a snapshot: later edits need another publish."""
    st.divider()
    st.text_input(t("storage.publish_name", lang), key=PUBLISH_NAME, max_chars=MAX_NAME_CHARS,
                  placeholder=state.name_of(state.PLAN, lang),
                  help=t("storage.publish_help", lang))  # fmt: skip
    # In the button's callback: it runs even on a run that does not draw the sidebar (a page's
    # hand-over, router.py), where the click itself would be lost.
    st.button(t("storage.publish", lang), icon=":material/cloud_upload:", key="publish_btn",
              width="stretch", on_click=_publish, args=(lang,))  # fmt: skip
    published = st.session_state.get(PUBLISHED)
    if isinstance(published, str):  # a catalogue text: why it failed
        st.error(published, icon=":material/cloud_off:")
    elif published:
        code, shown_name = published
        link_box(f"{base}/?{PLAN_KEY}={code}", lang)
        st.caption(t("storage.published", lang, name=plain(shown_name)))


def _publish(lang: str) -> None:
    """The Publish button's callback: the code and name published, or the reason in words."""
    from ui.store import StoreError

    name = str(st.session_state.get(PUBLISH_NAME) or "").strip() or state.name_of(state.PLAN, lang)
    lib = library()
    if lib is None:
        st.session_state[PUBLISHED] = t("storage.err.unavailable", lang)
        return
    try:
        code = lib.publish(name, workspace_to_json(current(lang), state.ranges()))
        st.session_state[PUBLISHED] = (code, lib.plan_name(code))
    except StoreError as exc:
        st.session_state[PUBLISHED] = t(f"storage.err.{exc.code}", lang, **exc.params)
    except Exception:
        log.exception("publishing failed")
        st.session_state[PUBLISHED] = t("storage.err.unavailable", lang)


def _panel(container, label: str, icon: str, key: str):
    """A sidebar panel whose content runs only while it is open (an expander with state: a click
    on its header reruns the app). Its open state outlives runs that do not draw the sidebar (a
    page's hand-over, router.py), kept by its callback like the projector toggle's."""
    st.session_state.setdefault(key, st.session_state.get(f"{key}_kept", False))
    return container.expander(label, icon=icon, key=key, on_change=_keep_panel, args=(key,))


def _keep_panel(key: str) -> None:
    st.session_state[f"{key}_kept"] = st.session_state[key]


def _keep_projector() -> None:
    st.session_state[PROJECTOR_KEPT] = st.session_state[PROJECTOR]


#: The link box's look (Streamlit's theme variables where they exist, plain values otherwise).
_LINK_BOX_CSS = (
    ".share-link{display:flex;flex-direction:column;gap:.4rem}"
    ".share-link textarea{width:100%;box-sizing:border-box;font:0.78rem/1.35 monospace;"
    "padding:.4rem;border:1px solid rgba(49,51,63,.2);border-radius:.5rem;resize:none;"
    "word-break:break-all;background:rgba(240,242,246,.6)}"
    ".share-link button{align-self:flex-start;padding:.3rem .8rem;border-radius:.5rem;"
    "border:1px solid rgba(49,51,63,.2);background:#fff;cursor:pointer;font:inherit}"
)


def link_box(url: str, lang: str) -> None:
    """The link in a read-only box (a click selects it all) with a copy button.

    A few lines of our own HTML and script instead of ``st.code``: the code block's copy button
    comes with a 1.5 MB syntax highlighter that every page loaded on its first paint, before the
    KPI cards (the cold-open measurements of issue 16). The clipboard API needs a secure context
    (https, localhost); elsewhere the box's text is selected and copied the old way."""
    copy, copied = html.escape(t("share.copy", lang)), html.escape(t("share.copied", lang))
    # Bound by a script (the frontend runs <script> elements of st.html, not inline handlers).
    script = (
        "document.querySelectorAll('.share-link button:not([data-bound])').forEach(b=>{"
        "b.dataset.bound='1';b.addEventListener('click',()=>{"
        "const a=b.previousElementSibling;"
        "const done=()=>{b.textContent=b.dataset.copied;"
        "setTimeout(()=>{b.textContent=b.dataset.copy},1500)};"
        "const old=()=>{a.select();document.execCommand('copy');done()};"
        "if(navigator.clipboard&&window.isSecureContext)"
        "{navigator.clipboard.writeText(a.value).then(done,old)}else{old()}})})"
    )
    st.html(
        f"<style>{_LINK_BOX_CSS}</style><div class='share-link'>"
        f"<textarea readonly rows='4' aria-label='{html.escape(t('share.title', lang))}' "
        f"onfocus='this.select()'>{html.escape(url)}</textarea>"
        f"<button type='button' data-copy='{copy}' data-copied='{copied}'>{copy}</button>"
        f"</div><script>{script}</script>",
        unsafe_allow_javascript=True,
    )


def _big_qr(url: str, lang: str) -> None:
    """The link's QR code in a large dialog, for a room to scan from the projector."""

    @st.dialog(t("share.qr_dialog", lang), width="large")
    def show() -> None:
        st.image(link_qr_png(url, scale=QR_SCALE_BIG), alt=t("share.qr_alt", lang),
                 output_format="PNG", width=QR_BIG_PX)  # fmt: skip

    show()


def _problems(exc: ShareError, raw: bytes, lang: str) -> list[str]:
    """Every problem of a file that does not validate, in ``lang`` where the app knows it.
    A scenario's name is quoted from the file: escaped for Markdown (``plain``)."""
    if exc.code != "invalid":
        return []
    try:
        entries = read_json(raw.decode("utf-8-sig"), "").get("scenarios") or []
    except (ShareError, ValueError, AttributeError):
        return _capped(_file_problems(exc, lang, scenarios=True), lang)
    out: list[str] = []
    listed = entries if isinstance(entries, list) else []
    for i, item in enumerate(listed):
        if len(out) >= MAX_PROBLEMS:  # a file of 1,000 bad scenarios: the first ones say enough
            out.append(t("files.more_scenarios", lang, n=len(listed) - i))
            break
        name = str(item.get("name", f"#{i + 1}")) if isinstance(item, dict) else f"#{i + 1}"
        if len(name) > MAX_NAME_CHARS:  # too long to be a name: quoted cut short
            name = name[: MAX_NAME_CHARS - 1] + "…"
        try:
            Scenario.model_validate(item.get("scenario") if isinstance(item, dict) else None)
        except (ValidationError, ValueError) as err:
            out += [f"{plain(name)}: {line}" for line in describe_error(err, lang).splitlines()]
    rest = _file_problems(exc, lang, scenarios=False)
    return out + _capped(list(dict.fromkeys(rest)), lang)


def _capped(lines: list[str], lang: str) -> list[str]:
    """The first ``MAX_PROBLEMS`` problems and how many more there are (a file of 1,000 bad
    scenarios once printed a 37,000-pixel wall)."""
    if len(lines) <= MAX_PROBLEMS:
        return lines
    return [*lines[:MAX_PROBLEMS], t("files.more_problems", lang, n=len(lines) - MAX_PROBLEMS)]


def _file_problems(exc: ShareError, lang: str, *, scenarios: bool) -> list[str]:
    """The problems of a workspace file in ``lang``: a workspace rule (a typed error, e.g. two
    baselines) in words, else the field at fault; those inside a scenario only if ``scenarios``
    (else they are said scenario by scenario)."""
    out = []
    for e in exc.validation.errors() if exc.validation is not None else ():
        where = ".".join(str(x) for x in e.get("loc", ()))
        if not scenarios and where.startswith("scenarios.") and ".scenario" in where:
            continue
        inner = (e.get("ctx") or {}).get("error")
        if isinstance(inner, ModelError):
            out.append(describe_error(inner, lang))
        else:
            out.append(t("files.field_bad", lang, where=plain(where)))  # the file's keys
    return out


def _import_label(lang: str, key: str, *_: object) -> str:
    upload = st.session_state.get(key)
    return t("undo.act.import", lang, file=getattr(upload, "name", ""))


@state.recording(_import_label, before=True)
def _import(key: str, lang: str) -> None:
    upload = st.session_state.get(key)
    if upload is None:
        return
    raw = upload.getvalue()
    try:
        ws, ranges, problems = read_workspace_file(raw)
    except ShareError as exc:
        lines = [t(f"files.err.{exc.code}", lang)] + _problems(exc, raw, lang)
        state.flash("\n\n".join(lines))
        _refused(upload)
        return
    except Exception:  # a failure no check foresaw: in words (a callback's raise shows
        log.exception("importing a workspace file failed")  # Streamlit's error page)
        state.flash(t("files.err.unreadable", lang))
        _refused(upload)
        return
    apply(ws, lang)
    state.set_ranges(ranges)  # a file without them: the defaults
    range_problems(problems, lang)
    st.toast(t("files.imported", lang, name=plain(upload.name)), icon=":material/check:")


def _refused(upload: Any) -> None:
    """A refused file leaves nothing behind: its bytes dropped from Streamlit's store, a fresh
    uploader in its place (``REFUSED`` counts them into its key), the memory given back."""
    state.forget_upload(upload)
    st.session_state[REFUSED] = st.session_state.get(REFUSED, 0) + 1
    worker.release_memory()


def draw_files(container, lang: str) -> None:
    """Export the scenarios (JSON), their results (CSV, Excel) and a report (HTML); import a
    workspace file."""
    with _panel(container, t("files.title", lang), ":material/folder_open:", FILES_PANEL) as panel:
        if not panel.open:  # drawn only while open, like the share panel
            return
        # Read here, simulated on click: the exports are built on another thread from what is
        # captured, and a rerun no longer simulates every saved scenario for them (issue 18).
        jobs = state.named_jobs(lang)
        base_name = state.name_of(state.BASELINE, lang)
        fitted = {state.name_of(x, lang): dict(state.fitted_of(x)) for x in state.targets()}

        ranges = state.ranges()

        def named() -> dict[str, Result]:  # with ranges on: the Monte Carlo (its bands, odds)
            if ranges.active:
                return {name: state.simulate_mc(*job, ranges.paths, ranges.seed)
                        for name, job in jobs.items()}  # fmt: skip
            return {name: state.simulate_json(*job) for name, job in jobs.items()}

        def csv() -> bytes:  # built on click (deferred), not on every rerun
            return daily_csv(named(), lang)

        def raw() -> bytes:  # built on click
            return raw_csv(named())

        def report() -> bytes:  # built on click
            results = named()
            figures = report_figures(results, lang)
            return html_report(results, baseline=base_name, lang=lang, figures=figures,
                               fitted=fitted).encode()  # fmt: skip

        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        # The workspace file is small and reads the session, so it is built now; the others are
        # built on click (deferred, on another thread: they use the results captured here).
        # A click reruns nothing (on_click="ignore"): a rerun replaces every deferred button's
        # file id, and Streamlit's fast rerun let the stopped run's clean-up drop the id the
        # browser had just asked for ("Deferred file … not found": the first CSV click after a
        # JSON download downloaded nothing).
        workspace = workspace_to_json(current(lang), state.ranges()).encode("utf-8")
        for label, build, file_name, mime, icon, help_key in (
            ("files.export_json", workspace, WORKSPACE_FILE,
             "application/json", "download", None),
            ("files.export_csv", csv, "shop-whatif-daily.csv", "text/csv", "table", None),
            ("files.export_xlsx", lambda: results_workbook(named(), baseline=base_name, lang=lang),
             "shop-whatif-results.xlsx", xlsx, "grid_on", None),
            ("files.export_html", report, "shop-whatif-report.html", "text/html", "description",
             None),
            ("files.export_csv_raw", raw, "shop-whatif-daily-raw.csv", "text/csv", "data_object",
             "files.export_csv_raw_help"),
        ):  # fmt: skip
            st.download_button(t(label, lang), data=build, file_name=file_name, mime=mime,
                               icon=f":material/{icon}:", width="stretch", on_click="ignore",
                               help=t(help_key, lang) if help_key else None)  # fmt: skip
        key = (f"ws_import:{state.slot(state.BASELINE).version}:"
               f"{state.slot(state.PLAN).version}:{st.session_state.get(REFUSED, 0)}")  # fmt: skip
        st.file_uploader(
            t("files.import", lang),
            type=["json"],
            key=key,
            on_change=_import,
            args=(key, lang),
            help=t("files.import_help", lang),
        )
