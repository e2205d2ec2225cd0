"""Normalized postings and quarantined records as Arrow columns.

The Arrow schemas are derived once from the result dataclasses of `pipelines.models`, field
by field from their type hints (`str | None` is a nullable string, `tuple[SkillMention, ...]` a
list of structs, …) and their field metadata (`type: date` for an ISO date, `keys` for a dict
with fixed keys, `batch: False` for a field no single record sets). The warehouse derives its
load tables from these schemas and the CLI writes its JSONL from the same batches, so the
columns are written down in one place: the dataclass.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.dedupe import Requirements, dedupe_text, requirements
from pipelines.models import NormalizedPosting, Quarantined

# Where each row came from: prepended to the posting and quarantine batches.
WHERE = pa.schema([("landing_file", pa.string()), ("line_no", pa.int32())])
# What dedupe needs of each posting, computed where the text is at hand (pipelines.dedupe).
SIGNATURE = pa.schema([("dedupe_company", pa.string()), ("dedupe_bands", pa.list_(pa.uint64()))])

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    float: pa.float64(),
    bool: pa.bool_(),
}
_METADATA_TYPES = {"date": pa.date32(), "json": pa.string()}


def _arrow_type(hint: Any, metadata: typing.Mapping[str, Any]) -> tuple[pa.DataType, bool]:
    """(Arrow type, nullable) of one dataclass field's type hint."""
    args = typing.get_args(hint)
    nullable = isinstance(hint, types.UnionType) and type(None) in args
    if nullable:
        (hint,) = [a for a in args if a is not type(None)]
    if "type" in metadata:
        return _METADATA_TYPES[metadata["type"]], True
    if hint in _SCALARS:
        return _SCALARS[hint], nullable
    if isinstance(hint, type) and issubclass(hint, str):  # a StrEnum: its value
        return pa.string(), nullable
    origin = typing.get_origin(hint)
    if origin is tuple:  # tuple[X, ...]: a list of X
        item = typing.get_args(hint)[0]
        inner = struct_of(item) if dataclasses.is_dataclass(item) else _arrow_type(item, {})[0]
        return pa.list_(inner), nullable
    if origin is dict and "keys" in metadata:  # dict[str, str] with fixed keys: a struct
        value = _arrow_type(typing.get_args(hint)[1], {})[0]
        return pa.struct([(key, value) for key in metadata["keys"]]), nullable
    raise TypeError(f"no Arrow type for {hint!r}")


def struct_of(cls: type) -> pa.StructType:
    """A dataclass as an Arrow struct (its fields nullable, as DuckDB's struct fields are)."""
    hints = typing.get_type_hints(cls)
    return pa.struct(
        [pa.field(f.name, _arrow_type(hints[f.name], f.metadata)[0]) for f in fields_of(cls)]
    )


def fields_of(cls: type) -> list[dataclasses.Field]:
    """The dataclass fields that are batch columns."""
    return [f for f in dataclasses.fields(cls) if f.metadata.get("batch", True)]


def schema_of(cls: type) -> pa.Schema:
    """The Arrow schema of a result dataclass: one column per field, in declaration order."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in fields_of(cls):
        arrow_type, nullable = _arrow_type(hints[f.name], f.metadata)
        out.append(pa.field(f.name, arrow_type, nullable=nullable))
    return pa.schema(out)


POSTING = schema_of(NormalizedPosting)
QUARANTINE = schema_of(Quarantined)
POSTING_BATCH = pa.schema([*WHERE, *POSTING, *SIGNATURE])
QUARANTINE_BATCH = pa.schema([*WHERE, *QUARANTINE])
_POSTING_FIELDS = tuple(f.name for f in dataclasses.fields(NormalizedPosting))


def posting_defaults() -> dict[str, Any]:
    """The value of each posting field that has a default (what a record may leave out)."""
    out = {}
    for f in dataclasses.fields(NormalizedPosting):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return out


class UnwritableValue(ValueError):
    """A value Arrow cannot hold (a lone surrogate in a string, an integer out of range)."""


def _float(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    try:
        return None if value is None or isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        return None


# Values an adapter passes through as the source wrote them ("120000" for a salary): the
# column's own type, or null when they are not one.
_COERCE: dict[pa.DataType, Callable[[Any], Any]] = {pa.float64(): _float, pa.int32(): _int}


def _scalar_column(values: list[Any], arrow_type: pa.DataType) -> pa.Array:
    try:
        return pa.array(values, arrow_type)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        coerce = _COERCE.get(arrow_type)
        if coerce is None:
            raise
        return pa.array([coerce(v) for v in values], arrow_type)


def _list_column(values: list[Sequence[Any]], arrow_type: pa.ListType) -> pa.Array:
    """A list column built from flat arrays and offsets (much faster than nested Python)."""
    offsets = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum([len(v) for v in values], out=offsets[1:])
    flat = [item for value in values for item in value]
    item_type = arrow_type.value_type
    if pa.types.is_struct(item_type):
        children = [pa.array([getattr(item, f.name) for item in flat], f.type) for f in item_type]
        items: pa.Array = pa.StructArray.from_arrays(children, fields=list(item_type))
    else:
        items = pa.array(flat, item_type)
    return pa.ListArray.from_arrays(pa.array(offsets), items)


def _column(values: list[Any], arrow_type: pa.DataType) -> pa.Array:
    if pa.types.is_list(arrow_type):
        return _list_column(values, arrow_type)
    if pa.types.is_struct(arrow_type):  # a dict with fixed keys
        children = [pa.array([v.get(f.name) for v in values], f.type) for f in arrow_type]
        return pa.StructArray.from_arrays(children, fields=list(arrow_type))
    if pa.types.is_date32(arrow_type):  # ISO dates
        text = pa.array(values, pa.string())
        parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
        return parsed.cast(pa.date32())
    return _scalar_column(values, arrow_type)


def _batch(
    schema: pa.Schema, rows: Sequence[Any], where: Sequence[tuple[str | None, int]], extra: dict
) -> pa.RecordBatch:
    columns = [
        pa.array([w[0] for w in where], pa.string()),
        pa.array([w[1] for w in where], pa.int32()),
    ]
    for f in schema:
        if f.name in extra:
            columns.append(extra[f.name])
        elif f.name not in WHERE.names:
            try:
                columns.append(_column([getattr(r, f.name) for r in rows], f.type))
            except (pa.ArrowException, UnicodeEncodeError, OverflowError, TypeError) as error:
                raise UnwritableValue(f"{f.name}: {type(error).__name__}: {error}") from error
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def postings_batch(
    postings: Sequence[NormalizedPosting],
    where: Sequence[tuple[str | None, int]],
    companies: Sequence[str],
    bands: np.ndarray,
) -> pa.RecordBatch:
    """Normalized postings, with where each came from and its dedupe signature (company key,
    band keys: one row of `bands` each), as one batch of POSTING_BATCH. Raises
    UnwritableValue when a value does not fit its column."""
    band_type = SIGNATURE.field("dedupe_bands").type
    rows = np.asarray(bands, dtype=np.uint64)
    band_lists = pa.FixedSizeListArray.from_arrays(pa.array(rows.ravel()), rows.shape[1])
    extra = {
        "dedupe_company": pa.array(list(companies), pa.string()),
        "dedupe_bands": band_lists.cast(band_type),
    }
    return _batch(POSTING_BATCH, postings, where, extra)


def record_text(record: Any) -> str:
    """A quarantined record as JSON text (a line that did not parse stays as it was)."""
    if isinstance(record, str):
        return record
    return json.dumps(record, ensure_ascii=False, default=str)


def quarantine_batch(
    quarantined: Sequence[Quarantined],
    where: Sequence[tuple[str | None, int]],
    records: Sequence[str] | None = None,
) -> pa.RecordBatch:
    """Quarantined records as one batch of QUARANTINE_BATCH. `records`: each one's raw line
    as text, when the caller has it (the record exactly as landed); otherwise the record is
    written as JSON. Strings that cannot be UTF-8 (lone surrogates) become U+FFFD."""
    texts = list(records) if records is not None else [record_text(q.record) for q in quarantined]
    rows = [
        dataclasses.replace(q, record=text, reason=str(q.reason))
        for q, text in zip(quarantined, texts, strict=True)
    ]
    try:
        return _batch(QUARANTINE_BATCH, rows, where, {})
    except UnwritableValue:
        rows = [_scrubbed(r) for r in rows]
        return _batch(QUARANTINE_BATCH, rows, where, {})


def _scrubbed(row: Quarantined) -> Quarantined:
    def clean(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")

    return Quarantined(*(clean(getattr(row, f.name)) for f in dataclasses.fields(row)))


def empty_batch(schema: pa.Schema) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([], schema=schema)


def posting_records(batch: pa.RecordBatch) -> Iterable[dict[str, Any]]:
    """The batch's postings as CONTRACT §3 records (`NormalizedPosting.to_record`'s shape and
    key order; `duplicate_of` null until dedupe sets it)."""
    for row in batch.to_pylist():
        posted = row["posted_at"]
        row["posted_at"] = posted.isoformat() if isinstance(posted, date) else posted
        row["duplicate_of"] = None
        yield {name: row[name] for name in _POSTING_FIELDS}


def quarantine_records(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The batch's quarantined records: where each came from, then Quarantined's fields."""
    return batch.to_pylist()


def band_rows(batch: pa.RecordBatch) -> np.ndarray:
    """The postings' dedupe band keys, one row each (for `Deduplicator.add_signed`)."""
    flat = batch.column("dedupe_bands").flatten().to_numpy(zero_copy_only=False)
    return flat.reshape(batch.num_rows, -1) if batch.num_rows else flat.reshape(0, 0)


def cross_board(
    batch: pa.RecordBatch, sections: str = "section_text"
) -> list[tuple[str, Requirements] | None]:
    """What the cross-board match of `Deduplicator.add_signed` reads of each posting of a
    batch: its text and its `Requirements`, or None for a posting whose language's boards it
    does not cover (or whose `sections` column is null)."""
    columns = [
        batch.column(name).to_pylist()
        for name in (sections, "source", "source_label", "url", "language")
    ]
    out: list[tuple[str, Requirements] | None] = []
    for section_text, source, label, url, language in zip(*columns, strict=True):
        need = None
        if section_text is not None:
            need = requirements(section_text, source or "", label, url, language)
        out.append(None if need is None else (dedupe_text(section_text), need))
    return out
