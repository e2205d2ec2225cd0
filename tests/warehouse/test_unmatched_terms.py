"""agg_unmatched_terms: frequent name-like terms in requirement text that no skill matches."""

from __future__ import annotations

import json

import duckdb
import pytest

from warehouse.build import build_models
from warehouse.db import connect
from warehouse.load import insert_postings, load_taxonomy
from warehouse.schema import duplicate_keys, schema_problems

from .conftest import TINY, TINY_PARTITION

# (key, in_scope, required text, preferred text)
POSTINGS = [
    ("u1", True, "• Experience with Presto and Dask\n• Strong Python skills", ""),
    (
        "u2",
        True,
        "Hands-on work with Presto, polars and Terraform.",
        "Nice to have: Dask or FastAPI",
    ),
    ("u3", True, "• Experience with Presto and Dask\n• Strong Python skills", ""),  # copy of u1
    ("u4", False, "Bachelor in Computer Science and fluent English, ideally from Seoul.", ""),
    ("u5", False, "We use FastAPI daily. Knowledge of Presto is a must, Scale too.", "Bachelor"),
    ("u6", True, "You scale systems; at scale, with scale in mind.", "English"),
]


@pytest.fixture
def terms(tmp_path, taxonomy) -> duckdb.DuckDBPyConnection:
    template = json.loads(TINY.read_text(encoding="utf-8").splitlines()[0])
    rows = []
    for line_no, (key, in_scope, required, preferred) in enumerate(POSTINGS, start=1):
        row = dict(template, posting_key=key, source_posting_id=key, line_no=line_no)
        row.update(
            in_scope=in_scope,
            role="data_engineer" if in_scope else "out_of_scope",
            content_hash=f"hash-{key}",
            title=f"Title {key}",
            section_text={"duties": "", "required": required, "preferred": preferred, "other": ""},
        )
        rows.append(json.dumps(row, ensure_ascii=False))
    path = tmp_path / "terms.duckdb"
    conn = connect(path)
    insert_postings(conn, TINY_PARTITION, [json.loads(row) for row in rows])
    conn.execute("insert into posting_duplicates values ('u3', 'u1', 'repost')")
    load_taxonomy(conn, taxonomy)
    build_models(conn)
    conn.close()
    conn = duckdb.connect(str(path), read_only=True)
    yield conn
    conn.close()


def test_terms_no_skill_matches_are_counted_per_canonical_posting(terms):
    got = {
        r[0]: r[1:]
        for r in terms.execute(
            "select term, spelling, postings, required_postings, preferred_postings, "
            "in_scope_postings from agg_unmatched_terms"
        ).fetchall()
    }
    assert got["presto"] == ("Presto", 3, 3, 0, 2)  # u1, u2, u5; u3 is a copy of u1
    assert got["dask"] == ("Dask", 2, 1, 1, 2)
    assert got["fastapi"] == ("FastAPI", 2, 1, 1, 1)  # u5 requires it (out of scope), u2 prefers it


def test_known_terms_common_words_and_single_postings_are_left_out(terms):
    found = {r[0] for r in terms.execute("select term from agg_unmatched_terms").fetchall()}
    assert "python" not in found and "terraform" not in found  # skill aliases
    assert not found & {"bachelor", "english", "computer", "science", "seoul"}  # not_skills, places
    assert "strong" not in found and "hands" not in found  # first word of a bullet or sentence
    assert "scale" not in found  # written lower case more often than as a name
    assert "polars" not in found  # one posting, and never written like a name


def test_each_term_has_an_example_to_read_in_context(terms):
    key, title, context = terms.execute(
        "select example_posting_key, example_title, example_context "
        "from agg_unmatched_terms where term = 'dask'"
    ).fetchone()
    assert key == "u1" and title == "Title u1"  # in scope, under required, first key
    assert "Presto and Dask" in context and "\n" not in context


def test_table_matches_its_documented_schema(terms):
    assert schema_problems(terms, "agg_unmatched_terms") == []
    assert duplicate_keys(terms, "agg_unmatched_terms") == 0
