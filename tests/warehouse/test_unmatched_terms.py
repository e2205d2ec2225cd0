"""agg_unmatched_terms: frequent name-like terms in requirement text that no skill matches."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from warehouse.build import build_models
from warehouse.db import connect
from warehouse.load import insert_postings, load_taxonomy
from warehouse.schema import duplicate_keys, schema_problems

from .conftest import TINY, TINY_PARTITION

# (key, in_scope, required text, preferred text)
POSTINGS = [
    (
        "u1",
        True,
        "• Experience with Fortran and Haskell\n• Strong Python skills",
        "See www.Lab.edu",
    ),
    (
        "u2",
        True,
        "Hands-on work with Fortran, gleam and Terraform.",
        "Nice to have: Haskell or Elixir (www.Lab.edu)",
    ),
    ("u3", True, "• Experience with Fortran and Haskell\n• Strong Python skills", ""),  # copy of u1
    ("u4", False, "Bachelor in Computer Science and fluent English, ideally from Seoul.", ""),
    ("u5", False, "We use Elixir daily. Knowledge of Fortran is a must, Scale too.", "Bachelor"),
    ("u6", True, "You scale systems; at scale, with scale in mind.", "English"),
]


def build(tmp_path, taxonomy, postings, memory_limit: str | None = None) -> Path:
    """A warehouse holding `postings` (key, in_scope, required, preferred), models built."""
    template = json.loads(TINY.read_text(encoding="utf-8").splitlines()[0])
    rows = []
    for line_no, (key, in_scope, required, preferred) in enumerate(postings, start=1):
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
    if memory_limit:
        conn.execute(f"set memory_limit = '{memory_limit}'")
    build_models(conn)
    conn.close()
    return path


@pytest.fixture
def terms(tmp_path, taxonomy) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(str(build(tmp_path, taxonomy, POSTINGS)), read_only=True)
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
    assert got["fortran"] == ("Fortran", 3, 3, 0, 2)  # u1, u2, u5; u3 is a copy of u1
    assert got["haskell"] == ("Haskell", 2, 1, 1, 2)
    assert got["elixir"] == ("Elixir", 2, 1, 1, 1)  # u5 requires it (out of scope), u2 prefers it


def test_known_terms_common_words_and_single_postings_are_left_out(terms):
    found = {r[0] for r in terms.execute("select term from agg_unmatched_terms").fetchall()}
    assert "python" not in found and "terraform" not in found  # skill aliases
    assert not found & {"bachelor", "english", "computer", "science", "seoul"}  # not_skills, places
    assert "strong" not in found and "hands" not in found  # first word of a bullet or sentence
    assert "scale" not in found  # written lower case more often than as a name
    assert "gleam" not in found  # one posting, and never written like a name
    assert "www.lab.edu" not in found  # a web address


def test_each_term_has_an_example_to_read_in_context(terms):
    key, title, context = terms.execute(
        "select example_posting_key, example_title, example_context "
        "from agg_unmatched_terms where term = 'haskell'"
    ).fetchone()
    assert key == "u1" and title == "Title u1"  # in scope, under required, first key
    assert "Fortran and Haskell" in context and "\n" not in context


def test_table_matches_its_documented_schema(terms):
    assert schema_problems(terms, "agg_unmatched_terms") == []
    assert duplicate_keys(terms, "agg_unmatched_terms") == 0


def test_a_huge_posting_takes_memory_linear_in_its_text(tmp_path, taxonomy):
    """Two postings of 0.4 MB of requirements each, every word a new name-like term: the model
    held the whole text once per word (4 GB for one such posting); now it fits in 300 MB."""
    words = " ".join(f"Zq{i}x" for i in range(60_000))  # ~0.4 MB, none of them a known term
    huge = [("h1", True, f"Tools: {words}", ""), ("h2", True, f"Tools: {words}", "")]
    path = build(tmp_path, taxonomy, POSTINGS + huge, memory_limit="300MB")
    with duckdb.connect(str(path), read_only=True) as conn:
        found = dict(conn.execute("select term, postings from agg_unmatched_terms").fetchall())
    assert found["fortran"] == 3  # the small postings' terms are still counted
    assert found["zq1x"] == 2  # words at the start of a huge text are read
