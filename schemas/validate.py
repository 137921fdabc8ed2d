"""Refuse rows that do not fit the schema, instead of letting it drift.

`to_table` builds an Arrow table with the exact schema (types are checked by
Arrow) after checking what Arrow cannot: required values, allowed values.
"""
from __future__ import annotations

import pyarrow as pa

from schemas.v1 import ENUMS, PARTITION, TABLES


class InvalidRecord(ValueError):
    pass


def check_row(table: str, row: dict) -> None:
    schema = TABLES[table]
    for field in schema:
        if field.name not in row:
            raise InvalidRecord(f"{table}: missing column {field.name!r}")
        if not field.nullable and row[field.name] is None:
            raise InvalidRecord(f"{table}: {field.name!r} must not be null")
    for (tname, col), allowed in ENUMS.items():
        if tname == table and row[col] not in allowed:
            raise InvalidRecord(f"{table}: {col}={row[col]!r} not one of {sorted(allowed)}")
    if table == "documents" and not row["body"].strip() and row["post_count"] == 0:
        raise InvalidRecord("documents: empty body")
    extra = set(row) - set(schema.names) - {PARTITION}
    if extra:
        raise InvalidRecord(f"{table}: unknown columns {sorted(extra)}")


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
