"""店铺推演 · Shop What-If — the router: page config, shared sidebar, navigation."""

from pathlib import Path

import streamlit as st

from ui import classroom, layout, localise, room, router, sidebar, state, workspace
from ui.i18n import t

ASSETS = Path(__file__).parent / "assets"

st.set_page_config(
    page_title="店铺推演 · Shop What-If",
    page_icon=str(ASSETS / "icon.svg"),
    layout="wide",
    initial_sidebar_state=workspace.sidebar_state(),  # ?sidebar=0: a projector
)
layout.freeze_long_lived()  # the imports' objects out of the per-run garbage collection
layout.style()  # the projector layout (assets/layout.css)
# While a direct page run hands over (ui/router.py) the language control is not drawn: bound to
# ``lang`` it would keep that key out of the hand-over's query string, and the URL would lose it.
stray = router.stray_path(set(router.PAGE_PATHS[1:]))
lang = state.lang() if router.handing_over() or stray else sidebar.language_switch()
pages = {
    file: st.Page(
        f"pages/{file}",
        title=t(title, lang),
        icon=icon,
        url_path=router.DEFAULT_URL_PATH if i == 0 else file.removesuffix(".py"),
        default=i == 0,
    )
    for i, (file, title, icon) in enumerate(router.PAGES)
}
# A typed /overview (the default page lives at /) or an unknown path: a hidden page that opens
# the Overview (with a translated notice for an unknown path) instead of Streamlit's English one.
page = st.navigation([*pages.values(), *router.stray_pages(pages[router.PAGES[0][0]], stray)])
router.open_wanted(pages)
router.dismiss_page_not_found()  # a fresh server's first request for an unknown path
with layout.guard():
    workspace.open_shared(pages)  # a share link in the URL: its scenarios, once per session
    classroom.open_link(pages["lessons.py"], page)  # ?lesson=…&step=…: that step, once
    room.open_link(pages["room.py"], page)  # ?room=<code>[&t=…|&me=…]: the room page, once
st.logo(localise.logo(lang), icon_image=str(ASSETS / "icon.svg"), size="large")
localise.uploaders(lang)  # Streamlit draws the uploader's texts in English only
with st.sidebar, layout.guard():
    sidebar.draw()
    shown = next((f for f, p in pages.items() if p.url_path == page.url_path), router.PAGES[0][0])
    workspace.draw_share(st.sidebar, lang, shown.removesuffix(".py"), page.url_path)
    workspace.draw_files(st.sidebar, lang)
with router.routing():
    page.run()
