"""The sidebar's undo and redo buttons (the history itself: ``ui.history``, recorded by
``ui.state.change``), with keyboard shortcuts and, in their help, what they would do.

A step's label is plain text that may quote a scenario or file name as typed ("rename A to B",
"import the workspace x.json"): it is escaped (``ui.text.plain``) where it enters the button's
help or the toast, both Markdown."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import state
from ui.i18n import t
from ui.text import plain

#: Streamlit's button shortcuts (Ctrl is Cmd on a Mac); they work while a box has the focus too.
UNDO_KEYS, REDO_KEYS = "Ctrl+Z", "Ctrl+Shift+Z"


def _move(kind: str) -> None:
    """Undo or redo (``kind``), then say what was taken back or done again."""
    what = state.undo() if kind == "undo" else state.redo()
    if what is not None:
        lang = state.lang()
        st.toast(
            t("undo.undone" if kind == "undo" else "undo.redone", lang, what=plain(what)),
            icon=f":material/{kind}:",
        )


def draw(container: Any, lang: str) -> None:
    """Two buttons, one above the other (side by side, a 1024-pixel screen's sidebar cuts their
    labels and shortcuts), each disabled when there is nothing to undo (redo)."""
    h = state.history()
    for kind, label, keys in (
        ("undo", h.undo_label(lang), UNDO_KEYS),
        ("redo", h.redo_label(lang), REDO_KEYS),
    ):
        container.button(
            t(f"undo.{kind}", lang),
            key=f"ws_{kind}",
            icon=f":material/{kind}:",
            on_click=_move,
            args=(kind,),
            disabled=label is None,
            help=t(f"undo.{kind}_help", lang, what=plain(label), keys=keys)
            if label is not None
            else t(f"undo.no_{kind}", lang, keys=keys),
            shortcut=keys,
            width="stretch",
        )
