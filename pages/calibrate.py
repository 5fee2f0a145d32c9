"""Calibrate: fit the repeat model to an order history and the baseline to daily shop metrics."""

import streamlit as st

from ui import calibrate, layout, router, state
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

lang = state.lang()
st.title(t("page.calibrate", lang), anchor=False)
st.caption(t("cal.intro", lang))

with layout.guard():
    layout.show_messages()
    orders, daily = st.tabs([t("cal.tab.orders", lang), t("cal.tab.daily", lang)])
    with orders:
        calibrate.orders_section(lang)
    with daily:
        calibrate.daily_section(lang)
