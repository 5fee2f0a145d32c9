"""The app's own inline scripts survive the frontend's sanitiser: Streamlit's ``st.html`` passes
its body through DOMPurify, which drops a ``<script>`` whose text holds "<" before a letter, "/"
or "!" (its mutation-XSS guard) — silently, so the script never runs."""

from __future__ import annotations

import re

from ui import router


def test_the_page_not_found_closer_has_no_tag_like_text() -> None:
    assert not re.search(r"<[/\w!]", router._DISMISS_JS)
    assert "Page not found" in router._DISMISS_JS
