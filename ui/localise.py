"""What Streamlit's frontend draws in English, in the user's language (issue 16, defect 8).

``st.file_uploader`` (Streamlit 1.67) hard-codes its button ("Upload"), its drop hint ("Drag and
drop file here") and its limit ("200MB per file • CSV…") in the browser bundle; no parameter or
setting translates them. :func:`uploaders` hides those texts with CSS scoped to the uploader's
``data-testid`` elements and draws the same information in the user's language in their place
(the button's label, the size limit). The logo follows the language: :func:`logo`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.i18n import t

ASSETS = Path(__file__).resolve().parents[1] / "assets"

#: The sidebar logo per language: zh keeps the bilingual product mark, en has no CJK.
LOGOS = {"zh": ASSETS / "logo.svg", "en": ASSETS / "logo_en.svg"}


def logo(lang: str) -> str:
    return str(LOGOS.get(lang, LOGOS["zh"]))


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uploaders(lang: str) -> None:
    """Translate every file uploader on the page (style only: takes no room)."""
    size = f"{int(st.get_option('server.maxUploadSize'))}MB"
    zone = '[data-testid="stFileUploaderDropzone"]'
    button = f'{zone} [data-testid^="stBaseButton"]'
    hint = '[data-testid="stFileUploaderDropzoneInstructions"]'
    st.html(
        "<style>"
        # the English drop hint (wide uploaders) and the button's English label
        f"{zone} > :not(input):not(span):not({hint}) {{display: none;}}"
        f'{button} [data-testid="stMarkdownContainer"] {{display: none;}}'
        f"{button}::after {{content: {_css_text(t('cal.browse', lang))}; white-space: nowrap;}}"
        # the English size limit, drawn again in the user's language
        f"{hint} > * {{display: none;}}"
        f"{hint}::after {{content: {_css_text(t('up.limit', lang, size=size))};"
        " font-size: 0.875rem; opacity: 0.7;}"
        "</style>"
    )
