"""AppTest checks of the sidebar's share panel (issue 16, "Sharing for a room"): the link with a
copy button (``st.code``'s), its QR code, the projector option (``sidebar=0``), and the export
buttons that rerun nothing when clicked (a rerun revoked the deferred downloads' file ids)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import APP, REPO_ROOT, assert_clean, open_app, open_panel, share_link
from ui import workspace
from ui.i18n import LANGS, t
from ui.workspace import FILES_PANEL, SHARE_PANEL


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture
def qr_links(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the share panel drew a QR code of, in order."""
    seen: list[str] = []
    real = workspace.link_qr_png

    def spy(url: str, **kw: object) -> bytes:
        seen.append(url)
        return real(url, **kw)

    monkeypatch.setattr(workspace, "link_qr_png", spy)
    return seen


def _link(at: AppTest) -> str:
    return share_link(at)


def test_closed_panels_run_nothing_and_open_ones_draw_everything(qr_links: list[str]) -> None:
    """The sidebar's share and files panels run their content only while open: a slider change
    on a page with both closed encodes no link, no QR code and no workspace file (the QR alone was
    ~50 ms of every change on every page); opening a panel draws all of it."""
    at = open_app("en")
    at.sidebar.slider[0].set_value(at.sidebar.slider[0].value + 1).run()
    assert_clean(at)
    assert not qr_links
    assert not [e for e in at.sidebar.get("html") if "share-link" in e.proto.body]
    assert not at.sidebar.get("download_button") and not at.sidebar.get("file_uploader")
    open_panel(at, SHARE_PANEL)
    assert qr_links and qr_links[-1] == _link(at)
    assert not at.sidebar.get("download_button")  # the files panel is still closed
    open_panel(at, FILES_PANEL)
    assert len(at.sidebar.get("download_button")) >= 5 and at.sidebar.get("file_uploader")


@pytest.mark.parametrize("lang", LANGS)
def test_the_share_panel_shows_the_links_qr_code_and_a_projector_option(
    lang: str, qr_links: list[str]
) -> None:
    at = open_panel(open_app(lang), SHARE_PANEL)
    link = _link(at)
    assert "ws=" in link and "sidebar=" not in link
    assert qr_links[-1] == link  # the QR code is of the link shown, nothing else
    (image,) = [i.proto.imgs[0] for i in at.sidebar.image
                if i.proto.imgs[0].caption == t("share.qr_caption", lang)]  # fmt: skip
    assert image.alt == t("share.qr_alt", lang)
    assert image.url.endswith(".png")  # not JPEG: its artefacts blur the modules
    at.sidebar.toggle(key="share_projector").set_value(True).run()
    assert_clean(at)
    projector = _link(at)
    assert projector == link + "&sidebar=0"
    assert qr_links[-1] == projector


def test_the_qr_code_is_a_png_of_the_link() -> None:
    import segno

    from ui.share import link_qr_png

    url = "http://example.test/overview?ws=1.abc&lang=zh&sidebar=0"
    png = link_qr_png(url, scale=3)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    qr = segno.make_qr(url, error="m", boost_error=True)
    w, _ = qr.symbol_size(scale=3, border=4)
    assert int.from_bytes(png[16:20], "big") == w  # IHDR width: the whole symbol, quiet zone
    long = "http://example.test/?ws=1." + "A" * 1990  # the longest link the panel shows
    assert link_qr_png(long)[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_buttons_rerun_nothing_when_clicked() -> None:
    """A click that reruns the app replaces every deferred download's file id; under Streamlit's
    fast reruns the stopped run's clean-up could drop the id the browser had just asked for
    ("Deferred file … not found": the first CSV click after a JSON download gave nothing)."""
    at = open_panel(open_app("zh"), FILES_PANEL)
    buttons = at.sidebar.get("download_button")
    assert len(buttons) >= 5
    assert all(b.proto.ignore_rerun for b in buttons), [b.proto.label for b in buttons]
    labels = [b.proto.label for b in buttons]
    assert t("files.export_csv_raw", "zh") in labels


def test_a_projector_link_opens_with_the_sidebar_collapsed(monkeypatch) -> None:
    import streamlit as st

    with monkeypatch.context() as m:
        m.setattr(st, "session_state", {})
        m.setattr(st, "query_params", {"lang": "en"})
        assert workspace.sidebar_state() is None  # Streamlit's default
        m.setattr(st, "query_params", {"sidebar": "0"})
        assert workspace.sidebar_state() == "collapsed"
        assert workspace.sidebar_state() is None  # once: a sidebar opened later stays open
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["sidebar"] = "0"
    at.run()
    assert_clean(at)  # the app opens as usual (the browser hides the sidebar)
