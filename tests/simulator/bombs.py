"""Hostile and honest ``.xlsx`` archives built in memory for the checks' tests (issue 17): a
sheet of 4 million rows, one shared string of 400 MB, a part whose directory lies about its
size, an archive of many parts. Each is written streaming (``ZipFile.open(..., "w")``) so even
the bombs cost a test a second or so and little memory."""

from __future__ import annotations

import functools
import io
import zipfile

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"
STRINGS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
HEADER_ROW = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>customer</t></is></c>'
              b'<c r="B1" t="inlineStr"><is><t>date</t></is></c>'
              b'<c r="C1" t="inlineStr"><is><t>amount</t></is></c></row>')  # fmt: skip


def _order_row(r: int) -> bytes:
    return (b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>2024-01-%02d'
            b'</t></is></c><c r="C%d"><v>%d.5</v></c></row>'
            % (r, r, r % 997, r, 1 + r % 28, r, r % 300))  # fmt: skip


def workbook(rows, strings=None, *, level: int = 6, extra: dict | None = None) -> bytes:
    """An .xlsx whose first sheet holds ``rows`` (an iterable of row XML, written as it comes)
    and, when given, shared strings (an iterable of bytes pieces of the part's body)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(SHEET_HEAD)
            batch: list[bytes] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= 20_000:
                    f.write(b"".join(batch))
                    batch.clear()
            f.write(b"".join(batch) + SHEET_TAIL)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(STRINGS_HEAD)
            for piece in strings or ():
                f.write(piece)
            f.write(b"</sst>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def orders(n: int) -> bytes:
    """An honest order sheet: a header and ``n`` order rows."""
    return workbook([HEADER_ROW, *(_order_row(r) for r in range(2, n + 2))])


@functools.cache  # built once per test run, shared by the tests that use it
def row_bomb(n: int = 4_000_000, *, numbered: bool = False) -> bytes:
    """The issue's 4 M-row bomb: ``n`` identical one-cell rows packed hard (about 0.6 MB), or,
    ``numbered``, rows and cells with their references (packs far less well: a slower bomb)."""
    if numbered:
        rows = (b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, n + 1))
        return workbook(rows, level=1)
    block = b"<row><c><v>1</v></c></row>" * 100_000
    return workbook([block] * (n // 100_000), level=9)


def string_bomb(size: int = 400 * 1024 * 1024) -> bytes:
    """The issue's shared-string bomb: one string of ``size`` bytes, referenced by one cell."""
    block = b"A" * (1 << 20)

    def pieces():
        yield b"<si><t>"
        for _ in range(size // len(block)):
            yield block
        yield b"</t></si>"

    return workbook([HEADER_ROW, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'], pieces(),
                    level=9)  # fmt: skip


def lying(raw: bytes, part: str = "xl/worksheets/sheet1.xml", size: int = 1000) -> bytes:
    """``raw`` with ``part``'s uncompressed size in the central directory rewritten to ``size``:
    the directory lies about what the part unpacks to (zipfile trusts it)."""
    import struct

    data = bytearray(raw)
    name = part.encode()
    pos = data.find(b"PK\x01\x02")  # each central directory entry; its size at +24
    while pos >= 0:
        (n_len,) = struct.unpack_from("<H", data, pos + 28)
        if bytes(data[pos + 46 : pos + 46 + n_len]) == name:
            zip64 = struct.unpack_from("<I", data, pos + 24)[0] == 0xFFFFFFFF
            if not zip64:
                struct.pack_into("<I", data, pos + 24, size)
            else:  # the size is in the zip64 extra field (tag 1), first
                (x_len,) = struct.unpack_from("<H", data, pos + 30)
                extra, end = pos + 46 + n_len, pos + 46 + n_len + x_len
                while extra < end:
                    tag, length = struct.unpack_from("<HH", data, extra)
                    if tag == 1:
                        struct.pack_into("<Q", data, extra + 4, size)
                        break
                    extra += 4 + length
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)
