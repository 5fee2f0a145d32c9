"""Typed errors from model to UI (issue 18): every refusal a user can trigger is a
``simulator.errors.ModelError`` with a code and its numbers, said in the user's language from the
catalogue (``err.<code>``), never by matching the model's English text."""

from __future__ import annotations

import ast
import datetime as dt
import pickle
import re
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from simulator import Scenario, set_param
from simulator.calibration import (
    MIN_DAYS,
    PaidExceedsVisitors,
    apply_daily_fit,
    fit_daily_metrics,
    fit_repeat_model,
)
from simulator.decide import Lever, break_even, optimize
from simulator.engine import simulate
from simulator.errors import ModelError
from simulator.montecarlo import outlook
from simulator.repurchase import check_old_share
from simulator.sensitivity import sobol, tornado
from ui.errors import describe_error
from ui.i18n import CATALOGUE, LANGS, t
from ui.share import Workspace

ROOT = Path(__file__).resolve().parents[2]
SIMULATOR = ROOT / "simulator"


# --------------------------------------------------------------------------- the raise sites
def _raised_codes() -> dict[str, list[tuple[str, set[str], set[str]]]]:
    """Every ``ModelError(code, message, units=…, **params)`` built in simulator/ and in the
    workspace file's rules (ui/share.py), also a subclass's ``super().__init__(code, …)``:
    code → [(where, params, units keys)]."""
    found: dict[str, list[tuple[str, set[str], set[str]]]] = {}
    for path in [*sorted(SIMULATOR.glob("*.py")), ROOT / "ui" / "share.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        subclasses = {
            node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any(isinstance(b, ast.Name) and b.id == "ModelError" for b in node.bases)
        }  # fmt: skip
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name) and n.func.id == "ModelError"]  # fmt: skip
        for cls in subclasses:
            calls += [
                n
                for n in ast.walk(cls)
                if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute)
                and n.func.attr == "__init__"
                and isinstance(n.func.value, ast.Call)
            ]  # fmt: skip  (super().__init__)
        for call in calls:
            where = f"{path.name}:{call.lineno}"
            assert call.args and isinstance(call.args[0], ast.Constant), f"{where}: code literal"
            assert len(call.args) == 2, f"{where}: ModelError(code, message, **params)"
            assert all(k.arg is not None for k in call.keywords), f"{where}: no **expansion"
            params = {k.arg for k in call.keywords if k.arg != "units"}
            units: set[str] = set()
            for k in call.keywords:
                if k.arg == "units":
                    units = _unit_keys(k.value, where)
            found.setdefault(call.args[0].value, []).append((where, params, units))
    return found


def _unit_keys(node: ast.expr, where: str) -> set[str]:
    """The keys of a ``units=`` argument: a dict literal or ``dict.fromkeys((…), unit)``, or a
    name bound to a dict literal in the same function (``money``)."""
    if isinstance(node, ast.Dict):
        return {k.value for k in node.keys if isinstance(k, ast.Constant)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        assert node.func.attr == "fromkeys", where
        return {e.value for e in node.args[0].elts}  # type: ignore[attr-defined]
    assert isinstance(node, ast.Name), f"{where}: units as a literal"
    return set()  # checked at run time below (every case is triggered)


RAISED = _raised_codes()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_finds_the_model_s_refusals() -> None:
    assert {"funnel", "old_share", "tier_below", "gg_mean", "paid_exceed", "no_repeat"} <= set(
        RAISED
    )


@pytest.mark.parametrize("code", sorted(RAISED))
def test_every_code_has_a_sentence_in_both_languages_using_exactly_its_params(code: str) -> None:
    key = f"err.{code}"
    assert key in CATALOGUE, f"{key} missing ({RAISED[code][0][0]})"
    zh, en = CATALOGUE[key]
    for where, params, units in RAISED[code]:
        assert units <= params, f"{where}: units for params it does not pass: {units - params}"
        for lang, text in (("zh", zh), ("en", en)):
            assert _placeholders(text) == params, f"{where} vs {key} ({lang})"
            t(key, lang, **dict.fromkeys(params, "1"))  # formats: no KeyError


# --------------------------------------------------------------------------- no English matching
#: Names a message's text goes by.
TEXT_NAMES = {"text", "msg", "message", "detail"}


def _is_message_text(node: ast.expr) -> bool:
    """``str(…)`` or a variable named like a message's text."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "str"
    return isinstance(node, ast.Name) and node.id in TEXT_NAMES


def _string_in_text_tests(path: Path) -> list[int]:
    """Lines of ``… in str(exc)`` / ``part in text`` tests: matching a message's words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.Compare)
        and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
        and any(_is_message_text(c) for c in node.comparators)
    ]  # fmt: skip


@pytest.mark.parametrize("module", ["errors.py", "calibrate.py", "workspace.py"])
def test_the_ui_matches_no_substring_of_a_model_message(module: str) -> None:
    path = ROOT / "ui" / module
    assert _string_in_text_tests(path) == []
    source = path.read_text(encoding="utf-8")
    assert "_KNOWN" not in source
    tree = ast.parse(source)
    # no table of (model text, catalogue key) pairs either
    pairs = [
        n.lineno for n in ast.walk(tree) if isinstance(n, ast.Tuple) and len(n.elts) == 2
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in n.elts)
        and any(str(e.value).startswith("err.") for e in n.elts)  # type: ignore[union-attr]
    ]  # fmt: skip
    assert pairs == []


#: ``raise ValueError`` left in the modules a scenario, a link or a file reaches, and why.
INTERNAL_RAISES = {
    # a dotted path the code itself names (widgets, registry); links and files go through pydantic
    ("scenario.py", "get_param"),
}


@pytest.mark.parametrize(
    "module", ["scenario.py", "sections.py", "promotion_kinds.py", "repurchase.py"]
)
def test_the_input_boundary_raises_no_untyped_value_error(module: str) -> None:
    tree = ast.parse((SIMULATOR / module).read_text(encoding="utf-8"))
    bare = set()
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and isinstance(node.exc.func, ast.Name) and node.exc.func.id == "ValueError"):  # fmt: skip
                bare.add((module, fn.name))
    assert bare <= INTERNAL_RAISES


# --------------------------------------------------------------------------- each code triggered
def _orders(repeat: bool) -> pd.DataFrame:
    days = pd.date_range("2025-01-01", periods=60, freq="D")
    rows = [(f"c{i}", days[i], 100.0) for i in range(40)]
    if repeat:
        rows += [(f"c{i}", days[i + 15], 80.0) for i in range(0, 40, 3)]
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


def _daily(n: int, uv: np.ndarray | None = None) -> pd.DataFrame:
    dates = pd.date_range("2025-01-01", periods=n, freq="D")
    uv = np.full(n, 1000.0) if uv is None else uv
    return pd.DataFrame({"date": dates, "uv": uv, "buyers": uv * 0.02, "gmv": uv * 0.02 * 100})


def _promo(**kw: object) -> dict:
    return {"promotions": [kw]}


_D = Scenario(horizon_days=7)
_D_PROMO = Scenario.model_validate(
    {"horizon_days": 7, "promotions": [{"kind": "threshold_discount", "start_day": 0, "end_day": 6,
                                        "tiers": [[100.0, 10.0]]}]})  # fmt: skip


def _file(text: str | bytes, name: str = "f.csv") -> Path:
    """``text`` written to a fresh temporary file (the large-file reader takes paths)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="typed-errors-")) / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _big_path(path: Path):
    from simulator.bigfile import summarise_path

    return summarise_path(path)


def _big(text: str | bytes, name: str = "f.csv"):
    return _big_path(_file(text, name))


def _summary(text: str | bytes):
    from simulator.bigfile import read_summary

    return read_summary(_file(text))


#: One input per code that gives it (a scenario dict, or a call of the public function).
CASES = {
    "big_open": lambda: _big_path(Path("/nonexistent/订单")),
    "big_format": lambda: _big(b"PK\x03\x04 a workbook", "f.xlsx"),
    "big_refused": lambda: _big("customer,date,amount\na,2024-01-01,5\nb,2024-01-02,6,7,8\n"),
    "summary_columns": lambda: _summary("customer_id,frequency,recency\na,1,2\n"),
    "summary_values": lambda: _summary("frequency,recency,T,monetary_value\n1,9,5,3\n"),
    "summary_end": lambda: _summary("first_date,frequency,recency,T,monetary_value\n"
                                    "2024-01-01,0,0,5,\n2024-01-02,0,0,5,\n"),
    "summary_encoding": lambda: _summary(
        "first_date,frequency,recency,T,monetary_value\n中文,0,0,5,\n".encode("gb18030")),
    "campaign_order": {"traffic": {"campaigns": [{"start_day": 5, "end_day": 2}]}},
    "promotion_order": _promo(kind="coupon", start_day=5, end_day=3),
    "audience_kind": _promo(kind="free_shipping", audience="members"),
    "voucher_audience": _promo(kind="coupon", audience="members", post_purchase=True),
    "tiers_list": _promo(kind="threshold_discount", tiers=5),
    "tier_pair": _promo(kind="threshold_discount", tiers=[[100, 10], [200]]),
    "tier_below": _promo(kind="threshold_discount", tiers=[[100, 10], [200, 250]]),
    "tiers_empty": _promo(kind="threshold_discount", tiers=[]),
    "tiers_same_threshold": _promo(kind="threshold_discount", tiers=[[100, 10], [100, 20]]),
    "tiers_rising": _promo(kind="threshold_discount", tiers=[[100, 20], [200, 10]]),
    "prize_sum": _promo(kind="lottery", prizes=[{"probability": 0.7}, {"probability": 0.6}]),
    "gg_mean": {"repeat": {"spend_model": "gamma_gamma", "gg_p": 100, "gg_q": 1.05, "gg_v": 100}},
    "hours": {"service": {"start_hour": 10, "end_hour": 9}},
    "rt_max": {"service": {"rt_ref_s": 60, "rt_max_s": 60}},
    "industry": {"dsr": {"industry_mean": 4.8, "industry_max": 4.7}},
    "unc_path": {"uncertainty": {"x.y": {"p10": 0.1, "p90": 0.2}}},
    "unc_kind": {"uncertainty": {"promotion.audience": {"p10": 0.1, "p90": 0.2}}},
    "unc_missing": {"uncertainty": {"funnel.conversion_rate": {"p10": 0.02}}},
    "unc_width": {"uncertainty": {"funnel.conversion_rate": {"p10": 0.03, "p90": 0.02}}},
    "unc_range": {"uncertainty": {"funnel.conversion_rate": {"p10": 0.02, "p90": 0.5}}},
    "unc_positive": {"uncertainty": {"traffic.growth_pct_month": {"family": "lognormal", "p10": -1, "p90": 5}}},
    "unc_corr_pair": {"correlations": {"x|x": 0.5}},
    "unc_corr_rho": {"correlations": {"repeat.a|repeat.r": 1.5}},
    "unc_corr_pd": {"correlations": {"repeat.a|repeat.b": 0.9, "repeat.a|repeat.r": 0.9,
                                     "repeat.b|repeat.r": -0.9}},
    "date_time": {"start_date": dt.datetime(2026, 1, 1, 10, 30)},
    "date_iso": {"start_date": "2026-13-01"},
    "date_range": {"start_date": "1999-01-01"},
    "funnel": {"funnel": {"inquiry_rate": 0.5, "inquiry_conversion": 0.25}},
    "old_share": {"funnel": {"old_customer_share": 0.9, "inquiry_rate": 0.0},
                  "repeat": {"a": 50, "b": 0.01}},  # fmt: skip
    "weekday_list": {"traffic": {"weekday_profile": [1, 2]}},
    "weekday_zero": {"traffic": {"weekday_profile": [0] * 7}},
    "old_share_one": lambda: check_old_share(1.0, 365.0, 0.24, 0.79, 2.4, 365.0),
    "cal_end": lambda: fit_repeat_model(_orders(True), calibration_end="2024-06-01"),
    "no_repeat": lambda: fit_repeat_model(_orders(False)),
    "too_few_days": lambda: fit_daily_metrics(_daily(MIN_DAYS - 1)),
    "daily_wild": lambda: fit_daily_metrics(_daily(21, np.exp(30.0 * np.arange(21.0)))),
    "one_baseline": lambda: Workspace.model_validate({"scenarios": [{"name": "a", "scenario": {}}]}),
    "names_differ": lambda: Workspace.model_validate(
        {"scenarios": [{"name": "a", "baseline": True, "scenario": {}}, {"name": "a", "scenario": {}}]}
    ),
    "paid_exceed": lambda: apply_daily_fit(
        set_param(Scenario(), "traffic.paid_search.budget_per_day", 100_000.0),
        fit_daily_metrics(_daily(28)), use_growth=False,
    ),
    "mc_paths": lambda: simulate(Scenario(), paths=0),
    "mc_seed": lambda: simulate(Scenario(), paths=2, seed=-1),
    "mc_measure": lambda: simulate(Scenario(horizon_days=30)).bands(["day"]),
    "mc_quantile": lambda: simulate(Scenario(horizon_days=30)).bands(["gmv"], q=(2.0,)),
    "sens_measure": lambda: tornado(Scenario(horizon_days=7), reference=Scenario(horizon_days=7),
                                    measure="day"),
    "sens_n": lambda: sobol(Scenario(horizon_days=7), reference=Scenario(horizon_days=7),
                            params=["store.aov"], n=6),
    "sens_params": lambda: sobol(Scenario(horizon_days=7), reference=Scenario(horizon_days=7),
                                 params=["traffic.paid_search.budget_per_day"], n=8),
    "decide_path": lambda: break_even(_D, reference=_D, path="repeat.spend_model"),
    "decide_range": lambda: break_even(_D, reference=_D, path="store.aov", lo=50.0, hi=1e9),
    "decide_points": lambda: break_even(_D, reference=_D, path="store.aov", points=2),
    "decide_horizon": lambda: break_even(_D, reference=Scenario(horizon_days=8), path="store.aov"),
    "decide_measure": lambda: break_even(_D, reference=_D, path="store.aov", measure="day",
                                         points=3),
    "decide_quantity": lambda: break_even(_D, reference=_D, path="store.aov", quantity="比率",
                                          points=3),
    "decide_refused": lambda: break_even(
        _D_PROMO, reference=_D, path="promotions.0.tiers.0.1", lo=150.0, hi=180.0, points=3),
    "decide_unreachable": lambda: break_even(_D, reference=_D, path="store.aov", target=1e12,
                                             points=3),
    "decide_constraint": lambda: optimize(_D, reference=_D, levers=[Lever("store.aov", 100, 120)],
                                          constraints={"q9": 4.7}),
    "decide_bound": lambda: optimize(_D, reference=_D, levers=[Lever("store.aov", 100, 120)],
                                     constraints={"dsr_min": float("nan")}),
    "decide_loss_chance": lambda: optimize(_D, reference=_D, levers=[Lever("store.aov", 100, 120)],
                                           constraints={"loss_chance_max": 0.1}),
    "decide_levers": lambda: optimize(_D, reference=_D, levers=[]),
    "decide_lever_twice": lambda: optimize(
        _D, reference=_D, levers=[Lever("store.aov", 100, 120), Lever("store.aov", 100, 110)]),
    "mc_mismatch": lambda: outlook(
        simulate(Scenario(horizon_days=30), paths=2, seed=1),
        simulate(Scenario(horizon_days=30), paths=3, seed=1), "profit",
    ),
}  # fmt: skip


def _refusal(code: str) -> Exception:
    case = CASES[code]
    with pytest.raises(ValueError) as err:
        if callable(case):
            case()
        else:
            Scenario.model_validate(case)
    return err.value


def _model_error(exc: Exception) -> ModelError:
    if isinstance(exc, ValidationError):
        (inner,) = [e["ctx"]["error"] for e in exc.errors() if "error" in e.get("ctx", {})]
        exc = inner
    assert isinstance(exc, ModelError), repr(exc)
    return exc


def test_every_code_has_a_case() -> None:
    assert set(CASES) == set(RAISED)


#: Latin words a Chinese sentence may hold: the model's own names (BG/NBD, Gamma-Gamma, Sobol), the
#: date pattern, and the quoted input.
ZH_LATIN_OK = {
    "BG",
    "NBD",
    "Gamma",
    "Sobol",
    "YYYY",
    "MM",
    "DD",
    "datetime",
    # file formats and the summary's column names (SQL output)
    "CSV",
    "Excel",
    "Parquet",
    "UTF",
    "DuckDB",
    "SQL",
    "frequency",
    "recency",
    "monetary",
    "value",
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_refusal_is_its_code_said_in_the_user_s_language(code: str) -> None:
    exc = _refusal(code)
    err = _model_error(exc)
    assert err.code == code
    zh, en = describe_error(exc, "zh"), describe_error(exc, "en")
    assert zh == t(f"err.{code}", "zh", **_formatted(err, "zh"))
    assert not zh.startswith(t("err.generic", "zh", msg="")) and zh != en
    assert set(re.findall(r"[A-Za-z]{2,}", zh)) <= ZH_LATIN_OK, zh
    assert err.message not in en and not re.search(r"\b[a-z]+_[a-z_]+\b", en), en
    assert str(err) == err.message  # the English message stays for logs and the command line


def _formatted(err: ModelError, lang: str) -> dict[str, str]:
    from ui.errors import _param_text

    return {k: _param_text(v, err.units.get(k, ""), lang) for k, v in err.params.items()}


def test_the_sentences_carry_the_numbers() -> None:
    """Not just "too much": which tier, the funnel product and the reachable share."""
    zh = describe_error(_refusal("tier_below"), "zh")
    assert "第2档" in zh and "¥250" in zh and "¥200" in zh
    en = describe_error(_refusal("funnel"), "en")
    assert "50.00% × 25.00% = 12.50%" in en
    err = _model_error(_refusal("old_share"))
    top = float(err.params["top"])
    assert 0 < top < 0.9
    assert f"{top:.2%}" in describe_error(_refusal("old_share"), "en")


@pytest.mark.parametrize("code", ["no_repeat", "paid_exceed", "tier_below"])
def test_a_model_error_survives_pickling_as_the_calibration_worker_sends_it(code: str) -> None:
    err = _model_error(_refusal(code))
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert (back.code, back.params, back.units, str(back)) == (
        err.code, err.params, err.units, str(err)
    )  # fmt: skip
    if isinstance(err, PaidExceedsVisitors):
        assert (back.paid, back.total) == (err.paid, err.total)


def test_a_typed_error_crosses_the_worker_process() -> None:
    from ui import worker

    with pytest.raises(ModelError) as err:
        worker.run(fit_daily_metrics, _daily(MIN_DAYS - 1))
    assert err.value.code == "too_few_days" and err.value.params == {"n": MIN_DAYS}
    assert describe_error(err.value, "zh") == t("err.too_few_days", "zh", n=f"{MIN_DAYS}")


def test_an_unknown_exception_is_still_the_generic_sentence() -> None:
    for lang in LANGS:
        assert describe_error(RuntimeError("boom"), lang) == t("err.generic", lang, msg="boom")


def test_several_problems_are_one_line_each() -> None:
    with pytest.raises(ValidationError) as err:
        Scenario.model_validate({**CASES["hours"], "dsr": CASES["industry"]["dsr"]})
    lines = describe_error(err.value, "zh").splitlines()
    assert lines == [describe_error(_refusal("hours"), "zh"),
                     describe_error(_refusal("industry"), "zh")]  # fmt: skip


# --------------------------------------------------------------------------- a file's shape
@pytest.mark.parametrize(
    ("data", "key"),
    [({"stroe": {}}, "err.unknown_field"),
     (_promo(kind="bogus"), "err.unknown_kind"),
     (_promo(start_day=1), "err.no_kind"),
     ({"traffic": {"campaigns": 5}}, "err.bad_value"),
     (_promo(kind="coupon", audience="vip"), "err.choice")],
)  # fmt: skip
def test_a_wrong_shape_is_said_by_pydantic_s_error_type_not_its_english(data, key) -> None:
    with pytest.raises(ValidationError) as err:
        Scenario.model_validate(data)
    for lang in LANGS:
        text = describe_error(err.value, lang)
        head = CATALOGUE[key][0 if lang == "zh" else 1].split("{")[0]
        assert text.startswith(head) or head in text, text
        assert "Input should" not in text and "not permitted" not in text
    if key == "err.choice":  # the options by their labels, not their codes
        assert t("aud.old_customers", "zh") in describe_error(err.value, "zh")


# --------------------------------------------------------------------------- warnings
def _warning_codes() -> set[str]:
    """The codes ``engine.simulate`` may put in ``Result.warnings``: the string literals appended
    in its warning functions and listed in the ``warnings=`` expression."""
    tree = ast.parse((SIMULATOR / "engine.py").read_text(encoding="utf-8"))
    codes = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and fn.name.endswith("warnings"):
            codes |= {n.args[0].value for n in ast.walk(fn) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr == "append"
                      and n.args and isinstance(n.args[0], ast.Constant)}  # fmt: skip
        if isinstance(fn, ast.keyword) and fn.arg == "warnings":
            codes |= {n.value for n in ast.walk(fn.value) if isinstance(n, ast.Constant)
                      and isinstance(n.value, str)}  # fmt: skip
    return codes


def test_every_warning_code_has_a_sentence_in_both_languages() -> None:
    codes = _warning_codes()
    assert {"dispatch_backlog", "discount_past_evidence", "store_still_maturing"} <= codes
    for code in codes:
        zh, en = CATALOGUE[f"warn.{code}"]
        assert zh and en and not _placeholders(zh) and not _placeholders(en)  # shown bare
