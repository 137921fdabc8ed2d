"""Refuse rows that do not fit the schema, instead of letting it drift.

`to_table` builds an Arrow table with the exact schema (types are checked by
Arrow) after checking what Arrow cannot: required values, allowed values.
"""
from __future__ import annotations

import functools

import pyarrow as pa

from schemas.v1 import ENUMS, PARTITION, TABLES


class InvalidRecord(ValueError):
    pass


def check_row(table: str, row: dict) -> None:
    names, required, enums, known = _rules(table)
    if len(row) < len(names) or not all(name in row for name in names):
        missing = next(name for name in names if name not in row)
        raise InvalidRecord(f"{table}: missing column {missing!r}")
    for name in required:
        if row[name] is None:
            raise InvalidRecord(f"{table}: {name!r} must not be null")
    for col, allowed in enums:
        if row[col] not in allowed:
            raise InvalidRecord(f"{table}: {col}={row[col]!r} not one of {sorted(allowed)}")
    if table == "documents" and not row["body"].strip() and row["post_count"] == 0:
        raise InvalidRecord("documents: empty body")
    if len(row) > len(names):
        extra = set(row) - known
        if extra:
            raise InvalidRecord(f"{table}: unknown columns {sorted(extra)}")


@functools.lru_cache(maxsize=None)
def _rules(table: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple, frozenset]:
    """A table's checks as plain tuples, read off the Arrow schema once (check_row runs on every
    row, and a pyarrow Field's attributes are slow to read)."""
    schema = TABLES[table]
    names = tuple(schema.names)
    required = tuple(f.name for f in schema if not f.nullable)
    enums = tuple((col, allowed) for (tname, col), allowed in ENUMS.items() if tname == table)
    return names, required, enums, frozenset(names) | {PARTITION}


def to_table(table: str, rows: list[dict], checked: bool = False) -> pa.Table:
    """Rows -> Arrow table with the table's schema (partition column dropped).

    `checked`: every row already passed `check_row` (in the cleaning process); only Arrow's checks remain.
    """
    schema = TABLES[table]
    for row in rows if not checked else ():
        check_row(table, row)
    cols = {f.name: [r[f.name] for r in rows] for f in schema}
    try:
        return pa.Table.from_pydict(cols, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as exc:
        raise InvalidRecord(f"{table}: {exc}") from exc
