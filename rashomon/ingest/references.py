"""Ingest: reference records read from GTD and ACLED CSV files, so extracted events can point at them.

Consumes a CSV file in the GTD codebook layout (eventid, iyear, imonth, iday, country_txt,
provstate, city, gname, nkill...) or ACLED's (event_id_cnty, event_date, country, admin1,
location, actor1, fatalities...); produces one frozen `ReferenceRecord` per row, streamed, with
the row's every column kept in `data`. Only what linking needs is read into fields: the date
interval, the country as an ISO code, admin1, city, perpetrator names and the tolls.

A row without an id raises `IngestError` naming the line; a row whose date or country cannot
be read is still returned (it is kept, it just cannot link).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rashomon.errors import IngestError
from rashomon.ingest.datasets import ACLED, GTD, code_from_numeric, country_code, is_unknown_actor

_SNIFF_BYTES = 1 << 20
_ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%y", "%m/%d/%Y")
GTD_PERPETRATOR_COLUMNS = ("gname", "gname2", "gname3")
ACLED_PERPETRATOR_COLUMNS = ("actor1", "assoc_actor_1")


@dataclass(frozen=True, slots=True)
class ReferenceRecord:
    """One entry of an outside dataset, as linking and display need it; `data` is the row as read."""

    dataset: str  # gtd, acled
    ref_id: str
    date_start: dt.date | None
    date_end: dt.date | None
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    city: str | None
    perpetrators: tuple[str, ...]
    killed: int | None
    injured: int | None
    summary: str | None
    data: Mapping[str, str]

    @property
    def id(self) -> str:
        return f"{self.dataset}:{self.ref_id}"


def _text(row: Mapping[str, str | None], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value if value and value.casefold() not in {"unknown", "nan", "null"} else None


def _count(value: str | None) -> int | None:
    """A toll as the datasets write it ("12", "12.0", ""); negative codes (-9, -99) mean unknown."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number >= 0 else None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def _names(row: Mapping[str, str | None], columns: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for column in columns:
        for part in (row.get(column) or "").split(";"):
            name = part.strip()
            if name and not is_unknown_actor(name) and name not in found:
                found.append(name)
    return tuple(found)


def gtd_dates(year: int | None, month: int | None, day: int | None) -> tuple[dt.date | None, dt.date | None]:
    """GTD's iyear/imonth/iday as an interval: a 0 month or day means the whole year or month."""
    if not year or year < 1:
        return None, None
    try:
        if not month:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        last = calendar.monthrange(year, month)[1]
        if not day:
            return dt.date(year, month, 1), dt.date(year, month, last)
        found = dt.date(year, month, day)
    except ValueError:
        return None, None
    return found, found


def gtd_record(row: Mapping[str, str | None], line: int = 0) -> ReferenceRecord:
    """One GTD row; the date from iyear/imonth/iday, the country from country_txt."""
    ref_id = _text(row, "eventid")
    if ref_id is None:
        raise IngestError(f"line {line}", "a GTD row without an eventid")
    start, end = gtd_dates(_int(row.get("iyear")), _int(row.get("imonth")), _int(row.get("iday")))
    return ReferenceRecord(
        dataset=GTD,
        ref_id=ref_id,
        date_start=start,
        date_end=end,
        country=country_code(_text(row, "country_txt")),
        admin1=_text(row, "provstate"),
        city=_text(row, "city"),
        perpetrators=_names(row, GTD_PERPETRATOR_COLUMNS),
        killed=_count(_text(row, "nkill")),
        injured=_count(_text(row, "nwound")),
        summary=_text(row, "summary"),
        data={key: value or "" for key, value in row.items() if key},
    )


def acled_date(value: str | None) -> dt.date | None:
    """ACLED's event_date in any of the layouts its exports use ("2024-01-03", "03 January 2024")."""
    if not value:
        return None
    for layout in _ACLED_DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), layout).date()
        except ValueError:
            continue
    return None


def _widen(day: dt.date | None, precision: int | None) -> tuple[dt.date | None, dt.date | None]:
    """ACLED time_precision: 1 the day, 2 within the week around it, 3 within its month."""
    if day is None:
        return None, None
    if precision == 2:
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    if precision == 3:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day, day


def acled_record(row: Mapping[str, str | None], line: int = 0) -> ReferenceRecord:
    """One ACLED row; `location` is the city, `iso` (numeric) wins over the country name."""
    ref_id = _text(row, "event_id_cnty") or _text(row, "data_id") or _text(row, "event_id")
    if ref_id is None:
        raise IngestError(f"line {line}", "an ACLED row without event_id_cnty")
    start, end = _widen(acled_date(_text(row, "event_date")), _int(row.get("time_precision")))
    return ReferenceRecord(
        dataset=ACLED,
        ref_id=ref_id,
        date_start=start,
        date_end=end,
        country=code_from_numeric(_text(row, "iso")) or country_code(_text(row, "country")),
        admin1=_text(row, "admin1"),
        city=_text(row, "location"),
        perpetrators=_names(row, ACLED_PERPETRATOR_COLUMNS),
        killed=_count(_text(row, "fatalities")),
        injured=None,
        summary=_text(row, "notes"),
        data={key: value or "" for key, value in row.items() if key},
    )


READERS: Mapping[str, Callable[[Mapping[str, str | None], int], ReferenceRecord]] = {
    "gtd-csv": gtd_record,
    "acled-csv": acled_record,
}
REQUIRED_COLUMNS: Mapping[str, frozenset[str]] = {
    "gtd-csv": frozenset({"eventid", "iyear", "country_txt"}),
    "acled-csv": frozenset({"event_date", "country"}),
}


def _open_text(path: Path) -> TextIO:
    """The file as text: UTF-8 (with or without BOM) when its start decodes so, else Windows-1252 (GTD's)."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as error:
        encoding = "utf-8-sig" if error.start > len(head) - 4 else "cp1252"
    return path.open(encoding=encoding, errors="replace", newline="")


def read_records(stream: TextIO, format: str) -> Iterator[ReferenceRecord]:
    """Every row of an open CSV stream in `format` (gtd-csv or acled-csv), one at a time."""
    try:
        reader_of = READERS[format]
    except KeyError:
        raise IngestError(format, f"unknown reference format; choose one of {', '.join(READERS)}") from None
    reader = csv.DictReader(stream)
    columns = set(reader.fieldnames or ())
    missing = REQUIRED_COLUMNS[format] - columns
    if missing:
        raise IngestError(format, f"not a {format} file: no column {', '.join(sorted(missing))}")
    for row in reader:
        yield reader_of(row, reader.line_num)


def read_file(path: Path | str, format: str) -> Iterator[ReferenceRecord]:
    """Like `read_records`, opening the file (IngestError when it cannot be read)."""
    source = Path(path).expanduser()
    try:
        stream = _open_text(source)
    except OSError as error:
        raise IngestError(str(source), f"cannot read: {error.strerror or error}") from None
    with stream:
        yield from read_records(stream, format)


def read_text(text: str, format: str) -> list[ReferenceRecord]:
    """Every record of CSV text (tests and small inputs)."""
    return list(read_records(io.StringIO(text), format))
