"""Files a user already has → raw records (CONTRACT §2): a CSV of postings (`import-csv`) or
a saved API response of a crawled family (`import-json`).

Both write atomically (a `.part` file renamed when complete, so the landing sensor and a
half-written file never meet) and never write an output over their input.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from pipelines.sources import CSV_FIELDS, CSV_TEXT_FIELDS
from scrapers.families import Family, ShapeError, load_families, walk
from scrapers.urls import canonical_url


class ImportFileError(ValueError):
    """The file or an option cannot be imported; the message says what to change."""


class MappingError(ImportFileError):
    """The --map option is malformed or names columns the CSV does not have."""


@dataclass
class ImportSummary:
    output: Path
    records: int = 0
    ignored_columns: list[str] = field(default_factory=list)  # row indexes (import-csv)
    skipped: Counter[str] = field(default_factory=Counter)  # not postings, by reason
    rejected: int = 0  # postings without an id (import-json), written to `rejected_path`
    rejected_path: Path | None = None
    warnings: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@contextmanager
def _atomic_output(out_path: Path, *inputs: Path) -> Iterator[IO[str]]:
    """A text file that appears at `out_path` only when the block completes."""
    if any(out_path.resolve() == p.resolve() for p in inputs):
        raise ImportFileError(f"the output {out_path} is the input file: choose another -o")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    part = out_path.with_name(out_path.name + ".part")
    try:
        with part.open("w", encoding="utf-8") as handle:
            yield handle
        os.replace(part, out_path)
    finally:
        part.unlink(missing_ok=True)


def _check_label(label: str | None) -> str | None:
    if label is None:
        return None
    label = label.strip()
    if not label or len(label) > 100 or any(not c.isprintable() for c in label):
        raise ImportFileError("--source-label must be 1 to 100 printable characters")
    return label


# --- import-csv ------------------------------------------------------------------------------

_INDEX_NAME = re.compile(r"Unnamed: \d+")  # what pandas calls a column written without a name
_ENCODING_HINT = "cp949 or euc-kr for Excel files saved in Korea, latin-1 for Western Europe"


@dataclass(frozen=True)
class CsvOptions:
    """How to read a CSV file, and the defaults every one of its rows shares."""

    encoding: str = "utf-8"
    delimiter: str = ","
    line_separator: str | None = None
    source_label: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, for rows whose location names none
    posted_at: str | None = None  # ISO date, for rows the file does not date

    def checked(self) -> CsvOptions:
        """The options validated and normalized, or an `ImportFileError` naming the option."""
        try:
            name = codecs.lookup(self.encoding).name
        except LookupError:
            raise ImportFileError(
                f"--encoding {self.encoding!r} is not an encoding Python knows "
                "(utf-8, utf-8-sig, cp949, euc-kr, latin-1, …)"
            ) from None
        delimiter = {"tab": "\t", "\\t": "\t"}.get(self.delimiter.lower(), self.delimiter)
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise ImportFileError(
                f"--delimiter must be one character such as ',' ';' or tab, not {self.delimiter!r}"
            )
        country = self.country.strip().upper() if self.country else None
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            raise ImportFileError(
                f"--country must be an ISO 3166-1 alpha-2 code (KR, US), not {self.country!r}"
            )
        posted_at = self.posted_at.strip() if self.posted_at else None
        if posted_at is not None:
            try:
                posted_at = date.fromisoformat(posted_at).isoformat()
            except ValueError:
                raise ImportFileError(
                    f"--posted-at must be an ISO date (2024-11-01), not {self.posted_at!r}"
                ) from None
        return CsvOptions(
            encoding=name,
            delimiter=delimiter,
            line_separator=self.line_separator or None,
            source_label=_check_label(self.source_label),
            country=country,
            posted_at=posted_at,
        )

    def envelope(self) -> dict[str, Any]:
        """The record's `csv_options`: what the adapter reads, and how the file was read."""
        options: dict[str, Any] = {"file_encoding": self.encoding, "delimiter": self.delimiter}
        if self.line_separator:
            options["line_separator"] = self.line_separator
        if self.country:
            options["default_country"] = self.country
        if self.posted_at:
            options["default_posted_at"] = self.posted_at
        return options


def _decode(data: bytes, path: Path, encoding: str) -> tuple[str, list[str]]:
    """The file's text, and warnings; bytes the encoding cannot read are a clear error."""
    codec = "utf-8-sig" if encoding == "utf-8" else encoding  # a UTF-8 BOM is not text
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = (
            "it starts with a UTF-16 byte-order mark: pass --encoding utf-16"
            if data[:2] in (b"\xff\xfe", b"\xfe\xff")
            else f"pass --encoding with the file's encoding ({_ENCODING_HINT})"
        )
        raise ImportFileError(
            f"{path.name} is not {encoding} text (byte 0x{data[exc.start]:02x} on line {line}): "
            f"{hint}"
        ) from None
    warnings = []
    if codec not in ("utf-8-sig", "utf-8") and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(
                f"{path.name} is also valid UTF-8: read as {encoding}, its non-ASCII text may "
                "be garbled (leave out --encoding to read it as UTF-8)"
            )
    return text, warnings


def _consecutive(values: list[str]) -> bool:
    try:
        numbers = [int(v) for v in values]
    except ValueError:
        return False
    return (
        bool(numbers)
        and numbers[0] in (0, 1)
        and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    )


def index_columns(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns that only number the rows: pandas' `Unnamed: 0`, an empty header, or `index`
    holding consecutive integers. They are never a posting's URL or text."""
    found = []
    for position, name in enumerate(header):
        values = [row[position].strip() for row in rows if position < len(row)]
        unnamed = not name.strip() or _INDEX_NAME.fullmatch(name.strip())
        if unnamed or (name.strip().lower() == "index" and _consecutive(values)):
            found.append(name)
    return found


def parse_field_map(
    spec: str, header: list[str], index: list[str] | tuple[str, ...] = ()
) -> dict[str, str]:
    """`title=Job Title,description=Job Description` -> {field: column}; '+' joins columns."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if "=" not in part:
            raise MappingError(f"--map entry {part!r} is not field=COLUMN")
        name, column = (x.strip() for x in part.split("=", 1))
        if name not in CSV_FIELDS:
            raise MappingError(f"--map field {name!r} is not one of: {', '.join(CSV_FIELDS)}")
        columns = [c.strip() for c in column.split("+")]
        missing = [c for c in columns if c not in header]
        if missing:
            hint = ""
            if len(header) == 1 and any(d in header[0] for d in ";\t|"):
                hint = " (one column only: is the file delimited by ';' or tab? pass --delimiter)"
            raise MappingError(
                f"--map {name}: column(s) {missing} not in the CSV header {header}{hint}"
            )
        numbered = [c for c in columns if c in index]
        if numbered and name != "id":
            raise MappingError(
                f"--map {name}: {numbered} only numbers the rows (an index column), "
                "it is not a posting's field"
            )
        mapping[name] = column
    if "title" not in mapping:
        raise MappingError("--map must name the title column (title=COLUMN)")
    if not set(CSV_TEXT_FIELDS) & set(mapping):
        raise MappingError("--map must name a text column (description=, required=, duties=, …)")
    return mapping


def _read_rows(text: str, path: Path, delimiter: str) -> tuple[list[str], list[list[str]]]:
    # Posting bodies exceed the csv module's default 128 KiB field limit; bound it, not remove it.
    csv.field_size_limit(min(sys.maxsize, 64 * 1024 * 1024))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [row for row in reader]
    except csv.Error as exc:
        raise ImportFileError(f"{path.name} line {reader.line_num}: not CSV ({exc})") from None
    if not rows:
        raise ImportFileError(f"{path.name} is empty: no header row")
    header, body = rows[0], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    repeated = sorted(name for name, n in Counter(header).items() if n > 1)
    if repeated:
        raise ImportFileError(
            f"{path.name}: the header names {repeated} more than once; rename the columns "
            "so no cell is lost"
        )
    return header, body


def import_csv(csv_path: Path, spec: str, out_path: Path, options: CsvOptions) -> ImportSummary:
    """Write one raw record (CONTRACT §2, source "csv") per CSV row.

    The payload is the row as a dict (header → cell), unchanged; the envelope adds
    `field_map`, `csv_options` (the file's defaults) and `source_label` when given.
    """
    options = options.checked()
    data = csv_path.read_bytes()
    text, warnings = _decode(data, csv_path, options.encoding)
    header, rows = _read_rows(text, csv_path, options.delimiter)
    index = index_columns(header, rows)
    mapping = parse_field_map(spec, header, index)
    crawl_id = f"import-{csv_path.stem}-{hashlib.sha1(data).hexdigest()[:10]}"
    summary = ImportSummary(out_path, ignored_columns=index, warnings=warnings)
    fetched_at, csv_options = _now(), options.envelope()
    position = {name: i for i, name in enumerate(header)}
    ids: Counter[str] = Counter()
    ragged = 0

    def cell(row: list[str], field_name: str) -> str:
        """The first non-empty cell of the columns mapped to `field_name` ("" when unmapped:
        an unmapped field never reads a column, so an index is never anybody's URL)."""
        columns = mapping[field_name].split("+") if field_name in mapping else []
        cells = (row[i] for i in (position[c.strip()] for c in columns) if i < len(row))
        return next((c.strip() for c in cells if c.strip()), "")

    with _atomic_output(out_path, csv_path) as out:
        for number, row in enumerate(rows):
            if len(row) != len(header):
                ragged += 1
            payload: dict[str, Any] = {
                name: (row[i] if i < len(row) else None) for i, name in enumerate(header)
            }
            if len(row) > len(header):
                payload["_extra_cells"] = row[len(header) :]
            row_id = cell(row, "id") or f"{csv_path.stem}:{number}"
            ids[row_id] += 1
            record: dict[str, Any] = {
                "source": "csv",
                "source_posting_id": row_id,
                "url": cell(row, "url") or None,
                "fetched_at": fetched_at,
                "crawl_id": crawl_id,
                "payload": payload,
                "field_map": mapping,
                "csv_options": csv_options,
            }
            if options.source_label:
                record["source_label"] = options.source_label
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            summary.records += 1
    if ragged:
        summary.warnings.append(
            f"{ragged} rows do not have the header's {len(header)} cells "
            "(missing cells are null, extra ones kept under _extra_cells)"
        )
    _warn_repeated_ids(summary, ids, "rows repeat another row's id")
    return summary


def _warn_repeated_ids(summary: ImportSummary, ids: Counter[str], what: str) -> None:
    """A warning when ids repeat: the warehouse keeps one posting per id."""
    repeated = sum(n - 1 for n in ids.values() if n > 1)
    if repeated:
        summary.warnings.append(f"{repeated} {what}: the warehouse keeps one posting per id")


# --- import-json -----------------------------------------------------------------------------


def _documents(path: Path) -> list[Any]:
    """The JSON documents of a file: one response, or one per line (saved pages, JSON Lines)."""
    data = path.read_bytes()
    codec = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path.name} is not UTF-8 JSON ({exc.reason})") from None
    try:
        return [json.loads(text)]
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise ImportFileError(
                f"{path.name} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
    except RecursionError:
        raise ImportFileError(f"{path.name} is nested too deeply to be an API response") from None
    documents = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                documents.append(json.loads(line))
            except (json.JSONDecodeError, RecursionError) as exc:
                raise ImportFileError(
                    f"{path.name} is neither one JSON document nor JSON Lines: line {number}: {exc}"
                ) from None
    return documents


def _xml_documents(path: Path, family: Family) -> list[Any]:
    """An XML feed (Personio) as the JSON-like tree the spider lands (scrapers/xmldoc.py)."""
    from scrapers.xmldoc import XmlError, xml_document

    try:
        return [xml_document(path.read_bytes(), family.xml_lists)]
    except XmlError as exc:
        raise ImportFileError(f"{path.name} is not well-formed XML: {exc}") from None


def _shape(family: Family) -> str:
    where = "/".join(family.list_path)
    listed = f'{{"{where}": [...]}}' if where else "a top-level array"
    detail = (
        f', a detail {{"{"/".join(family.detail_path)}": {{...}}}}' if family.detail_path else ""
    )
    return f'{listed}{detail} or one posting object with "{family.id_key}"'


def postings_in(document: Any, family: Family) -> tuple[list[Any], bool]:
    """The postings of one saved response, and whether they came from a list (whose entries
    carry no text for some families). Raises `ShapeError` when none are where they should be."""
    if family.list_path:
        try:
            entries = walk(document, family.list_path)
        except ShapeError:
            entries = None
        if isinstance(entries, list):
            return entries, True
    elif isinstance(document, list):
        return document, True
    if family.detail_path:
        try:
            detail = walk(document, family.detail_path)
        except ShapeError:
            detail = None
        if isinstance(detail, dict):
            return [detail], False
    if isinstance(document, dict) and family.id_key in document:
        return [document], False
    if isinstance(document, list):  # an array of postings saved without the list envelope
        return document, False
    raise ShapeError(f"no {family.name} postings: expected {_shape(family)}")


def supported_families() -> list[str]:
    return sorted(load_families())


def import_json(
    source: str,
    json_path: Path,
    out_path: Path,
    source_label: str | None = None,
    rejected_path: Path | None = None,
) -> ImportSummary:
    """Write one raw record per posting of a saved API response of `source`'s family.

    Where the postings, ids and URLs are is read from scrapers/families.yaml, the table the
    spiders use. Entries that are not postings (Remote OK's legal notice, deleted HN comments)
    are counted; postings without an id are written to `rejected_path`, never dropped.
    """
    families = load_families()
    if source not in families:
        raise ImportFileError(
            f"import-json reads saved responses of {', '.join(sorted(families))}; "
            f"not {source!r} (for a CSV export use import-csv)"
        )
    family = families[source]
    label = _check_label(source_label)
    documents = (
        _xml_documents(json_path, family) if family.format == "xml" else _documents(json_path)
    )
    rejected_path = rejected_path or out_path.with_name(out_path.name + ".rejected.json")
    summary = ImportSummary(out_path)
    crawl_id = f"import-{json_path.stem}-{hashlib.sha1(json_path.read_bytes()).hexdigest()[:10]}"
    fetched_at = _now()
    rejected: list[dict[str, Any]] = []
    ids: Counter[str] = Counter()
    textless = 0
    with _atomic_output(out_path, json_path) as out:
        for number, document in enumerate(documents):
            try:
                entries, listed = postings_in(document, family)
            except ShapeError as exc:
                where = f"document {number + 1}: " if len(documents) > 1 else ""
                raise ImportFileError(f"{json_path.name}: {where}{exc}") from None
            entries, skipped = family.split(entries)
            summary.skipped.update(skipped)
            envelope = family.envelope_of(document) if listed else {}
            for position, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    rejected.append(
                        {"reason": "not_an_object", "position": position, "entry": entry}
                    )
                    continue
                posting_id = family.posting_id(entry)
                if posting_id is None:
                    rejected.append({"reason": "missing_id", "position": position, "entry": entry})
                    continue
                url = family.posting_url(entry)
                record: dict[str, Any] = {
                    "source": source,
                    "source_posting_id": posting_id,
                    "url": canonical_url(url) if url else None,
                    "fetched_at": fetched_at,
                    "crawl_id": crawl_id,
                    "payload": entry,
                }
                if envelope:
                    record["envelope"] = envelope
                if label:
                    record["source_label"] = label
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                summary.records += 1
                ids[posting_id] += 1
                textless += listed and not family.list_has_text
    if rejected:
        with _atomic_output(rejected_path, json_path) as handle:
            json.dump(rejected, handle, ensure_ascii=False, indent=1)
        summary.rejected, summary.rejected_path = len(rejected), rejected_path
    if textless:
        summary.warnings.append(
            f"{textless} postings come from a {source} list response, which carries no posting "
            "text: normalize reads them from their titles alone, as title-only postings without "
            "skills (save the detail responses for the full text)"
        )
    _warn_repeated_ids(summary, ids, "postings repeat an id")
    return summary
