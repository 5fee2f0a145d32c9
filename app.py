"""店铺推演 · Shop What-If — the router: page config, shared sidebar, navigation."""

import streamlit as st

from ui import router, sidebar, state
from ui.i18n import t

#: (file in pages/, title key, icon); the first is the default page. The URL path is the file's
#: stem, so a first request for a sub-page URL finds its file (see ui/router.py).
PAGES = (
    ("overview.py", "page.overview", ":material/dashboard:"),
    ("traffic_funnel.py", "page.traffic", ":material/filter_alt:"),
    ("assumptions.py", "page.assumptions", ":material/menu_book:"),
)

st.set_page_config(page_title="店铺推演 · Shop What-If", page_icon="assets/icon.svg", layout="wide")
lang = sidebar.language_switch()
pages = {
    file: st.Page(f"pages/{file}", title=t(title, lang), icon=icon, url_path=file.removesuffix(".py"),
                  default=i == 0)
    for i, (file, title, icon) in enumerate(PAGES)
}
page = st.navigation(list(pages.values()))
router.open_wanted(pages)
st.logo("assets/logo.svg", icon_image="assets/icon.svg", size="large")
sidebar.draw()
router.mark_routed()
page.run()
