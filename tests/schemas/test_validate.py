"""check_row refuses what Arrow would accept but the schema's rules do not."""
from __future__ import annotations

import pytest

from cleaners.model import Source
from cleaners.pipeline import clean_source
from schemas.records import RunContext, document_row
from schemas.validate import InvalidRecord, check_row, to_table

TEXT = b"A headline of a few words\n\n" + b"A paragraph of the article that says something. " * 8


@pytest.fixture()
def row() -> dict:
    doc = clean_source(Source("file:///x/article.txt", TEXT, "/x/article.txt"))
    return document_row(doc, "d" * 32, RunContext.now("test"))


def test_a_cleaned_document_row_passes(row):
    check_row("documents", row)
    assert to_table("documents", [row]).num_rows == 1


@pytest.mark.parametrize("change, message", [
    (lambda r: r.pop("body"), "missing column 'body'"),
    (lambda r: r.update(doc_id=None), "'doc_id' must not be null"),
    (lambda r: r.update(kind="recipe"), "kind='recipe' not one of ['article', 'liveblog']"),
    (lambda r: r.update(colour="blue"), "unknown columns ['colour']"),
    (lambda r: r.update(body="  ", post_count=0), "empty body"),
])
def test_a_row_that_breaks_a_rule_is_refused_with_the_rule(row, change, message):
    change(row)
    with pytest.raises(InvalidRecord) as err:
        check_row("documents", row)
    assert message in str(err.value)
    with pytest.raises(InvalidRecord):
        to_table("documents", [row])  # unchecked rows are checked on the way to Arrow
