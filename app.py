"""店铺推演 · Shop What-If — the router: page config, shared sidebar, navigation."""

import streamlit as st

from ui import sidebar, state
from ui.i18n import t

st.set_page_config(page_title="店铺推演 · Shop What-If", page_icon="assets/icon.svg", layout="wide")

lang = sidebar.language_switch()
pages = [
    st.Page("pages/overview.py", title=t("page.overview", lang), icon=":material/dashboard:",
            url_path="overview", default=True),
    st.Page("pages/traffic_funnel.py", title=t("page.traffic", lang), icon=":material/filter_alt:",
            url_path="traffic"),
    st.Page("pages/assumptions.py", title=t("page.assumptions", lang), icon=":material/menu_book:",
            url_path="assumptions"),
]
page = st.navigation(pages)
st.logo("assets/logo.svg", icon_image="assets/icon.svg")
sidebar.draw()
state.slot(state.PLAN)  # make sure the workspace exists before any page reads it
page.run()
