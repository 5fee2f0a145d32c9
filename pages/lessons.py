"""Lessons (课堂): the seed cases as predict-then-reveal steps, exercises and presenter mode."""

import streamlit as st

from ui import classroom, layout, router, state
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

lang = state.lang()
st.title(t("page.lessons", lang), anchor=False)
with layout.guard():
    layout.show_messages()
    classroom.draw(lang)
