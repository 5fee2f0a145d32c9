"""User and file text made inert for Markdown: shown as typed, never interpreted.

Streamlit renders Markdown in ``st.markdown``, captions, alerts, toasts, expander and tab labels,
metric labels, widget labels and help, radio and segmented-control options, with its own
extensions on top (``:red[…]`` colours, ``:material/…:`` icons, emoji shortcodes, ``$…$`` LaTeX).
A scenario name, a file name, a column header or a cell quoted in a message comes from whoever
made the link or the file: ``![](http://host/b.png)`` in a name would make every reader's browser
fetch that image. Every such string goes through :func:`plain` where it enters a message
(``t(…, name=plain(name))``); strings for elements that show plain text (selectbox options,
text inputs, tables, charts, downloads) stay as they are.

The rule is CommonMark's own: any ASCII punctuation character may be backslash-escaped and then
stands for itself (spec 0.31, §2.4). Escaping *all* of them, not a hand-picked list, also disarms
what Streamlit adds, since every one of its constructs starts with punctuation (``:``, ``$``):
the escaped text renders exactly as typed. Line breaks (and other control characters) become
spaces: a name is one line, and a newline could start a block (a heading, a list, a table);
leading blanks become one space (four would start a code block; a browser shows one anyway).
"""

from __future__ import annotations

import re
import string

#: Every ASCII punctuation character (CommonMark's escapable set).
PUNCTUATION = frozenset(string.punctuation)
#: Control characters and Unicode line/paragraph separators: shown as a space.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
_LEADING = re.compile(r"^ {2,}")


def plain(text: object) -> str:
    """``text`` escaped for Markdown: ``![](http://x/b.png)`` → ``\\!\\[\\]\\(http\\:\\/\\/x…``,
    which Streamlit shows as typed (no image, link, HTML, colour, icon, emoji or formula)."""
    flat = _LEADING.sub(" ", _BREAKS.sub(" ", str(text)))
    return "".join("\\" + c if c in PUNCTUATION else c for c in flat)


#: A backslash escape as :func:`plain` writes it.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unplain(text: str) -> str:
    """What a reader sees of :func:`plain`'s output (tests compare it with what was typed)."""
    return _ESCAPE.sub(r"\1", text)
