"""The Calibrate page's two halves: an order history → the repeat model, a daily export of shop
metrics → the baseline. Each reads a file (``simulator.datafile``), lets the user correct the columns,
lists every problem, shows the fit (``simulator.calibration``) against the data, and applies it
to the scenarios only when asked.

A file is read once when it arrives (its parsed table is kept in the session under a token, the
SHA-1 of its bytes); cleaning and fitting are cached on that token, the columns chosen and the
calibration end, so a rerun costs nothing. Where the model cannot take a fit (a value out of
range, a funnel it would break) the page says so before the button is pressed.

Reading, cleaning and fitting run in a limited child process (``ui.worker``: time, memory, a
lower priority, a few at a time), never on the script thread, so one user's file cannot stall
the other sessions; the page waits for it at a Streamlit yield point (``_poll``), so a session
that ends or reruns meanwhile kills its job. A file that is refused is dropped from Streamlit's
uploaded-file store at once (``state.forget_upload``), so its bytes do not stay in the server's
memory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from pydantic import ValidationError
from scipy.stats import norm

from simulator import PARAMS, bigfile, datafile
from simulator.calibration import (
    BGNBD_KEYS,
    GG_KEYS,
    MIN_DAYS_WEEKDAY,
    MIN_GG_CUSTOMERS,
    DailyFit,
    RepeatFit,
    apply_daily_fit,
    apply_repeat_fit,
    fit_daily_metrics,
    fit_repeat_model,
    gg_mean,
    recalibrated_alpha,
)
from simulator.datafile import (
    FIELDS,
    Cleaned,
    FileProblem,
    Kind,
    Problem,
    Table,
    clean_daily,
    clean_orders,
    guess_mapping,
    read_table,
)
from simulator.errors import ModelError
from simulator.repurchase import repurchase_rate
from ui import charts, layout, state, worker
from ui.errors import describe_error
from ui.fmt import fmt_delta_pct, fmt_money, fmt_number, fmt_pct
from ui.i18n import t
from ui.text import plain

log = logging.getLogger("shop_whatif")

SAMPLES: dict[Kind, Path] = {
    "orders": Path(__file__).resolve().parents[1] / "assets" / "samples" / "cdnow_orders.csv",
    "daily": Path(__file__).resolve().parents[1] / "assets" / "samples" / "daily_metrics.csv",
}
#: Rows of the file shown under the column choice.
PREVIEW_ROWS = 8
#: Share of the order history's span the calibration period takes by default; the CDNOW sample
#: ends it where Fader, Hardie & Lee (2005) did, after 39 weeks.
CALIBRATION_SHARE = 2 / 3
SAMPLE_END = {"orders": "1997-09-30"}
#: Days of the repurchase curve at most, and the ones quoted beside the fit.
CURVE_DAYS = 730
RR_QUOTED = (30, 90, 180, 365)
#: The repurchase curve stops where fewer customers than this (or 5%) are followed that long.
MIN_FOLLOWED = 30
#: A 95% interval is the estimate ± this many standard errors (normal approximation).
Z95 = float(norm.ppf(0.975))
#: Scenario paths each fit sets (the Assumptions page marks them as fitted).
REPEAT_KEYS = ("r", "a", "b")
REPEAT_PATHS = tuple(f"repeat.{k}" for k in REPEAT_KEYS)
GG_PATHS = ("repeat.spend_model", "repeat.gg_p", "repeat.gg_q", "repeat.gg_v")
DAILY_PATHS = ("traffic.organic_uv", "traffic.weekday_profile", "traffic.growth_pct_month",
               "funnel.conversion_rate", "store.aov")  # fmt: skip
SHARE_PATH = "funnel.old_customer_share"
#: Large-file mode (DuckDB, issue 23): where uploads and DuckDB's work live, how many files'
#: work is kept, the environment variable naming a server directory whose files may be read by
#: path (unset: no path field), the SQL dialects offered and a job's time limit [ASSUMPTION:
#: the 20 M-row bench file (~1 GB) takes minutes on a busy 2-core machine; see tests/bench.py].
BIG_DIR = Path(tempfile.gettempdir()) / "shop-whatif-big"
BIG_KEEP = 4
DATA_DIR_ENV = "SHOP_WHATIF_DATA_DIR"
BIG_DIALECTS = tuple(bigfile.DIALECTS)
BIG_TIME_LIMIT_S = 1200.0


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: its token (SHA-1), name, and the table or why it cannot be read."""

    token: str
    name: str
    table: Table | None
    problem: Problem | None


def _key(kind: Kind, what: str) -> str:
    return f"cal_{kind}_{what}"


def _poll() -> None:
    """A Streamlit yield point: reading the session state lets Streamlit raise its Stop or Rerun
    exception here when the session ends or reruns, and ``worker.run`` then kills the job."""
    _ = "_cal_poll" in st.session_state


def worker_problem(exc: worker.WorkerError) -> Problem:
    """A job that ran out of time or memory, or crashed, as a problem of the file."""
    detail = {"worker_time": f"{worker.TIME_LIMIT_S:.0f}",
              "worker_memory": str(worker.MEMORY_BYTES)}.get(exc.code, exc.detail)  # fmt: skip
    return Problem(exc.code, detail=detail)


def _load(kind: Kind, name: str, raw: bytes) -> Upload:
    """``raw`` read in the worker (checked first: ``simulator.filecheck``) and kept in the session."""
    try:
        # the limits as this server has them (a child reads its own copy of the module)
        table = worker.run(read_table, raw, name, max_bytes=datafile.MAX_FILE_BYTES,
                           max_rows=datafile.MAX_ROWS, check=_poll)  # fmt: skip
        problem = None
    except FileProblem as exc:
        table, problem = None, exc.problem
    except worker.WorkerError as exc:
        log.warning("reading %s stopped: %s", name, exc)
        table, problem = None, worker_problem(exc)
    except Exception:  # a reader's failure no check foresaw: said in words, logged
        log.exception("reading %s failed", name)
        table, problem = None, Problem("unreadable")
    token = hashlib.sha1(raw).hexdigest()[:16]  # the same as _sample_token for a sample
    upload = Upload(token, name, table, problem)
    st.session_state[_key(kind, "upload")] = upload
    return upload


def _on_upload(kind: Kind, key: str) -> None:
    """A file arrived or was removed: the file is read in this run's page body (where the wait
    can be cancelled), not here in the callback."""
    file = st.session_state.get(key)
    if file is None:
        st.session_state.pop(_key(kind, "upload"), None)
        st.session_state.pop(_key(kind, "pending"), None)
        return
    st.session_state[_key(kind, "pending")] = file


def _read_pending(kind: Kind) -> None:
    """Read the file that arrived (or the sample asked for), in the worker. A refused upload is
    forgotten: its widget replaced by a fresh one and its bytes dropped, then the page reruns."""
    file = st.session_state.get(_key(kind, "pending"))
    if file is None:
        return
    if isinstance(file, str):  # "sample"
        file = None
        name, raw = SAMPLES[kind].name, _sample_bytes(kind)
    else:
        name, raw = file.name, file.getvalue()
    with layout.working("read"):
        upload = _load(kind, name, raw)
    st.session_state.pop(_key(kind, "pending"), None)
    if upload.problem is not None and file is not None:
        state.forget_upload(file)
        del file, raw
        st.session_state[_key(kind, "files")] = st.session_state.get(_key(kind, "files"), 0) + 1
        worker.release_memory()
        st.rerun()


@functools.cache
def _sample_bytes(kind: Kind) -> bytes:
    """A sample file's bytes, read once per process (the page offers them on every rerun)."""
    return SAMPLES[kind].read_bytes()


def _sample_token(kind: Kind) -> str:
    return hashlib.sha1(_sample_bytes(kind)).hexdigest()[:16]


def _on_sample(kind: Kind) -> None:
    st.session_state[_key(kind, "pending")] = "sample"
    st.session_state[_key(kind, "files")] = st.session_state.get(_key(kind, "files"), 0) + 1


# --------------------------------------------------------------------------- messages
def rows_text(p: Problem, lang: str) -> str:
    """第 4、5、9 行 / rows 4, 5, 9 and 12 more."""
    sep = "、" if lang == "zh" else ", "
    listed = sep.join(str(r) for r in p.rows)
    if p.count > len(p.rows):
        return t("up.rows_more", lang, rows=listed, n=p.count, more=p.count - len(p.rows))
    return t("up.rows" if p.count == 1 else "up.rows_many", lang, rows=listed)


def _size(n_bytes: int, lang: str) -> str:
    """1.5 MB, 64 KB, 500 B."""
    for unit, size in (("MB", 1024**2), ("KB", 1024)):
        if n_bytes >= size:
            return f"{fmt_number(n_bytes / size, lang, digits=1, compact=False)} {unit}"
    return f"{n_bytes} B"


def problem_text(p: Problem, lang: str) -> str:
    """One problem of a file in ``lang``: what is wrong, the column and the rows at fault.
    Markdown: the file's column header and any detail quoted from it are escaped (``plain``)."""
    kw: dict[str, object] = {"column": plain(p.column),
                             "rows": rows_text(p, lang) if p.rows else "",
                             "n": fmt_number(p.count, lang), "detail": plain(p.detail)}  # fmt: skip
    if p.code == "too_big":
        kw["detail"] = _size(int(p.detail), lang)
    if p.code == "too_many_rows":
        kw["detail"] = fmt_number(int(p.detail), lang)
    if p.code in ("xlsx_unpacked", "worker_memory"):
        kw["detail"] = _size(int(p.detail), lang)
    if p.code in ("xlsx_parts", "xlsx_ratio", "xlsx_rows", "xlsx_columns", "xlsx_cells",
                  "xlsx_text", "csv_field", "csv_columns"):  # fmt: skip
        kw["detail"] = fmt_number(int(p.detail), lang, compact=False)
        kw["n"] = fmt_number(p.count, lang, compact=False)
    if p.code == "missing_column":
        kw["field"] = t(f"cal.field.{p.detail}", lang)
    if p.code == "missing_either":
        a, b = p.detail.split("|")
        kw.update(a=t(f"cal.field.{a}", lang), b=t(f"cal.field.{b}", lang))
    return t(f"up.{p.code}", lang, **kw)


def _show_problems(cleaned: Cleaned, lang: str) -> None:
    errors = [p for p in cleaned.problems if p.severity == "error"]
    warnings = [p for p in cleaned.problems if p.severity == "warning"]
    notes = [p for p in cleaned.problems if p.severity == "note"]
    if notes:
        lines = "\n".join(f"- {problem_text(p, lang)}" for p in notes)
        st.info(f"{t('cal.notes', lang)}\n\n{lines}", icon=":material/info:")
    if errors:
        lines = "\n".join(f"- {problem_text(p, lang)}" for p in errors)
        st.error(f"{t('cal.errors', lang)}\n\n{lines}", icon=":material/block:")
    if warnings:
        lines = "\n".join(f"- {problem_text(p, lang)}" for p in warnings)
        st.warning(f"{t('cal.left_out', lang, n=fmt_number(cleaned.dropped, lang))}\n\n{lines}",
                   icon=":material/warning:")  # fmt: skip
    if cleaned.date_forms > 1:
        st.caption(t("cal.date_forms", lang, n=cleaned.date_forms))


# --------------------------------------------------------------------------- file + columns
def _source(kind: Kind, lang: str) -> Upload | None:
    """The uploader, the sample buttons and what was read; the upload (None: nothing yet)."""
    version = st.session_state.get(_key(kind, "files"), 0)
    key = _key(kind, f"file:{version}")
    a = st.container()
    # The sample buttons in a wrapping row beneath, at their full width (a narrow column cut them).
    b = st.container(horizontal=True, gap="small")
    a.file_uploader(t("cal.upload", lang), type=["csv", "txt", "xlsx", "xls"], key=key,
                    on_change=_on_upload, args=(kind, key), help=t("cal.upload_help", lang))  # fmt: skip
    b.button(t(f"cal.sample.{kind}", lang), key=_key(kind, "sample"), on_click=_on_sample,
             args=(kind,), help=t(f"cal.sample.{kind}_help", lang), icon=":material/science:",
             width="content")  # fmt: skip
    b.download_button(t("cal.sample.download", lang), data=_sample_bytes(kind),
                      file_name=SAMPLES[kind].name, mime="text/csv", key=_key(kind, "sample_dl"),
                      icon=":material/download:", width="content")  # fmt: skip
    _read_pending(kind)
    upload = st.session_state.get(_key(kind, "upload"))
    if upload is None:
        return None
    if upload.problem is not None:
        st.error(
            f"{plain(upload.name)}: {problem_text(upload.problem, lang)}", icon=":material/block:"
        )
        if kind == "orders" and upload.problem.code in ("too_big", "too_many_rows"):
            st.info(t("cal.big.too_big_hint", lang), icon=":material/info:")
        return None
    table = upload.table
    st.caption(t("cal.file_info", lang, name=plain(upload.name),
                 rows=fmt_number(len(table.frame), lang), encoding=table.encoding))  # fmt: skip
    return upload


def _mapping(kind: Kind, upload: Upload, lang: str) -> dict[str, str | None]:
    """The column chosen for each field (guessed from the headers, correctable)."""
    table = upload.table
    guess = guess_mapping(table.columns, kind)
    none = t("cal.none", lang)
    options: list[str | None] = [None, *table.columns]
    st.markdown(f"**{t('cal.mapping', lang)}**", help=t("cal.mapping_help", lang))
    fields = FIELDS[kind]
    cols = st.columns(min(4, len(fields)))
    mapping: dict[str, str | None] = {}
    for i, f in enumerate(fields):
        # One key per language, the choice carried over a switch (state.option_key).
        key, carried = state.option_key(_key(kind, f"map:{upload.token}:{f.name}"))
        first = carried if carried in options else guess[f.name]
        chosen = cols[i % len(cols)].selectbox(
            t(f"cal.field.{f.name}", lang), options,
            index=options.index(first) if first in options else 0,
            format_func=lambda c: none if c is None else str(c),
            key=key, persist_state="session",
        )  # fmt: skip
        mapping[f.name] = chosen if chosen in table.columns else None
    # What each field will be read from, as the file has it: the user sees a wrong choice here.
    chosen = {f"{t(f'cal.field.{k}', lang)} ← {c}": c for k, c in mapping.items() if c}
    if chosen:
        head = table.frame.head(PREVIEW_ROWS)
        st.dataframe(pd.DataFrame({label: head[c].astype(str) for label, c in chosen.items()}),
                     hide_index=True, width="stretch")  # fmt: skip
        st.caption(t("cal.preview", lang, n=min(PREVIEW_ROWS, len(table.frame))))
    with st.expander(t("cal.all_columns", lang, n=len(table.columns))):
        st.dataframe(table.frame.head(PREVIEW_ROWS).astype(str), hide_index=True,
                     width="stretch")  # fmt: skip
    return mapping


def _clean_upload(kind: Kind, lang: str) -> tuple[Upload, dict, Cleaned] | None:
    """The help, the file, its columns and problems; (upload, mapping, cleaned) once the file
    can be fitted, else None (what stops it is on the page)."""
    st.markdown(t(f"cal.{kind}.help", lang))
    upload = _source(kind, lang)
    if upload is None:
        return None
    mapping = _mapping(kind, upload, lang)
    with layout.working("read"):
        cleaned = _cleaned(upload.token, kind, tuple(mapping.items()), upload.table)
    _show_problems(cleaned, lang)
    return (upload, mapping, cleaned) if cleaned.ok else None


# Cached as resources (the same object on every rerun, never copied: a fit of a million
# customers holds tens of MB) keyed by the file's token; nothing here mutates them.
# Each runs in the worker (a job that runs out of time or memory is a Problem, cached like any
# result: asking again would only stall again).
@st.cache_resource(max_entries=4, show_spinner=False)
def _cleaned(token: str, kind: Kind, mapping: tuple, _table: Table) -> Cleaned:
    clean = clean_orders if kind == "orders" else clean_daily
    try:
        return worker.run(clean, _table, dict(mapping), check=_poll)
    except worker.WorkerError as exc:
        return Cleaned(None, [worker_problem(exc)])


@st.cache_resource(max_entries=4, show_spinner=False)
def _repeat_fit(token: str, mapping: tuple, end: str,
                _orders: pd.DataFrame) -> RepeatFit | ModelError | str | Problem:  # fmt: skip
    try:
        return worker.run(fit_repeat_model, _orders, calibration_end=end, check=_poll)
    except worker.WorkerError as exc:
        return worker_problem(exc)
    except ModelError as exc:  # nobody bought again, …: said by its code
        return exc
    except ValueError:
        return "cal.err.fit"


@st.cache_resource(max_entries=4, show_spinner=False)
def _daily_fit(token: str, mapping: tuple,
               _daily: pd.DataFrame) -> DailyFit | ModelError | str | Problem:  # fmt: skip
    try:
        return worker.run(fit_daily_metrics, _daily, check=_poll)
    except worker.WorkerError as exc:
        return worker_problem(exc)
    except ModelError as exc:  # too few days, visitors too wild: said by its code
        return exc
    except ValueError:
        return "cal.err.fit"


# --------------------------------------------------------------------------- applying
def _targets(kind: Kind, lang: str) -> list[str]:
    """The scenarios the user ticks (baseline and plan, both ticked at first)."""
    st.markdown(f"**{t('cal.apply_to', lang)}**")
    cols = st.columns(2)
    return [which for col, which in zip(cols, (state.BASELINE, state.PLAN), strict=True)
            if col.checkbox(plain(state.name_of(which, lang)), value=True,
                            key=_key(kind, f"to:{which}"), persist_state="session")]  # fmt: skip


def _built(targets: list[str], build, lang: str) -> tuple[dict, str | None]:
    """Every target's scenario with the fit, and the reason (named) the first one fails."""
    new = {}
    for which in targets:
        try:
            new[which] = build(state.slot(which).scenario)
        except (ValidationError, ValueError) as exc:  # out of range, paid > visitors: named
            reason = describe_error(exc, lang)
        else:
            continue
        return new, t("cal.err.apply", lang, name=plain(state.name_of(which, lang)), reason=reason)
    return new, None


@state.recording(lambda lang, targets, build, paths, source, *_: t("undo.act.calibrate", lang,
                                                                  file=source))  # fmt: skip
def _apply(targets: list[str], build, paths: list[str], source: str, lang: str) -> None:
    """Set every target to ``build(its scenario)``: all or none (a value out of range for one
    leaves them all as they were and says why)."""
    if not targets:
        state.flash(t("cal.pick_target", lang))
        return
    new, failed = _built(targets, build, lang)
    if failed is not None:
        state.flash(failed)
        return
    for which, scenario in new.items():
        state.apply_fit(which, scenario, paths, source)
    names = ("、" if lang == "zh" else ", ").join(plain(state.name_of(w, lang)) for w in targets)
    state.note(f"{t('cal.applied', lang, names=names)} {t('undo.after_apply', lang)}")


def _apply_button(kind: Kind, targets: list[str], build, paths: list[str], source: str,
                  lang: str, hint: str = "") -> None:  # fmt: skip
    """The Apply button, with a warning beforehand (and ``hint``) when the fit cannot go into a
    target."""
    _, failed = _built(targets, build, lang)
    if failed is not None:
        st.warning(f"{failed} {hint}".strip(), icon=":material/warning:")
    st.button(t("cal.apply_button", lang), key=_key(kind, "apply"), type="primary",
              icon=":material/check:", on_click=_apply,
              args=(targets, build, paths, source, lang))  # fmt: skip
    st.caption(t("cal.untouched", lang))


# --------------------------------------------------------------------------- order history
def _param_table(fit: RepeatFit, lang: str) -> pd.DataFrame:
    rows = []
    for key in BGNBD_KEYS + (GG_KEYS if fit.has_gamma_gamma else ()):
        est, se = fit.params[key], fit.stderr[key]
        lo, hi = est - Z95 * se, est + Z95 * se
        rows.append({
            t("cal.col.param", lang): "α" if key == "alpha" else key,
            t("cal.col.meaning", lang): t(f"cal.p.{key}", lang),
            t("cal.col.estimate", lang): fmt_number(est, lang, digits=4, compact=False),
            t("cal.col.se", lang): fmt_number(se, lang, digits=4, compact=False)
            if math.isfinite(se) else "—",
            t("cal.col.ci", lang): f"{fmt_number(max(lo, 0.0), lang, digits=3, compact=False)} – "
            f"{fmt_number(hi, lang, digits=3, compact=False)}" if math.isfinite(se) else "—",
            t("cal.col.provenance", lang): t("cal.prov", lang),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _unusable(fit: RepeatFit, lang: str) -> str:
    """Why the BG/NBD fit cannot go into a scenario ("" when it can): an optimum at a bound (too
    few customers to tell the parameters apart), or shapes outside the registry's ranges."""
    if not fit.converged:
        return t("cal.unusable.flat", lang)
    outside = [k for k in REPEAT_KEYS
               if not PARAMS[f"repeat.{k}"].lo <= fit.params[k] <= PARAMS[f"repeat.{k}"].hi]  # fmt: skip
    if outside:
        params = "、".join(outside) if lang == "zh" else ", ".join(outside)
        return t("cal.unusable.range", lang, params=params)
    return ""


def _repeat_results(fit: RepeatFit, token: str, source: str, lang: str) -> None:
    st.subheader(t("cal.results", lang), anchor=False)
    c = st.columns(4)
    c[0].metric(t("cal.kpi.customers", lang), fmt_number(fit.n_customers, lang), border=True)
    c[1].metric(t("cal.kpi.repeaters", lang), fmt_number(fit.n_repeaters, lang),
                delta=fmt_pct(fit.n_repeaters / fit.n_customers, lang), delta_color="off",
                delta_arrow="off", border=True)  # fmt: skip
    c[2].metric(t("cal.kpi.transactions", lang), fmt_number(fit.n_transactions, lang), border=True)
    c[3].metric(t("cal.kpi.loglik", lang), fmt_number(fit.loglik, lang, digits=2, compact=False),
                border=True)  # fmt: skip
    unusable = _unusable(fit, lang)
    if unusable:
        st.error(t("cal.unusable", lang, reason=unusable), icon=":material/block:")
    elif fit.has_gamma_gamma and not fit.gg_converged:
        st.warning(t("cal.not_converged", lang), icon=":material/warning:")
    if not fit.has_gamma_gamma:
        st.info(t("cal.gg_missing", lang, n=MIN_GG_CUSTOMERS), icon=":material/info:")
    elif not math.isfinite(gg_mean(fit)):
        st.warning(t("cal.gg_q_low", lang), icon=":material/warning:")
    st.dataframe(_param_table(fit, lang), hide_index=True, width="stretch")

    st.markdown(f"**{t('cal.derived', lang)}**")
    r, alpha = fit.params["r"], fit.params["alpha"]
    age = state.baseline().store.age_days
    rates = repurchase_rate(np.array(RR_QUOTED, dtype=float), r, alpha)
    quoted = [(t("cal.d.rr", lang, days=d), fmt_pct(rr, lang), None)
              for d, rr in zip(RR_QUOTED, rates, strict=True)]  # fmt: skip
    quoted.append((t("cal.d.share", lang, age=fmt_number(age, lang)),
                   fmt_pct(fit.implied_old_share(age), lang), None))  # fmt: skip
    if fit.has_gamma_gamma and math.isfinite(gg_mean(fit)):
        quoted.append((t("cal.d.aov", lang), fmt_money(gg_mean(fit), lang, compact=False, digits=2),
                       None))  # fmt: skip
    if fit.observation_days > fit.calibration_days:
        actual, model = fit.holdout_totals()
        gap = fmt_delta_pct(model, actual, lang) if actual else ""
        quoted.append((t("cal.d.holdout", lang), fmt_number(actual, lang),
                       t("cal.d.holdout_model", lang, model=fmt_number(model, lang), gap=gap)))  # fmt: skip
    cols = st.columns(4)
    for i, (label, value, note) in enumerate(quoted):
        cols[i % 4].metric(label, value, delta=note, delta_color="off", delta_arrow="off")

    labels = {"data": t("cal.series.data", lang), "model": t("cal.series.model", lang)}
    if not fit.summary.tracked:  # a warehouse summary: no repeat days to plot against
        st.info(t("cal.big.untracked", lang), icon=":material/info:")
        st.caption(t("cal.caveat", lang))
        if not unusable:
            _repeat_apply(fit, token, source, lang, alpha, age)
        return
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('cal.tracking', lang)}**")
        track = fit.tracking()
        chart = charts.fit_chart(
            charts.fit_data(track, "date", {"actual": "data", "model": "model"}, labels),
            x_title=t("cal.axis.date", lang), y_title=t("cal.axis.cum", lang), lang=lang,
            temporal=True,
            marker=(fit.calibration_end, t("cal.end_marker", lang))
            if fit.observation_days > fit.calibration_days else None,
        )  # fmt: skip
        layout.chart(chart, "calibration_tracking")
        st.caption(t("cal.tracking_note", lang))
    with right:
        st.markdown(f"**{t('cal.curve', lang)}**")
        curve = fit.repurchase_curve(CURVE_DAYS)
        # where few customers are followed that long the data's share is noise: cut there
        curve = curve[curve["customers"] >= max(MIN_FOLLOWED, 0.05 * fit.n_customers)]
        chart = charts.fit_chart(
            charts.fit_data(curve, "days", {"actual": "data", "model": "model"}, labels),
            x_title=t("cal.axis.days", lang), y_title=t("cal.axis.rr", lang), lang=lang,
            y_format=".0%",
        )  # fmt: skip
        layout.chart(chart, "calibration_repurchase")
        st.caption(t("cal.curve_note", lang))
    st.caption(t("cal.caveat", lang))
    if unusable:
        return
    _repeat_apply(fit, token, source, lang, alpha, age)


def _repeat_apply(fit: RepeatFit, token: str, source: str, lang: str, alpha: float,
                  age: float) -> None:  # fmt: skip
    """The Apply half of a repeat fit's results: targets, α or the share, Gamma-Gamma."""
    st.subheader(t("cal.apply", lang), anchor=False)
    targets = _targets("orders", lang)
    fitted_label = t("cal.alpha.fitted", lang,
                     alpha=fmt_number(alpha, lang, digits=2, compact=False),
                     age=fmt_number(age, lang), share=fmt_pct(fit.implied_old_share(age), lang))  # fmt: skip
    # The fitted α may imply an old-customer share the scenario's funnel cannot hold: keeping
    # the share is then the first choice offered.
    alpha_key, carried = state.option_key(f"cal_orders_alpha:{token}")  # one key per language
    if alpha_key not in st.session_state:
        if carried not in ("fitted", "keep"):
            fits = _built(targets, lambda sc: apply_repeat_fit(sc, fit, gamma_gamma=False), lang)
            carried = "fitted" if fits[1] is None else "keep"
        st.session_state[alpha_key] = carried
    mode = st.radio(t("cal.alpha_mode", lang), ["fitted", "keep"], key=alpha_key,
                    persist_state="session",
                    format_func=lambda m: fitted_label if m == "fitted" else
                    t("cal.alpha.keep", lang))  # fmt: skip
    usable_gg = fit.has_gamma_gamma and fit.gg_converged and math.isfinite(gg_mean(fit))
    gg = st.checkbox(
        t("cal.apply_gg", lang, aov=fmt_money(gg_mean(fit), lang, compact=False, digits=2)
          if usable_gg else "—"),
        value=usable_gg, disabled=not usable_gg, key=f"cal_orders_gg:{token}", persist_state="session",
    )  # fmt: skip
    if mode == "keep":
        for which in targets:
            try:
                alpha_kept = recalibrated_alpha(state.slot(which).scenario, fit)
            except ValueError:  # the share cannot be reached with these shapes: said on Apply
                continue
            st.caption(f"{plain(state.name_of(which, lang))}: α = "
                       f"{fmt_number(alpha_kept, lang, digits=2, compact=False)}")  # fmt: skip
    paths = [*REPEAT_PATHS, *([SHARE_PATH] if mode == "fitted" else []),
             *(GG_PATHS if gg and usable_gg else ())]  # fmt: skip
    _apply_button("orders", targets, lambda sc: apply_repeat_fit(
        sc, fit, use_alpha=mode == "fitted", gamma_gamma=gg and usable_gg), paths, source, lang,
        hint=t("cal.alpha.hint", lang) if mode == "fitted" else "")  # fmt: skip


# --------------------------------------------------------------------------- large files
_big_results: OrderedDict[tuple, object] = OrderedDict()
_big_lock = threading.Lock()


def _workdir(token: str) -> Path:
    """The work directory of one large file (created), the oldest beyond ``BIG_KEEP`` removed."""
    BIG_DIR.mkdir(parents=True, exist_ok=True)
    work = BIG_DIR / token
    work.mkdir(exist_ok=True)
    os.utime(work)
    kept = sorted((d for d in BIG_DIR.iterdir() if d.is_dir()), key=lambda d: d.stat().st_mtime)
    for old in kept[:-BIG_KEEP]:
        shutil.rmtree(old, ignore_errors=True)
    return work


def _with_progress(fn, *args, lang: str, **kwargs):
    """``fn(*args, progress=…, **kwargs)`` in the worker with a progress bar of its stages."""
    pfile = Path(tempfile.mkdtemp(prefix="progress-", dir=BIG_DIR)) / "progress"
    bar = st.progress(0.0, text=t("cal.big.stage.start", lang))

    def check() -> None:
        _poll()
        got = bigfile.read_progress(pfile)
        if got is not None:
            stage, fraction = got
            bar.progress(min(1.0, max(0.0, fraction)), text=t(f"cal.big.stage.{stage}", lang))

    try:
        return worker.run(fn, *args, progress=bigfile.ProgressFile(pfile), check=check,
                          time_limit=BIG_TIME_LIMIT_S, **kwargs)  # fmt: skip
    finally:
        bar.empty()
        shutil.rmtree(pfile.parent, ignore_errors=True)


def _big_cached(key: tuple, compute):
    """``compute()`` once per ``key`` (the last ``BIG_KEEP`` kept): a rerun costs nothing."""
    with _big_lock:
        if key in _big_results:
            _big_results.move_to_end(key)
            return _big_results[key]
    try:
        value = compute()
    except worker.WorkerError as exc:
        value = worker_problem(exc)
    except FileProblem as exc:
        value = exc.problem
    except ModelError as exc:  # DuckDB refused the file, nobody bought again, …: by its code
        value = exc
    with _big_lock:
        _big_results[key] = value
        while len(_big_results) > BIG_KEEP:
            _big_results.popitem(last=False)
    return value


def _on_big_upload(key: str) -> None:
    """A large file arrived or was removed (kept under its own key, as ``_on_upload`` does)."""
    file = st.session_state.get(key)
    if file is None:
        st.session_state.pop(_key("orders", "bigupload"), None)
    else:
        st.session_state[_key("orders", "bigupload")] = file


def _big_source(lang: str) -> tuple[str, str, Path] | None:
    """The large file: uploaded (kept on disk, not in the session) or, when the server names a
    data directory, a path inside it. (token, name, path), or None."""
    key = _key("orders", "bigfile")
    st.file_uploader(t("cal.big.upload", lang), type=["csv", "txt", "parquet"], key=key,
                     on_change=_on_big_upload, args=(key,), help=t("cal.big.upload_help", lang))  # fmt: skip
    file = st.session_state.get(_key("orders", "bigupload"))
    root = os.environ.get(DATA_DIR_ENV)
    typed = ""
    if root:
        typed = st.text_input(t("cal.big.path", lang, dir=root), key=_key("orders", "bigpath"),
                              help=t("cal.big.path_help", lang))  # fmt: skip
    if file is not None:
        raw = file.getvalue()
        token = hashlib.sha1(raw).hexdigest()[:16]
        path = _workdir(token) / ("orders.parquet" if raw[:4] == b"PAR1" else "orders.csv")
        if not path.exists():
            path.write_bytes(raw)
        return token, file.name, path
    if not typed.strip():
        return None
    base = Path(root).resolve()
    path = (base / typed.strip()).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        st.error(t("cal.big.path_bad", lang, path=plain(typed), dir=plain(root)),
                 icon=":material/block:")  # fmt: skip
        return None
    stat = path.stat()
    token = hashlib.sha1(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    _workdir(token)
    return token, path.name, path


def _big_mapping(token: str, columns: list[str], lang: str) -> dict[str, str | None]:
    """The column of each field, guessed from the header and correctable (no preview: the file
    is not loaded)."""
    guess = guess_mapping(columns, "orders")
    none = t("cal.none", lang)
    options: list[str | None] = [None, *columns]
    st.markdown(f"**{t('cal.mapping', lang)}**", help=t("cal.mapping_help", lang))
    fields = FIELDS["orders"]
    cols = st.columns(min(4, len(fields)))
    mapping: dict[str, str | None] = {}
    for i, f in enumerate(fields):
        key, carried = state.option_key(_key("orders", f"bigmap:{token}:{f.name}"))
        first = carried if carried in options else guess[f.name]
        chosen = cols[i % len(cols)].selectbox(
            t(f"cal.field.{f.name}", lang), options,
            index=options.index(first) if first in options else 0,
            format_func=lambda c: none if c is None else str(c), key=key, persist_state="session",
        )  # fmt: skip
        mapping[f.name] = chosen if chosen in columns else None
    return mapping


def _sql_panel(end: str, lang: str) -> None:
    """The warehouse query (simulator/sql/rfm_summary.sql) in the dialect chosen."""
    with st.expander(t("cal.big.sql", lang)):
        st.markdown(t("cal.big.sql_help", lang))
        dialect = st.selectbox(t("cal.big.dialect", lang), BIG_DIALECTS, key=_key("orders", "sql"),
                               format_func=lambda d: t(f"cal.big.dialect.{d}", lang))  # fmt: skip
        st.code(bigfile.rfm_sql(dialect, end), language="sql")


def _big_section(lang: str) -> None:
    """Large-file mode: a CSV or Parquet file of any size summarised out of core by DuckDB in
    the worker (``simulator.bigfile``), or a per-customer summary from a warehouse; then the
    same results and Apply as the ordinary path."""
    st.markdown(t("cal.big.help", lang))
    got = _big_source(lang)
    if got is None:
        _sql_panel("2024-12-31", lang)
        return
    token, name, path = got
    try:
        summary_file = bigfile.is_summary(path)
        columns = bigfile.probe(path).columns
    except FileProblem as exc:
        st.error(f"{plain(name)}: {problem_text(exc.problem, lang)}", icon=":material/block:")
        return
    except ModelError as exc:
        st.error(describe_error(exc, lang), icon=":material/block:")
        return
    if summary_file:
        st.caption(t("cal.big.summary_file", lang, name=plain(name)))
        fit = _big_cached((token, "summary"), lambda: _with_progress(
            _fit_summary_job, path, lang=lang))  # fmt: skip
        _show_fit(fit, token, name, lang)
        return
    mapping = _big_mapping(token, columns, lang)
    work = _workdir(token) / hashlib.sha1(repr(sorted(mapping.items())).encode()).hexdigest()[:8]
    work.mkdir(exist_ok=True)
    key = (token, tuple(mapping.items()))
    read = _big_cached(key, lambda: _with_progress(bigfile.prepare, path, mapping, work,
                                                   lang=lang))  # fmt: skip
    if isinstance(read, Problem | ModelError):
        _show_fit(read, token, name, lang)
        return
    _show_problems(read, lang)  # type: ignore[arg-type]  # problems, dropped, date_forms alike
    if read.start is None:
        return
    first, last = read.start, read.observation_end
    st.caption(t("cal.big.read_info", lang, name=plain(name), rows=fmt_number(read.rows, lang),
                 start=first.date().isoformat(), end=last.date().isoformat()))  # fmt: skip
    span = (last - first).days
    default = (first + pd.Timedelta(days=round(span * CALIBRATION_SHARE))).date()
    end = st.date_input(t("cal.calibration_end", lang), value=default, min_value=first.date(),
                        max_value=last.date(), key=_key("orders", f"bigend:{token}"),
                        help=t("cal.calibration_end_help", lang), persist_state="session")  # fmt: skip
    end_iso = pd.Timestamp(end).date().isoformat()
    _sql_panel(end_iso, lang)
    fit = _big_cached((*key, end_iso), lambda: _with_progress(
        bigfile.fit_prepared, work, read, end_iso, lang=lang))  # fmt: skip
    _show_fit(fit, token, name, lang)


def _fit_summary_job(path: Path, *, progress) -> RepeatFit:
    """A summary file fitted (in the worker; a summary is small, so its progress is one step)."""
    progress("summary", 0.0)
    return bigfile.fit_summary_file(path)


def _show_fit(fit, token: str, name: str, lang: str) -> None:
    """A fit's results, or why there is none, in the user's language."""
    if isinstance(fit, Problem):
        st.error(f"{plain(name)}: {problem_text(fit, lang)}", icon=":material/block:")
    elif isinstance(fit, ModelError):
        st.error(describe_error(fit, lang), icon=":material/block:")
    elif isinstance(fit, RepeatFit):
        _repeat_results(fit, token, name, lang)


def orders_section(lang: str) -> None:
    """Order history → BG/NBD and Gamma-Gamma, checked on a holdout, applied on request; in
    large-file mode through DuckDB (``_big_section``)."""
    if st.toggle(t("cal.big.mode", lang), key=_key("orders", "big"),
                 help=t("cal.big.mode_help", lang), persist_state="session"):  # fmt: skip
        _big_section(lang)
        return
    got = _clean_upload("orders", lang)
    if got is None:
        return
    upload, mapping, cleaned = got
    orders = cleaned.frame
    first, last = orders["date"].min().normalize(), orders["date"].max().normalize()
    st.caption(t("cal.usable", lang, orders=fmt_number(len(orders), lang),
                 customers=fmt_number(orders["customer_id"].nunique(), lang),
                 start=first.date().isoformat(), end=last.date().isoformat()))  # fmt: skip
    span = (last - first).days
    default = (first + pd.Timedelta(days=round(span * CALIBRATION_SHARE))).date()
    if upload.token == _sample_token("orders"):
        default = pd.Timestamp(SAMPLE_END["orders"]).date()
    end = st.date_input(t("cal.calibration_end", lang), value=default, min_value=first.date(),
                        max_value=last.date(), key=_key("orders", f"end:{upload.token}"),
                        help=t("cal.calibration_end_help", lang),
                        persist_state="session")  # fmt: skip
    end = pd.Timestamp(end)
    hold = (last - end).days
    st.caption(t("cal.periods", lang, cal=fmt_number((end - first).days, lang),
                 hold=fmt_number(hold, lang)))  # fmt: skip
    if hold <= 0:
        st.info(t("cal.no_holdout", lang), icon=":material/info:")
    with layout.working("fit_orders"):
        fit = _repeat_fit(upload.token, tuple(mapping.items()), end.date().isoformat(), orders)
    if isinstance(fit, Problem):
        st.error(f"{upload.name}: {problem_text(fit, lang)}", icon=":material/block:")
        return
    if isinstance(fit, ModelError):
        st.error(describe_error(fit, lang), icon=":material/block:")
        return
    if isinstance(fit, str):
        st.error(t(fit, lang), icon=":material/block:")
        return
    _repeat_results(fit, upload.token, upload.name, lang)


# --------------------------------------------------------------------------- daily metrics
def _weekday_data(fit: DailyFit, lang: str) -> pd.DataFrame:
    w, se = np.asarray(fit.weekday), np.asarray(fit.weekday_se)
    return pd.DataFrame({"day": [t(f"cal.weekday.{i}", lang) for i in range(7)], "value": w,
                         "lo": w * np.exp(-Z95 * se), "hi": w * np.exp(Z95 * se)})  # fmt: skip


def _daily_results(fit: DailyFit, token: str, source: str, lang: str) -> None:
    st.subheader(t("cal.daily.results", lang), anchor=False)
    use_growth = st.checkbox(
        t("cal.daily.use_growth", lang, g=f"{fmt_number(fit.growth_pct_month, lang, digits=2)}%"),
        value=fit.growth_significant, key=f"cal_daily_growth:{token}", persist_state="session",
    )  # fmt: skip
    if not fit.growth_significant:
        st.caption(t("cal.daily.growth_ns", lang))
    c = st.columns(5)
    c[0].metric(t("cal.daily.level", lang), fmt_number(fit.level(use_growth), lang),
                help=t("cal.daily.level_help", lang), border=True)  # fmt: skip
    c[1].metric(t("cal.daily.growth", lang),
                f"{fmt_number(fit.growth_pct_month, lang, digits=2)}%",
                delta=t("cal.daily.pm", lang, se=f"{fmt_number(fit.growth_se, lang, digits=2)}%"),
                delta_color="off", delta_arrow="off", border=True)  # fmt: skip
    for col, key, value, se, kind in (
        (c[2], "conversion_rate", fit.conversion_rate, fit.conversion_se, "pct"),
        (c[3], "aov", fit.aov, fit.aov_se, "price"),
        (c[4], "old_customer_share", fit.old_customer_share, fit.old_share_se, "pct"),
    ):
        shown = layout.fmt_kpi(value, kind, lang) if math.isfinite(value) else "—"
        spread = layout.fmt_kpi(se, kind, lang) if math.isfinite(se) else None
        col.metric(t(f"kpi.{key}", lang), shown, border=True,
                   delta=t("cal.daily.pm", lang, se=spread) if spread else None,
                   delta_color="off", delta_arrow="off")  # fmt: skip
    if not fit.has_weekday:
        st.caption(t("cal.daily.no_weekday", lang, n=MIN_DAYS_WEEKDAY))
    if not fit.has_old_share:
        st.caption(t("cal.daily.no_old", lang))

    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(f"**{t('cal.daily.weekday', lang)}**")
        layout.chart(charts.weekday_chart(_weekday_data(fit, lang),
                                          value_title=t("cal.daily.weekday_axis", lang),
                                          day_title=t("cal.daily.day", lang), lang=lang,
                                          lo_title=t("cal.daily.lo", lang),
                                          hi_title=t("cal.daily.hi", lang)),
                     "calibration_weekday")  # fmt: skip
    with right:
        st.markdown(f"**{t('cal.daily.fit', lang)}**")
        key, carried = state.option_key("cal_daily_metric")
        metric = st.segmented_control(
            t("ov.metric", lang), ["uv", "orders", "gmv"], required=True,
            default=carried if carried in ("uv", "orders", "gmv") else "uv",
            format_func=lambda m: t(f"m.{'orders_paid' if m == 'orders' else m}", lang),
            key=key, persist_state="session",
        )  # fmt: skip
        labels = {"data": t("cal.series.data", lang), "model": t("cal.series.model", lang)}
        frame = fit.fitted
        chart = charts.fit_chart(
            charts.fit_data(frame, "date", {metric: "data", f"{metric}_model": "model"}, labels),
            x_title=t("cal.axis.date", lang),
            y_title=t(f"m.{'orders_paid' if metric == 'orders' else metric}", lang),
            lang=lang, temporal=True,
        )  # fmt: skip
        layout.chart(chart, f"calibration_daily_{metric}")
        resid = frame["uv"] - frame["uv_model"]
        total = float(((frame["uv"] - frame["uv"].mean()) ** 2).sum())
        r2 = 1.0 - float((resid**2).sum()) / total if total > 0 else float("nan")
        gmv = frame["gmv"].to_numpy()
        pos = gmv > 0
        mape = float(np.mean(np.abs(frame["gmv_model"].to_numpy()[pos] / gmv[pos] - 1)))
        st.caption(t("cal.daily.fit_stats", lang, r2=fmt_number(r2, lang, digits=3),
                     mape=fmt_pct(mape, lang, digits=1)))  # fmt: skip
    st.caption(t("cal.daily.notes", lang))

    st.subheader(t("cal.apply", lang), anchor=False)
    targets = _targets("daily", lang)
    paths = [p for p in DAILY_PATHS if fit.has_weekday or p != "traffic.weekday_profile"]
    paths += [SHARE_PATH] if fit.has_old_share else []
    _apply_button("daily", targets, lambda sc: apply_daily_fit(sc, fit, use_growth=use_growth),
                  paths, source, lang)  # fmt: skip


def daily_section(lang: str) -> None:
    """Daily shop metrics → visitors, weekday profile, growth, conversion, AOV, old share."""
    got = _clean_upload("daily", lang)
    if got is None:
        return
    upload, mapping, cleaned = got
    with layout.working("fit_daily"):
        fit = _daily_fit(upload.token, tuple(mapping.items()), cleaned.frame)
    if isinstance(fit, Problem):
        st.error(f"{upload.name}: {problem_text(fit, lang)}", icon=":material/block:")
        return
    if isinstance(fit, ModelError):
        st.error(describe_error(fit, lang), icon=":material/block:")
        return
    if isinstance(fit, str):
        st.error(t(fit, lang), icon=":material/block:")
        return
    _daily_results(fit, upload.token, upload.name, lang)
