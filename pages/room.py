"""Live room (课堂房间): a trainer's room for a lesson step or an open question, students join,
predict and send their plans, the trainer watches live and reveals (ui/room.py)."""

import streamlit as st

from ui import layout, room, router, state
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

lang = state.lang()
st.title(t("page.room", lang), anchor=False)
with layout.guard():
    layout.show_messages()
    room.draw(lang)
