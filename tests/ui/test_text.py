"""``ui.text.plain``: hostile names, file names and cells become inert Markdown, shown as typed.

Rendered through a real CommonMark parser (markdown-it-py, with GFM's tables, strikethrough and
bare-URL links switched on, as Streamlit's remark-gfm has them): no image, link, autolink or raw
HTML may come out, and the text a reader sees is the text that was typed. Streamlit's own
constructs (``:red[…]``, ``:material/…:``, ``:smile:``, ``$…$``) all start with an ASCII
punctuation character, so an escaped one can never open; that is asserted on the escaped text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.text import PUNCTUATION, plain, unplain

markdown_it = pytest.importorskip("markdown_it")

HOST = "http://127.0.0.1:9/x.png"
#: Names a link or a file could carry (names are at most 40 characters; cells are longer).
HOSTILE = (
    f"![]({HOST})",
    f"![alt]({HOST} 'title')",
    f"[click]({HOST})",
    f"[ref][1]\n\n[1]: {HOST}",
    f"<{HOST}>",
    HOST,
    "www.example.com",
    "someone@example.com",
    f"<img src={HOST}>",
    f"<img src='{HOST}' onerror=alert(1)>",
    f"<svg><image href='{HOST}'/></svg>",
    f"<a href='{HOST}'>x</a>",
    "&lt;img src=x&gt;",
    f"x\n<img src={HOST}>",
    "x\r\n# heading\n- list\n| a | b |\n|---|---|\n| c | d |",
    "**bold** _em_ ~~strike~~ `code`",
    ":red[red] :blue-background[x] :material/home: :smile: :+1:",
    ":streamlit: :small[x] :red-badge[x]",
    "$x^2$ $$\\href{http://127.0.0.1:9}{x}$$ \\(x\\)",
    "\\![](http://127.0.0.1:9/x.png)",
    "1. one",
    "> quote",
    "    indented code",
    "---",
    "a\u2028b\u2029c\x85d",
)


def _typed(text: str) -> str:
    """What was typed as one line: breaks as spaces, leading blanks as one."""
    return re.sub(r"^ {2,}", " ", re.sub(r"[\x00-\x1f\x7f\u0085\u2028\u2029]", " ", text))


def _parser():
    return markdown_it.MarkdownIt("commonmark", {"linkify": False}).enable(
        ["table", "strikethrough"]
    )


def _tokens(text: str):
    for token in _parser().parse(text):
        yield token
        yield from token.children or ()


def _shown(text: str) -> str:
    """The text a reader sees of ``text`` rendered (its inline text tokens, joined)."""
    return "".join(
        tok.content for tok in _tokens(text) if tok.type in ("text", "code_inline", "softbreak")
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_as_text_only(text: str) -> None:
    escaped = plain(text)
    kinds = {tok.type for tok in _tokens(escaped)}
    assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text"}, kinds
    assert "\n" not in escaped and "\r" not in escaped
    # shown as typed (line breaks as spaces)
    assert _shown(escaped).strip() == _typed(text).strip()
    assert unplain(escaped) == _typed(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_streamlits_own_constructs_cannot_open(text: str) -> None:
    escaped = plain(text)
    # every ASCII punctuation character is preceded by an (unescaped) backslash
    i = 0
    while i < len(escaped):
        if escaped[i] == "\\":
            assert escaped[i + 1] in PUNCTUATION
            i += 2
            continue
        assert escaped[i] not in PUNCTUATION, (escaped, i)
        i += 1


def test_the_unescaped_text_would_have_rendered_something() -> None:
    """The parser sees what the escaping removes (a test that cannot fail is a defect)."""
    assert "image" in {tok.type for tok in _tokens(f"![]({HOST})")}
    assert "html_inline" in {tok.type for tok in _tokens(f"a <img src={HOST}>")}
    assert "link_open" in {tok.type for tok in _tokens(f"<{HOST}>")}


def test_ordinary_text_keeps_its_letters() -> None:
    assert plain("店铺 Plan 2") == "店铺 Plan 2"
    assert plain("daily_metrics.csv") == "daily\\_metrics\\.csv"
    assert unplain(plain("daily_metrics.csv")) == "daily_metrics.csv"
    assert plain(12.5) == "12\\.5"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_any_text_renders_as_itself(text: str) -> None:
    escaped = plain(text)
    kinds = {tok.type for tok in _tokens(escaped)}
    assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text"}, (text, kinds)
    assert unplain(escaped) == _typed(text)


def test_the_html_report_escapes_hostile_names_and_file_names() -> None:
    """The emailed report (HTML, not Markdown): names, the fitted file's name and the chart's
    legend are HTML-escaped; nothing in it points at the hostile host."""
    from simulator import Scenario, set_param, simulate
    from ui import charts
    from ui.exports import html_report

    base = Scenario()
    plan = set_param(base, "repeat.r", 0.3)
    name, file = f"<img src={HOST}>", f"<img src={HOST}>.csv"
    results = {"Baseline": simulate(base), name: simulate(plan, reference=base)}
    fig = charts.daily_chart(charts.daily_data({k: r.daily for k, r in results.items()}, "gmv"),
                             x_title="d", y_title="GMV", lang="en")  # fmt: skip
    page = html_report(results, baseline="Baseline", lang="en", figures=[("GMV", fig)],
                       fitted={name: {"repeat.r": file}})  # fmt: skip
    assert "<img" not in page and "&lt;img src=" in page
    assert "src=http" not in page.replace("&lt;img src=http", "")
