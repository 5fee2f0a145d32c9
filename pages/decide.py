"""Decide: break-even and goal-seek for any lever, and the plan optimizer (issue 20)."""

import streamlit as st

from ui import decide, layout, router, state
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

lang = state.lang()
st.title(t("page.decide", lang), anchor=False)

with layout.guard():
    layout.show_messages()
    decide.draw(lang)
