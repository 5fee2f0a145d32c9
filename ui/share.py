"""Workspaces (named scenarios, one of them the baseline) as files and as share links.

A workspace file is JSON (CONTRACT.md "URL and files")::

    {"format": "shop-whatif/workspace", "version": 1,
     "scenarios": [{"name": str, "baseline": bool, "scenario": <Scenario JSON>}, ...]}

with exactly one baseline and at most 6 scenarios. Older versions are migrated: version 0 is a
bare ``Scenario`` JSON (what ``Scenario.model_dump_json()`` writes), read as a one-scenario
workspace whose scenario is the baseline.

A share link carries the whole workspace in the query string, with the language and the page::

    ?ws=1.<base64url(zlib(compact JSON))>&lang=zh&page=overview&ranges=1&paths=32&seed=0

``ranges``/``paths``/``seed`` are the Monte Carlo's settings (``ui.bands``; a workspace file keeps
them as ``"ranges": {"on": true, "paths": 32, "seed": 0}`` beside ``scenarios``), so a link or a
file reopens the same bands. Without them the defaults apply; a bad one is replaced by its
default and named in ``SharedLink.range_problems`` (the app says so; the workspace still opens).

The compact JSON keeps each scenario's fields that differ from ``Scenario()`` only, so a typical
three-scenario plan stays well under 2,000 characters; reading it rebuilds every field exactly.
``start_date`` is the exception: its default is *today*, so a link opened tomorrow would move
every date by a day; it is always written. A link or file made before scenarios had dates (no
``start_date``) opens starting today — the only date it can mean — and keeps its day numbers; the
workspace version stays 1 (the field is an addition, so nothing else needs migrating).
Decoding is defensive: the link's length, the decompressed size (a zlib bomb stops at
``MAX_JSON_BYTES``), the JSON and every value are checked, nothing is evaluated, and every problem
becomes a ``ShareError`` with a code the UI translates.

Command line (CONTRACT.md)::

    python -m ui.share link WORKSPACE.json     # prints the query string, starting with "?"
    python -m ui.share read "?ws=1...."         # prints the workspace JSON

Both exit with status 1 and a one-line reason on bad input. This module does not import
streamlit, so the command starts fast.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import sys
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import parse_qs, urlencode

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from simulator import Scenario
from simulator.errors import ModelError
from simulator.scenario import shown
from ui import bands

FORMAT = "shop-whatif/workspace"
VERSION = 1
MAX_SCENARIOS = 6
MAX_NAME_CHARS = 40
#: Links longer than this are refused before any decoding (browsers keep ~32k; 2k is the aim).
MAX_LINK_CHARS = 16_000
#: A link longer than this (the whole URL) is offered as a workspace file instead: mail and chat
#: apps are known to cut or wrap longer ones.
LINK_BUDGET = 2_000
#: Decompressed JSON above this is refused as it streams out (a zlib bomb stops here).
MAX_JSON_BYTES = 512 * 1024
#: An integer written with more digits than this is read as a float (and so refused by the range
#: check like any other bad value): no field of a scenario needs more, and Python refuses to read
#: integers of more than 4,300 digits at all (CVE-2020-10735's limit), with a plain ValueError.
MAX_INT_DIGITS = 20
#: Query-string keys of a share link.
WS_KEY, LANG_KEY, PAGE_KEY = "ws", "lang", "page"
#: The query-string key of a published plan's short link (``/?s=<code>``, ui/store.py).
PLAN_KEY = "s"
LANGS = ("zh", "en")


class ShareError(ValueError):
    """A workspace file or link that cannot be read. ``code`` names the problem for translation
    (too_long, encoding, too_big, json, version, format, invalid); ``details`` lists every
    problem found (path: message), in English for the command line; ``validation`` is the
    pydantic error they come from (its typed errors are what the app translates)."""

    def __init__(self, code: str, message: str, details: tuple[str, ...] = (),
                 validation: ValidationError | None = None) -> None:  # fmt: skip
        self.code, self.details, self.validation = code, details, validation
        super().__init__(message if not details else f"{message}: " + "; ".join(details))


#: Characters a name never keeps: C0/C1 controls (openpyxl refuses them in a cell, so one in a
#: link's name broke the recipient's Excel export), and the bidirectional overrides and isolates
#: (U+202A–202E, U+2066–2069) that make a name read differently from what it is (Unicode TR #36).
_NAME_DROP = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAME_SPACE = re.compile(r" *[\t\n\r\u2028\u2029][\t\n\r\u2028\u2029 ]*")


def clean_name(name: str) -> str:
    """A scenario's name as the app keeps it: line breaks and tabs as one space, control and
    direction-override characters dropped, the ends stripped."""
    return _NAME_DROP.sub("", _NAME_SPACE.sub(" ", name)).strip()


class Entry(BaseModel):
    """One named scenario of a workspace (its name cleaned by ``clean_name``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    baseline: bool = False
    scenario: Scenario

    @field_validator("name", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_name(value) if isinstance(value, str) else value


class Workspace(BaseModel):
    """Up to six named scenarios, exactly one of them the baseline."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["shop-whatif/workspace"] = FORMAT
    version: Literal[1] = VERSION
    scenarios: tuple[Entry, ...] = Field(min_length=1, max_length=MAX_SCENARIOS)

    @model_validator(mode="after")
    def _one_baseline(self) -> Workspace:
        n = sum(e.baseline for e in self.scenarios)
        if n != 1:
            raise ModelError(
                "one_baseline", f"scenarios: exactly one must be the baseline (found {n})", found=n
            )
        names = [e.name for e in self.scenarios]
        if len(set(names)) != len(names):
            raise ModelError("names_differ", "scenarios: names must differ")
        return self

    @property
    def baseline(self) -> Entry:
        return next(e for e in self.scenarios if e.baseline)


@dataclass(frozen=True)
class SharedLink:
    """What a share link opens: the workspace, the language and the page (None: unset), the
    range settings (the defaults when the link has none) and which of them were refused."""

    workspace: Workspace
    lang: str | None
    page: str | None
    ranges: bands.Ranges = bands.DEFAULT
    range_problems: tuple[str, ...] = ()


# ---------------------------------------------------------------------------- files
def workspace_to_json(ws: Workspace, ranges: bands.Ranges | None = None) -> str:
    """The workspace file (full scenarios, exact round trip), with the range settings when
    given (``bands.FILE_KEY``)."""
    text = ws.model_dump_json(indent=2)
    if ranges is None:
        return text
    assert text.endswith("\n}")
    return text[:-2] + f',\n  "{bands.FILE_KEY}": ' + json.dumps(bands.to_file(ranges)) + "\n}"


def workspace_from_json(text: str | bytes) -> Workspace:
    """Read a workspace file of any known version; ``ShareError`` lists every problem."""
    return read_workspace_file(text)[0]


def read_workspace_file(text: str | bytes) -> tuple[Workspace, bands.Ranges, tuple[str, ...]]:
    """A workspace file: its workspace (``ShareError`` lists every problem), its range settings
    (the defaults when it has none) and the names of the range values refused (their defaults
    used)."""
    if isinstance(text, bytes):
        if len(text) > MAX_JSON_BYTES:  # before decoding: a cut file ends mid-character
            raise ShareError("too_big", f"the file is larger than {MAX_JSON_BYTES // 1024} KB")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ShareError("encoding", "the file is not UTF-8 text") from exc
    if len(text) > MAX_JSON_BYTES:
        raise ShareError("too_big", f"the file is larger than {MAX_JSON_BYTES // 1024} KB")
    data = read_json(text, "not JSON")
    kept = data.pop(bands.FILE_KEY, None) if isinstance(data, dict) else None
    ws = _validated(migrate(data))
    ranges, problems = bands.from_file(kept)
    return ws, ranges, tuple(problems)


def _int(digits: str) -> int | float:
    """A JSON integer; one of more than ``MAX_INT_DIGITS`` digits as a float (inf when huge),
    which the scenario's range checks refuse in words."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float(digits)


def read_json(text: str, what: str) -> Any:
    """JSON from a file or a link: ``ShareError("json")`` on anything json cannot read (a broken
    text, nesting deeper than the interpreter's stack), integers too long for Python read as
    floats (``_int``)."""
    try:
        return json.loads(text, parse_int=_int)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise ShareError("json", f"{what} ({str(exc)[:80]})") from None


def migrate(data: Any) -> dict[str, Any]:
    """Bring a workspace of an older version to the current one (never rejects silently)."""
    if not isinstance(data, dict):
        raise ShareError("format", "a workspace is a JSON object")
    if "format" not in data and data and set(data) <= set(Scenario.model_fields):
        # version 0: a bare Scenario, as the Python API writes it
        return {"format": FORMAT, "version": VERSION,
                "scenarios": [{"name": "baseline", "baseline": True, "scenario": data}]}  # fmt: skip
    if data.get("format") != FORMAT:
        raise ShareError("format", f"not a workspace file (format must be {FORMAT!r})")
    version = data.get("version")
    if version == VERSION:
        return data
    raise ShareError(
        "version", f"unknown workspace version {shown(version)} (this app reads ≤ {VERSION})"
    )


def _validated(data: dict[str, Any]) -> Workspace:
    try:
        return Workspace.model_validate(data)
    except ValidationError as exc:
        details = tuple(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}".strip(": ") for e in exc.errors()
        )
        raise ShareError("invalid", "the workspace does not validate", details, exc) from None


# ---------------------------------------------------------------------------- links
def _changes(sc: Scenario) -> dict[str, Any]:
    """The fields of ``sc`` that differ from ``Scenario()``, and always its ``start_date``; a
    promotion keeps its ``kind`` (it says which kind of promotion the other fields belong to)."""
    out = sc.model_dump(mode="json", exclude_defaults=True)
    out["start_date"] = sc.start_date.isoformat()  # default "today" moves: always written
    if "promotions" in out:
        full = sc.model_dump(mode="json")["promotions"]
        out["promotions"] = [{"kind": f["kind"], **p} for p, f in zip(out["promotions"], full)]
    return out


def _compact(ws: Workspace) -> dict[str, Any]:
    """Each scenario as its changes from ``Scenario()``."""
    return {
        "s": [{"n": e.name, "b": int(e.baseline), "d": _changes(e.scenario)} for e in ws.scenarios]
    }


def _expand(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("s"), list):
        raise ShareError("format", "the link does not hold a workspace")
    if len(data["s"]) > MAX_SCENARIOS:
        raise ShareError("invalid", f"a workspace holds at most {MAX_SCENARIOS} scenarios")
    entries = []
    for item in data["s"]:
        if not isinstance(item, dict) or not isinstance(item.get("d"), dict):
            raise ShareError("format", "the link does not hold a workspace")
        entries.append({"name": item.get("n"), "baseline": item.get("b") == 1,
                        "scenario": item["d"]})  # fmt: skip
    return {"format": FORMAT, "version": VERSION, "scenarios": entries}


def encode_payload(ws: Workspace) -> str:
    raw = json.dumps(_compact(ws), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    packed = base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")
    return f"{VERSION}.{packed}"


def encode_link(
    ws: Workspace,
    *,
    lang: str | None = None,
    page: str | None = None,
    ranges: bands.Ranges | None = None,
) -> str:
    """The query string (starting with ``?``) that opens ``ws`` in ``lang`` on ``page`` with the
    range settings ``ranges`` (none written: the link opens with the defaults)."""
    params = {WS_KEY: encode_payload(ws)}
    if lang is not None:
        params[LANG_KEY] = lang
    if page is not None:
        params[PAGE_KEY] = page
    if ranges is not None:
        params.update(bands.to_query(ranges))
    return "?" + urlencode(params, safe=".")


def decode_payload(payload: str) -> Workspace:
    """The workspace in a link's ``ws`` value; ``ShareError`` on anything else."""
    if not isinstance(payload, str) or len(payload) > MAX_LINK_CHARS:
        raise ShareError("too_long", f"the link is longer than {MAX_LINK_CHARS} characters")
    version, sep, body = payload.partition(".")
    # ASCII digits only ("²".isdigit() holds, int("²") fails) and few of them
    if not sep or not (version.isascii() and version.isdigit() and len(version) <= 6):
        raise ShareError("encoding", "the link is damaged (no version)")
    if int(version) != VERSION:
        raise ShareError("version", f"unknown link version {version} (this app reads {VERSION})")
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail:
            raise ShareError(
                "too_big", f"the link unpacks to more than {MAX_JSON_BYTES // 1024} KB"
            )
        if not inflater.eof:
            raise ShareError("encoding", "the link is cut short")
    except (binascii.Error, zlib.error, ValueError) as exc:
        if isinstance(exc, ShareError):
            raise
        raise ShareError("encoding", "the link is damaged") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ShareError("json", "the link is damaged (not JSON)") from None
    return _validated(_expand(read_json(text, "the link is damaged (not JSON)")))


def decode_link(query: str | Mapping[str, Any]) -> SharedLink:
    """A query string (``?ws=…&lang=…``) or a mapping of its parameters → ``SharedLink``."""
    if isinstance(query, str):
        if len(query) > MAX_LINK_CHARS + 100:
            raise ShareError("too_long", f"the link is longer than {MAX_LINK_CHARS} characters")
        params = {k: v[-1] for k, v in parse_qs(query.lstrip("?"), keep_blank_values=True).items()}
    else:
        params = {k: (v[-1] if isinstance(v, list | tuple) else v) for k, v in query.items()}
    if WS_KEY not in params:
        raise ShareError("format", "the link holds no workspace")
    lang = params.get(LANG_KEY)
    page = params.get(PAGE_KEY)
    ranges, problems = bands.from_query(params)
    return SharedLink(
        decode_payload(str(params[WS_KEY])),
        lang if lang in LANGS else None,
        page if isinstance(page, str) and page.replace("_", "").isalnum() else None,
        ranges,
        tuple(problems),
    )


@lru_cache(maxsize=64)  # drawn on every rerun of every page for the same link (issue 18)
def link_qr_png(url: str, *, scale: int = 3) -> bytes:
    """``url`` as a QR code (PNG, ``scale`` pixels per module, the standard 4-module quiet
    zone), for a room to open the link on their phones. Error correction M (15 %): a projected
    code survives glare and keystone; segno raises it when that costs no extra size, and falls
    back to L only for a link too long for M (a link over ``LINK_BUDGET`` is offered as a file
    instead, so none reaches QR's 2,953-byte limit)."""
    import segno  # (only here: decoding links and `python -m ui.share` need no QR encoder)

    try:
        qr = segno.make_qr(url, error="m", boost_error=True)
    except segno.DataOverflowError:
        qr = segno.make_qr(url, error="l")
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def link_qr_svg(url: str, *, scale: int = 6) -> str:
    """``url`` as a QR code in SVG markup (sharp at any size, e.g. a room's link on the
    projector), with ``link_qr_png``'s error correction and quiet zone."""
    import segno

    try:
        qr = segno.make_qr(url, error="m", boost_error=True)
    except segno.DataOverflowError:
        qr = segno.make_qr(url, error="l")
    return qr.svg_inline(scale=scale, border=4)


# ---------------------------------------------------------------------------- command line
def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    usage = "usage: python -m ui.share link WORKSPACE.json | read '?ws=...'"
    if len(args) != 2 or args[0] not in ("link", "read"):
        print(usage, file=sys.stderr)
        return 2
    try:
        if args[0] == "link":
            try:
                with open(args[1], "rb") as fh:
                    raw = fh.read(MAX_JSON_BYTES + 1)
            except OSError as exc:
                raise ShareError("file", f"cannot read {args[1]}: {exc.strerror}") from None
            ws, ranges, _ = read_workspace_file(raw)
            has = bands.FILE_KEY in (read_json(raw.decode("utf-8-sig", "replace"), "") or {})
            print(encode_link(ws, ranges=ranges if has else None))
        else:
            link = decode_link(args[1])
            has = any(k in args[1] for k in (bands.ON_KEY + "=", bands.PATHS_KEY + "="))
            print(workspace_to_json(link.workspace, link.ranges if has else None))
    except ShareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
