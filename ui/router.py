"""Keep every page behind the router, even on a server's very first request.

Streamlit still runs a file of ``pages/`` *directly* (its old folder-based multipage mode) when
the first request a fresh server sees asks for a sub-page URL such as ``/assumptions``: the router
``app.py`` has not called ``st.navigation`` yet, so its sidebar, language and page config would be
missing. Each page calls ``ensure()`` first; a page run without the router hands over to
``app.py`` (keeping the query string, so a shared link survives), and the router then opens the
page that was asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from ui import state
from ui.i18n import LANGS, t
from ui.text import plain

#: (file in pages/, title key, icon); the first is the default page. The URL path is the file's
#: stem, so a first request for a sub-page URL finds its file (see ui/router.py).
PAGES = (
    ("overview.py", "page.overview", ":material/dashboard:"),
    ("compare.py", "page.compare", ":material/compare_arrows:"),
    ("decide.py", "page.decide", ":material/target:"),
    ("traffic_funnel.py", "page.traffic", ":material/filter_alt:"),
    ("promotions.py", "page.promotions", ":material/sell:"),
    ("membership.py", "page.membership", ":material/loyalty:"),
    ("dsr_service.py", "page.dsr", ":material/star_half:"),
    ("calibrate.py", "page.calibrate", ":material/tune:"),
    ("assumptions.py", "page.assumptions", ":material/menu_book:"),
    ("lessons.py", "page.lessons", ":material/school:"),
    ("room.py", "page.room", ":material/groups:"),
)
#: The pages' URL paths (their files' stems), the Overview's first (it also lives at ``/``).
PAGE_PATHS = tuple(file.removesuffix(".py") for file, _, _ in PAGES)

ROUTED = "_routed"
WANTED = "_wanted_page"
#: Registry paths given an input in this page run (``ui.widgets.drawn``); each run starts empty.
DRAWN = "_drawn_params"


def _unbound_params() -> dict[str, str | list[str]]:
    """The query string minus widget-bound keys (Streamlit keeps those itself)."""
    params = st.query_params.to_dict()
    params.pop(state.LANG_KEY, None)
    return params


@contextmanager
def routing() -> Iterator[None]:
    """In ``app.py``, around ``page.run()``: the page runs behind the router in *this* run.

    The mark lasts for one run only: a later direct run of a page file in the same session (any
    rerun under ``AppTest``, which starts every run in folder mode) must hand over again.
    """
    st.session_state[ROUTED] = True
    st.session_state[DRAWN] = set()
    try:
        yield
    finally:
        st.session_state.pop(ROUTED, None)


def switch(page: str | st.Page) -> None:
    """``st.switch_page`` keeping the query string (a bound key cannot be passed: Streamlit keeps it)."""
    try:  # nothing bound yet (a session's first runs): keep the whole query string
        st.switch_page(page, query_params=st.query_params.to_dict())
    except StreamlitAPIException:  # ``lang`` is bound already (a later run, e.g. under AppTest)
        st.switch_page(page, query_params=_unbound_params())


def ensure(page_file: str) -> None:
    """Hand over to the router when this page runs without it (old folder mode)."""
    if st.session_state.get(ROUTED):
        return
    st.session_state[WANTED] = page_file
    switch("app.py")


def handing_over() -> bool:
    """True in the router run that follows a hand-over (``open_wanted`` will switch pages)."""
    return WANTED in st.session_state


def open_wanted(pages: dict[str, st.Page]) -> None:
    """In ``app.py``: open the page a direct run asked for, once. ``pages``: file name → page."""
    wanted = st.session_state.pop(WANTED, None)
    if wanted is None:
        return
    page = pages.get(Path(wanted).name)
    if page is not None:
        switch(page)


def typed_path() -> str | None:
    """The URL path the browser asked for by name (typed, bookmarked, reloaded), if any.

    Streamlit resolves a page by its script hash when the app navigates, and by the URL path's
    name only when a browser opens the URL. Private API: ``pages_manager.intended_page_name``
    (streamlit 1.67); without it the answer is ``None`` and Streamlit's own handling stays.
    """
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        manager = ctx.pages_manager if ctx is not None else None
        if manager is None or manager.intended_page_script_hash:
            return None
        name = manager.intended_page_name
    except Exception:  # a later Streamlit without these attributes
        return None
    return name.strip().strip("/") if isinstance(name, str) else None


def stray_path(known: set[str]) -> str | None:
    """The typed path no page owns (``/overview`` included: the default page lives at ``/``),
    else None. While it is rerouted the language control is not drawn (as in a hand-over), so
    ``switch`` keeps ``lang`` in the query string."""
    path = typed_path()
    return path if path and path not in known and "/" not in path else None


def stray_pages(default: st.Page, path: str | None) -> list[st.Page]:
    """A hidden page that catches ``path`` (``stray_path``), so Streamlit's English "Page not
    found" never shows: ``/overview`` opens the Overview; any other path opens it with a notice
    in the link's language."""
    if path is None:
        return []

    def reroute() -> None:
        st.session_state[STRAY_SEEN] = True
        if path not in DEFAULT_NAMES:
            asked = st.query_params.get(state.LANG_KEY)
            lang = asked if asked in LANGS else state.lang()
            state.note(
                t("nav.unknown_page", lang, path=plain(path))
            )  # typed by whoever made the link
        switch(default)

    return [st.Page(reroute, title=path, url_path=path, visibility="hidden")]


#: Set by a stray page's run: the next run closes Streamlit's "Page not found" dialog.
STRAY_SEEN = "_stray_seen"
#: Closes Streamlit's own "Page not found" dialog (English only), polling for a few seconds as it
#: may arrive after this script. Matched by its (untranslated) heading, closed by its button. No
#: "<" anywhere: the frontend's DOMPurify drops a script whose text holds "<" before a letter.
_DISMISS_JS = (
    "(()=>{const stop=Date.now()+8000;const tick=()=>{"
    "for(const d of document.querySelectorAll('[role=\"dialog\"]')){"
    "const h=d.querySelector('h2');if(h&&h.textContent.trim()==='Page not found'){"
    "const b=d.querySelector('button[aria-label=\"Close\"]');if(b){b.click();return}}}"
    "if(stop>Date.now())setTimeout(tick,100)};tick()})()"
)


def dismiss_page_not_found() -> None:
    """In ``app.py``, after a stray path was rerouted: close Streamlit's "Page not found".

    On a fresh server's first request Streamlit still resolves the URL by the ``pages/`` folder
    (its old multipage mode, ``PagesManager.uses_pages_directory``) before ``app.py`` runs, and
    sends that dialog for a path no file owns, although the router then opens the Overview with
    its own translated notice. No setting turns the folder mode off before the first run, so
    the dialog is closed in the browser (once, in the run after the reroute; takes no room)."""
    if st.session_state.pop(STRAY_SEEN, False):
        st.html(f"<script>{_DISMISS_JS}</script>", unsafe_allow_javascript=True)


#: The default page's names: its file's stem (``/overview``, typed by users) and its internal
#: URL path (``DEFAULT_URL_PATH``; Streamlit serves the default page at ``/`` and hashes it by
#: this path, so no other page may take it).
DEFAULT_URL_PATH = "index"
DEFAULT_NAMES = frozenset({"overview", DEFAULT_URL_PATH})
