"""The acceptance test on real data: every file of the reference corpus imported with the CLI
into a temporary data directory, `careermarket run` on it, and the answers checked.

It needs the reference corpus beside the project (../shared/corpus): third-party postings that
are not ours to ship, so a clone without it skips this module and says why. The warehouse is
built once for the module (evaluation/real_corpus.py; about a minute on two cores).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from evaluation.corpus import default_corpus
from evaluation.real_corpus import (
    CITY_ST,
    FOCUS_ROLES,
    Build,
    build,
    csv_locations,
    plan,
    reconciliation,
    render_doc,
    unplanned,
    us_state_codes,
)

CORPUS = default_corpus()
pytestmark = pytest.mark.skipif(
    CORPUS is None, reason="reference corpus ../shared/corpus not present on this machine"
)
KOREAN_LABELS = {f.label for f in plan() if f.name.startswith("postings/ko/")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    assert CORPUS is not None
    return build(CORPUS, tmp_path_factory.mktemp("real-corpus"))


@pytest.fixture(scope="module")
def conn(built: Build) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(built.database), read_only=True)
    yield connection
    connection.close()


def test_the_plan_names_every_file_of_the_corpus():
    assert CORPUS is not None
    extra, missing = unplanned(CORPUS)
    assert extra == [], "files eval/real_corpus.yaml does not say how to import"
    assert missing == [], "files eval/real_corpus.yaml names that the corpus lacks"
    assert all(f.reason for f in plan() if f.how == "none")


def test_every_imported_file_landed_records_dated_by_the_file(built, conn):
    for item in built.imported:
        if item.file.how != "none":
            assert item.records > 0, item.file.name
    landed = sum(i.records for i in built.imported)
    assert landed > 5000
    assert conn.execute("select count(*) from raw_postings").fetchone() == (landed,)
    # Landing folders carry the files' own dates, never the day the check ran.
    folders = {
        d for (d,) in conn.execute("select distinct crawl_date from raw_postings").fetchall()
    }
    assert folders == {f.day for f in plan() if f.how != "none"}
    assert datetime.now(UTC).date() not in folders


def test_the_partitions_are_the_landed_folders_of_the_data_dir_used(built, conn):
    # The files' own dates lie outside the project's data/, long before any snapshot date:
    # each landed folder is a partition all the same, and the run warns about none.
    from dagster import DagsterInstance
    from dagster._core.instance.ref import InstanceRef

    from dags.partitions import family_of, registered_keys

    assert "outside" not in built.run_output
    landed = {
        f"{day}|{family_of(source)}"
        for source, day in conn.execute(
            "select distinct source, crawl_date::varchar from raw_postings"
        ).fetchall()
    }
    home = built.root / "dagster_home"
    with DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        assert set(registered_keys(instance)) == landed


def test_raw_equals_normalized_plus_quarantined_in_every_partition(conn):
    partitions = reconciliation(conn)
    assert len(partitions) > 20
    for source, crawl_date, raw, normalized, quarantined in partitions:
        assert raw == normalized + quarantined, (source, crawl_date)
    assert conn.execute("select count(*) from stg_postings").fetchone()[0] > 5000


def test_city_st_locations_resolve_to_the_us(conn):
    """Of the postings whose raw location field reads "City, ST" with ST a US state code, at
    least 98% are filed under US (stg_postings.country beside the raw record's field)."""
    states = set(us_state_codes())
    outcome: Counter[str] = Counter()
    for country, location in csv_locations(conn):
        match = CITY_ST.fullmatch(location)
        if match and match.group(1) in states:
            outcome[country or "(none)"] += 1
    total = sum(outcome.values())
    assert total > 2000, outcome
    assert outcome["US"] / total >= 0.98, outcome


def test_korean_files_resolve_to_korea(conn):
    countries = Counter(
        dict(
            conn.execute(
                "select coalesce(country, '(none)'), count(*) from stg_postings "
                "where source_label in (select unnest($labels)) group by 1",
                {"labels": sorted(KOREAN_LABELS)},
            ).fetchall()
        )
    )
    assert countries["KR"] / sum(countries.values()) >= 0.98, countries


def _share_columns(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return conn.execute(
        """
        select table_name, column_name from information_schema.columns
        where table_name like 'agg\\_%' escape '\\'
          and (column_name like '%share%' or column_name like '%coverage%'
               or column_name = 'must_have_index')
        order by all
        """
    ).fetchall()


def test_no_share_above_one_or_below_zero_in_any_aggregate(conn):
    columns = _share_columns(conn)
    assert len(columns) >= 15
    assert {t for t, _ in columns} >= {
        "agg_role_requirements",
        "agg_role_skill_profile",
        "agg_skill_demand_monthly",
        "agg_skill_cooccurrence",
    }
    for table, column in columns:
        low, high, filled = conn.execute(
            f'select min("{column}"), max("{column}"), count("{column}") from "{table}"'
        ).fetchone()
        assert filled > 0, f"{table}.{column} is never filled"
        assert 0 <= low <= high <= 1, f"{table}.{column} runs from {low} to {high}"


def test_denominators_are_present_and_consistent(conn):
    rows = conn.execute(
        """
        select role, country, postings, postings_with_years, years_stated, years_coverage,
               experience_stated, experience_coverage, no_experience_stated_share,
               degree_stated, degree_coverage, degree_unknown_share,
               min_years_median, newcomer_share, degree_typical, title_only_postings
        from agg_role_requirements
        """
    ).fetchall()
    assert len(rows) > 20
    for row in rows:
        (
            role,
            country,
            n,
            with_years,
            ys,
            ycov,
            es,
            ecov,
            nones,
            ds,
            dcov,
            dunk,
            med,
            newc,
            typ,
            bare,
        ) = row
        where = (role, country)
        assert n > 0, where
        assert with_years == ys, where
        assert 0 <= bare <= n, where
        for stated, coverage in ((ys, ycov), (es, ecov), (ds, dcov)):
            assert 0 <= stated <= n, where
            if bare == 0:
                assert coverage == pytest.approx(stated / n, abs=1e-4), where
            elif coverage is None:  # title-only postings alone, none stating it
                assert stated == 0, where
            else:  # over the postings with text and the title-only ones that state it
                fewest = max(n - bare, stated, 1)  # the fewest that could state it
                assert stated / n - 1e-4 <= coverage <= stated / fewest + 1e-4, where
        if ecov is not None:
            assert nones == pytest.approx(1 - ecov, abs=1e-4), where
        if dcov is not None:
            assert dcov == pytest.approx(1 - dunk, abs=1e-3), where
        assert (med is None) == (ys == 0), where
        assert (newc is None) == (es == 0), where
        assert (typ is None) == (ds == 0), where


def test_stated_counts_match_the_postings(conn):
    """The denominators, recounted from stg_postings for the per-country rows."""
    mismatched = conn.execute(
        """
        with counted as (
            select role, country, count(*) as postings, count(min_years) as years,
                   count(newcomer_ok) as experience, count(degree_min) as degree
            from stg_postings where is_canonical and country in ('KR', 'US') group by all)
        select a.role, a.country
        from agg_role_requirements a join counted c using (role, country)
        where (a.postings, a.years_stated, a.experience_stated, a.degree_stated)
           <> (c.postings, c.years, c.experience, c.degree)
        """
    ).fetchall()
    compared = conn.execute(
        "select count(*) from agg_role_requirements where country in ('KR', 'US')"
    ).fetchone()[0]
    assert compared >= 10
    assert mismatched == []


def test_cross_board_copies_are_found_among_the_korean_files(conn):
    pairs = conn.execute(
        """
        select c.source_label, s.source_label
        from stg_postings s join stg_postings c on c.posting_key = s.duplicate_of
        where s.duplicate_method = 'cross_board'
        """
    ).fetchall()
    korean = [(a, b) for a, b in pairs if a in KOREAN_LABELS and b in KOREAN_LABELS and a != b]
    assert len(korean) >= 5, pairs
    copies = conn.execute(
        "select count(*) from stg_postings where duplicate_method = 'cross_board' and is_canonical"
    ).fetchone()[0]
    assert copies == 0  # a copy is never counted


def test_no_posting_falls_in_the_current_month_unless_its_file_says_so(conn):
    today = datetime.now(UTC).date()
    month = today.replace(day=1)
    defaults = {f.label: f.day for f in plan() if f.day}
    rows = conn.execute(
        "select source_label, posted_at from stg_postings where posting_month = $month",
        {"month": month},
    ).fetchall()
    for label, posted_at in rows:
        file_date: date | None = defaults.get(label)
        said_by_file = file_date is not None and file_date.replace(day=1) == month
        said_by_posting = posted_at is not None and posted_at != file_date
        assert said_by_file or said_by_posting, (label, posted_at)
    undated = conn.execute(
        "select count(*) from stg_postings where posted_at is null and first_seen_date = $today",
        {"today": today},
    ).fetchone()[0]
    assert undated == 0


def test_the_warehouse_says_it_holds_imported_files_only(conn):
    kinds = conn.execute("select kind, postings from dataset").fetchall()
    assert [k for k, _ in kinds] == ["imported"]
    assert kinds[0][1] == conn.execute("select count(*) from stg_postings").fetchone()[0]


def test_the_document_shows_every_table(built, tmp_path: Path):
    text = render_doc(built, advice="(advise output)")
    for heading in (
        "## Files",
        "## Roles, Korea and the US",
        "## Required vs preferred skills, four roles",
        "### KR",
        "### US",
        "## Beside the published figures",
        "## Countries",
        "## Copies",
        "## advise on this warehouse",
    ):
        assert heading in text
    for role in FOCUS_ROLES:
        assert f"**{role}, KR**" in text and f"**{role}, US**" in text
    assert "39.7%" in text  # the Saramin × Jumpit anchor, beside the corpus's own bands
