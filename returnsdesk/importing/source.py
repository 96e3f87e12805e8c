"""Reading an export row by row: file type, encoding, CSV/XLSX streaming, damage checks.

Encoding is decided on the whole file, never on a guess: a BOM, else strict UTF-8, else strict
GB18030 (a superset of GBK); anything else is refused with a clear message.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from returnsdesk.errors import ImportFileError
from returnsdesk.importing.messages import file_error

CHUNK = 1 << 20
TRUNCATED_CHAR = "文件不完整: 在一个字符的中间结束 (下载或复制时被截断?)"
SAMPLE = 4 * CHUNK  # bytes looked at to choose the encoding; prescan checks the rest
HEAD_RECORDS = 10  # the header may follow a few title lines

# Size guards, checked on the whole file before anything is written. Excel itself holds at most
# 32,767 characters in a cell; a line of 1 MiB is far beyond any export row (a 30 MB "CSV" without
# line breaks is refused at once instead of being parsed for minutes).
CELL_MAX = 32767
LINE_MAX = 1 << 20
XLSX_PART_MAX = 100 << 20  # a part read whole into memory (shared strings, styles …); sheets stream
XLSX_TOTAL_MAX = 1 << 30  # all unpacked parts together
XLSX_RATIO_MAX = 200  # unpacked : packed, for parts over 1 MiB (real sheets pack 5-50 : 1)
csv.field_size_limit(CELL_MAX)


@dataclass(frozen=True)
class SourceInfo:
    path: Path
    fmt: str  # "csv" or "xlsx"
    encoding: str  # "" for xlsx
    delimiter: str = ","
    records: int | None = None  # total records incl. header, when known before reading


def sniff(path: Path) -> SourceInfo:
    """File type and encoding of ``path``, or ImportFileError for what cannot be read."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError as exc:
        raise file_error(
            "打不开 {name}: {error}", name=path.name, error=exc.strerror or exc
        ) from None
    if size == 0 or not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise file_error("{name} 是空文件", name=path.name)
    if head.startswith(b"PK\x03\x04"):
        check_xlsx_sizes(path)
        return SourceInfo(path, "xlsx", "")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_error("这是旧版 Excel (.xls) 文件: 请在 Excel 里另存为 .xlsx 或 CSV")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        if size % 2:  # UTF-16 is two bytes a unit: the last character was cut off
            raise file_error(TRUNCATED_CHAR)
    elif b"\x00" in head:
        raise file_error("{name} 不是 CSV 文本, 也不是 Excel (.xlsx) 文件", name=path.name)
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
        _verify(path, "utf-8-sig", "UTF-8")
    else:
        encoding = detect_encoding(path, limit=SAMPLE)
    first_line = head.decode(encoding if encoding != "utf-8-sig" else "utf-8", "ignore")
    first_line = first_line.splitlines()[0] if first_line else ""
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    return SourceInfo(path, "csv", encoding, delimiter)


def _verify(path: Path, encoding: str, label: str) -> None:
    whole, cut_at_end, pos = _decodes(path, encoding)
    if cut_at_end:
        raise file_error(TRUNCATED_CHAR)
    if not whole:
        raise file_error(
            "文件标明是 {label}, 但第 {pos} 字节处不是 {label} 编码", label=label, pos=pos
        )


def _decodes(path: Path, encoding: str, limit: int | None = None) -> tuple[bool, bool, int]:
    """(decodes fully, fails only at the very end, byte offset of the first error)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    pos = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return False, False, pos + exc.start
            pos += len(chunk)
            if limit is not None and pos >= limit:
                return True, False, pos
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False, True, pos
    return True, False, pos


def detect_encoding(path: Path, limit: int | None = None) -> str:
    """UTF-8 if the file is valid UTF-8, else GB18030 if it is valid GB18030, else refuse.

    With ``limit`` only that many bytes are looked at (the preview); ``prescan`` then verifies
    the whole file before the import writes anything.
    """
    ok, at_end, _ = _decodes(path, "utf-8", limit)
    if ok:
        return "utf-8"
    if at_end:
        raise file_error(TRUNCATED_CHAR)
    ok, at_end, where = _decodes(path, "gb18030", limit)
    if ok:
        return "gb18030"
    if at_end:
        raise file_error(TRUNCATED_CHAR)
    raise file_error(
        "认不出文件的编码: 既不是 UTF-8 也不是 GBK/GB18030 (第 {pos} 字节); 是否选错了文件?",
        pos=where,
    )


def _csv_reader(info: SourceInfo, f: Any) -> Any:
    return csv.reader(f, delimiter=info.delimiter, strict=True)


def prescan(info: SourceInfo) -> SourceInfo:
    """Read a CSV once, before anything is written, so a damaged file leaves the database as
    it was: the whole file must decode (a UTF-8 guess that fails later becomes GB18030 only if
    all of it is GB18030), quoting must close, and the last row must not be cut short.
    """
    if info.fmt != "csv":
        return info
    try:
        quotes, newlines, first, last = _scan_bytes(info)
    except UnicodeDecodeError:
        if info.encoding != "utf-8":
            raise file_error(
                "文件中有不是 {encoding} 编码的字节: 文件损坏或选错了文件", encoding=info.encoding
            ) from None
        encoding = detect_encoding(info.path)  # raises when it is neither
        info = SourceInfo(info.path, info.fmt, encoding, info.delimiter)
        quotes, newlines, first, last = _scan_bytes(info)
    if quotes == 0 and info.encoding in ("utf-8", "utf-8-sig", "gb18030"):
        # no quoting anywhere: a record is a line, and the last one can be checked directly
        count = newlines + (0 if last == "" else 1)
        width, last_width = first.count(info.delimiter) + 1, last.count(info.delimiter) + 1
        if last and count > 1 and last_width < width:
            raise _truncated(count, last_width, width)
        return SourceInfo(info.path, info.fmt, info.encoding, info.delimiter, count)
    return _scan_csv(info)


def _truncated(row: int, got: int, want: int) -> ImportFileError:
    return file_error(
        "文件不完整: 最后一行 (第 {row} 行) 只有 {got} 列, 表头有 {want} 列 (下载或复制时被截断?)",
        row=row,
        got=got,
        want=want,
    )


def _scan_bytes(info: SourceInfo) -> tuple[int, int, str, str]:
    """(quote count, newline count, first line, text after the last newline); decodes it all
    and refuses a line over ``LINE_MAX`` or a cell over ``CELL_MAX`` characters."""
    decoder = codecs.getincrementaldecoder(info.encoding)("strict")
    quotes = newlines = 0
    first: str | None = None
    tail = ""
    sizes = _SizeCheck(info.delimiter)
    with info.path.open("rb") as f:
        while chunk := f.read(CHUNK):
            quotes += chunk.count(b'"')
            newlines += chunk.count(b"\n")
            decoded = decoder.decode(chunk)
            sizes.feed(decoded)
            if first is None:
                first = decoded.split("\n", 1)[0]
            tail = (tail + decoded)[-65536:] if "\n" not in decoded else decoded[-65536:]
        tail += decoder.decode(b"", final=True)
    last = tail.rsplit("\n", 1)[-1].rstrip("\r")
    if info.encoding == "utf-16":
        quotes = 1  # byte counts mean nothing in UTF-16: always parse
    return quotes, newlines, (first or "").rstrip("\r"), last


def _scan_csv(info: SourceInfo) -> SourceInfo:
    count = 0
    first_len = last_len = 0
    try:
        with info.path.open(encoding=info.encoding, newline="") as f:
            reader = _csv_reader(info, _lines(f))
            for row in reader:
                count += 1
                if not row:
                    continue
                if count <= HEAD_RECORDS and len(row) > first_len:
                    first_len = len(row)
                last_len = len(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _cell_too_long(reader.line_num) from None
        raise file_error(
            "CSV 格式损坏 (第 {row} 行附近: {error}); 文件可能被截断或引号不配对",
            row=count + 1,
            error=exc,
        ) from None
    if count > 1 and last_len < first_len:
        raise _truncated(count, last_len, first_len)
    return SourceInfo(info.path, info.fmt, info.encoding, info.delimiter, count)


def rows(info: SourceInfo) -> Iterator[list[Any]]:
    """Every record of the file as a list of cells (str for CSV, openpyxl values for XLSX)."""
    if info.fmt == "csv":
        with info.path.open(encoding=info.encoding, newline="") as f:
            reader = _csv_reader(info, _lines(f))
            try:
                yield from reader
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise _cell_too_long(reader.line_num) from None
                raise file_error("CSV 格式损坏: {error}", error=exc) from None
            except UnicodeDecodeError:
                raise file_error(
                    "文件中有不是 {encoding} 编码的字节: 文件损坏或选错了文件",
                    encoding=info.encoding,
                ) from None
        return
    yield from _xlsx_rows(info.path)


def _lines(f: Any) -> Iterator[str]:
    """The file's lines for the CSV reader, refusing one over ``LINE_MAX`` characters before
    it is held in memory whole."""
    readline = f.readline
    number = 0
    while line := readline(LINE_MAX + 3):
        number += 1
        if len(line) > LINE_MAX and len(line.rstrip("\r\n")) > LINE_MAX:
            raise _line_too_long(number)
        yield line


def _line_too_long(line: int) -> ImportFileError:
    return file_error(
        "文件第 {line} 行超过 {limit} 个字符: 不像正常的导出文件 (缺少换行?)",
        line=line,
        limit=LINE_MAX,
    )


def _cell_too_long(line: int) -> ImportFileError:
    return file_error(
        "文件第 {line} 行有一个单元格超过 {limit} 个字符 (Excel 的上限): 不像正常的导出文件",
        line=line,
        limit=CELL_MAX,
    )


class _SizeCheck:
    """Line and cell lengths over decoded text fed piece by piece, at C speed: a cell longer
    than ``CELL_MAX`` fully covers one of the aligned windows of ``CELL_MAX // 2`` characters,
    so only a window without a delimiter or line break needs its cell measured."""

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter
        self.line = 1  # the number of the line the current piece starts on
        self.since_newline = 0  # characters of the current line so far
        self.carry = ""  # the current cell so far (shorter than CELL_MAX)

    def feed(self, text: str) -> None:
        first = text.find("\n")
        if first < 0:
            self.since_newline += len(text)
        else:
            if self.since_newline + first > LINE_MAX:
                raise _line_too_long(self.line)
            self.since_newline = len(text) - text.rfind("\n") - 1
            # inner lines are shorter than the piece, and a piece (CHUNK bytes) is < LINE_MAX
        if self.since_newline > LINE_MAX:
            raise _line_too_long(self.line)
        window = self.carry + text
        start = self._long_cell(window)
        if start is not None:
            at = start - len(self.carry)  # where the cell starts in ``text`` (< 0: before)
            raise _cell_too_long(self.line + (text.count("\n", 0, at) if at > 0 else 0))
        self.line += text.count("\n")
        cut = max(window.rfind(self.delimiter), window.rfind("\n"))
        self.carry = window[cut + 1 :]

    def _long_cell(self, window: str) -> int | None:
        """Where a cell over ``CELL_MAX`` characters starts in ``window``, or None."""
        d, size, step = self.delimiter, len(window), CELL_MAX // 2
        for i in range(0, size - step + 1, step):
            j = i + step
            if window.find(d, i, j) >= 0 or window.find("\n", i, j) >= 0:
                continue
            start = max(window.rfind(d, 0, i), window.rfind("\n", 0, i)) + 1
            ends = [e for e in (window.find(d, j), window.find("\n", j)) if e >= 0]
            if min(ends, default=size) - start > CELL_MAX:
                return start
        return None


def check_xlsx_sizes(path: Path) -> None:
    """Refuse an XLSX whose parts would unpack to more than the limits, from the sizes the zip
    declares (reading a part never yields more than its declared size), before parsing."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    # NotImplementedError: a damaged header naming a zip version or compression that
    # does not exist; RuntimeError: an encrypted part
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise file_error("Excel 文件损坏或不完整: {error}", error=exc) from None
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        whole = not info.filename.startswith("xl/worksheets/")  # read into memory at once
        too_big = whole and info.file_size > XLSX_PART_MAX
        if too_big or (info.file_size > 1 << 20 and ratio > XLSX_RATIO_MAX):
            raise file_error(
                "Excel 文件里的 {part} 解压后有 {size} MB (压缩比 {ratio}:1), 超过上限 {limit} MB "
                "或不像正常的表格: 请另存为 CSV 再导入",
                part=info.filename,
                size=info.file_size >> 20,
                ratio=int(ratio),
                limit=XLSX_PART_MAX >> 20,
            )
    if total > XLSX_TOTAL_MAX:
        raise file_error(
            "Excel 文件解压后共有 {size} MB, 超过上限 {limit} MB: 请拆成几个文件或另存为 CSV",
            size=total >> 20,
            limit=XLSX_TOTAL_MAX >> 20,
        )


def _xlsx_rows(path: Path) -> Iterator[list[Any]]:
    """The first sheet's rows. openpyxl parses data nobody checked (zip, deflate, XML): any
    failure of its own is a damaged file to the user, told in one line."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zlib.error, XML ParseError, KeyError … from a damaged file
        raise _damaged_xlsx(exc) from None
    try:
        if not wb.worksheets:  # a damaged workbook may list no sheet at all
            raise file_error("Excel 文件中没有工作表")
        ws = wb.worksheets[0]
        try:
            for values in ws.iter_rows(values_only=True):
                yield list(values)
        except Exception as exc:
            raise _damaged_xlsx(exc) from None
    finally:
        wb.close()


def _damaged_xlsx(exc: Exception) -> ImportFileError:
    if isinstance(exc, ImportFileError):
        return exc
    error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    return file_error("Excel 文件损坏或不完整: {error}", error=error)


def xlsx_records(path: Path) -> int | None:
    """The sheet's row count from its dimension, for the progress bar (None if unknown)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # the real read reports the problem
        return None
    try:
        return int(wb.worksheets[0].max_row) if wb.worksheets else None
    finally:
        wb.close()


def head(info: SourceInfo, n: int = HEAD_RECORDS) -> list[list[Any]]:
    """The first ``n`` non-empty records (for header detection and the preview)."""
    out: list[list[Any]] = []
    gen = rows(info)
    try:
        for row in gen:
            if any(c not in (None, "") for c in row):
                out.append(row)
            if len(out) >= n:
                break
    finally:
        gen.close()  # type: ignore[attr-defined]
    return out
