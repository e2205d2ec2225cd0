"""The real-corpus check: every file of the reference corpus through the pipeline, as a user
would run it, and the answers read back from the warehouse.

`build(corpus, root)` imports each file eval/real_corpus.yaml lists — `careermarket import-csv`
and `import-json` (the CLI's own commands, run in this process), or the evaluation's readers
for files import-json does not take — into landing folders `<root>/raw/<source>/<date>/`
dated by the file, then runs `careermarket run --data-dir root` in a subprocess and returns the
warehouse. `write_doc` writes docs/real-corpus-check.md from it: figures only, never corpus text.

    .venv/bin/python benchmarks/real_corpus_check.py [--corpus DIR] [--keep DIR] [--write-doc]
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import yaml

from evaluation.corpus import corpus_maps, spec_items
from warehouse.paths import PROJECT_ROOT, DataPaths

PLAN = PROJECT_ROOT / "eval" / "real_corpus.yaml"
DOC = PROJECT_ROOT / "docs" / "real-corpus-check.md"
# The four roles whose required and preferred skills the document shows, and where.
FOCUS_ROLES = ("data_scientist", "data_engineer", "ml_engineer", "mlops_engineer")
COUNTRIES = ("KR", "US")
ADVISE_ARGS = ("--skills", "python,sql,docker", "--years", "26", "--degree", "bachelor")
TOP_SKILLS = 8


@dataclass(frozen=True)
class CorpusFile:
    """One file of the corpus and how the check imports it (eval/real_corpus.yaml)."""

    name: str  # path relative to the corpus directory
    label: str
    how: str  # csv | json | reader | none
    day: date | None = None
    date_basis: str = ""
    country: str | None = None
    source: str | None = None
    spec: dict[str, Any] = field(default_factory=dict)
    extra_map: dict[str, str] = field(default_factory=dict)
    reason: str = ""

    @property
    def landing_source(self) -> str:
        """The landing folder's source family."""
        if self.how == "csv":
            return "csv"
        return self.source or str(self.spec.get("source"))


@dataclass
class Imported:
    file: CorpusFile
    records: int = 0
    seconds: float = 0.0
    output: str = ""  # what the import command printed (counts and warnings)


@dataclass
class Build:
    root: Path
    imported: list[Imported]
    import_seconds: float
    run_seconds: float
    run_output: str

    @property
    def database(self) -> Path:
        return DataPaths(self.root).database


_ENTRY_KEYS = {"label", "import", "date", "date_basis", "country", "source", "spec"}
_ENTRY_KEYS |= {"extra_map", "reason"}
_IMPORTS = {"csv", "json", "reader", "none"}


@functools.cache
def plan() -> tuple[CorpusFile, ...]:
    """The files of eval/real_corpus.yaml, in order."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    maps = corpus_maps()
    files = []
    for name, entry in data["files"].items():
        unknown = set(entry) - _ENTRY_KEYS
        if unknown or entry.get("import") not in _IMPORTS:
            raise ValueError(f"{PLAN.name}: {name}: unknown keys {sorted(unknown)} or import")
        spec = entry.get("spec") or {}
        if spec == "corpus_maps":
            spec = maps["raw"][name]
        if entry["import"] == "csv":
            spec = maps["csv"][name]
        files.append(
            CorpusFile(
                name=name,
                label=entry["label"],
                how=entry["import"],
                day=entry.get("date"),
                date_basis=entry.get("date_basis", ""),
                country=entry.get("country"),
                source=entry.get("source"),
                spec=dict(spec),
                extra_map=dict(entry.get("extra_map") or {}),
                reason=entry.get("reason", ""),
            )
        )
    return tuple(files)


def anchors() -> list[dict[str, Any]]:
    return yaml.safe_load(PLAN.read_text(encoding="utf-8"))["anchors"]


def unplanned(corpus: Path) -> tuple[list[str], list[str]]:
    """Files of the corpus the plan does not name, and files the plan names that are missing."""
    on_disk = {
        p.relative_to(corpus).as_posix()
        for top in ("postings", "raw")
        for p in (corpus / top).rglob("*")
        if p.is_file()
    }
    planned = {f.name for f in plan()}
    return sorted(on_disk - planned), sorted(planned - on_disk)


# --- import ----------------------------------------------------------------------------------


def careermarket_cli(*args: str) -> str:
    """Run one `careermarket` command in this process (the CLI's own click command), returning
    what it printed; a non-zero exit is an error naming the command."""
    from typer.main import get_command

    from careermarket.cli import app

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = get_command(app).main(list(args), "careermarket", standalone_mode=False)
        except SystemExit as exc:  # a command that exits on its own
            code = exc.code
    if code not in (None, 0):
        raise RuntimeError(f"careermarket {' '.join(args[:2])} exited {code}: {out.getvalue()}")
    return out.getvalue()


def _csv_args(file: CorpusFile, path: Path, out: Path) -> list[str]:
    field_map = {**file.spec["field_map"], **file.extra_map}
    args = ["import-csv", str(path), "--map", ",".join(f"{k}={v}" for k, v in field_map.items())]
    args += ["-o", str(out), "--source-label", file.label]
    if file.spec.get("line_separator"):
        args += ["--line-separator", file.spec["line_separator"]]
    if file.country:
        args += ["--country", file.country]
    if file.day:
        args += ["--posted-at", file.day.isoformat()]
    return args


def _write_reader_records(file: CorpusFile, path: Path, corpus: Path, out: Path) -> int:
    """The raw records import-json would write, for a file read by the evaluation's readers."""
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    fetched_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    items = spec_items(file.name, file.spec, corpus)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    with part.open("w", encoding="utf-8") as handle:
        for posting_id, payload in items:
            record = {
                "source": file.spec["source"],
                "source_posting_id": posting_id,
                "url": None,
                "fetched_at": fetched_at,
                "crawl_id": f"import-{path.stem}-{digest}",
                "payload": payload,
                "source_label": file.label,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(part, out)
    return len(items)


def import_file(file: CorpusFile, corpus: Path, root: Path) -> Imported:
    """Land one corpus file under `root` as raw records; nothing for an `import: none` file."""
    started = time.perf_counter()
    result = Imported(file)
    if file.how == "none":
        return result
    path = corpus / file.name
    if file.day is None:
        raise ValueError(f"{file.name}: a landed file needs a date in {PLAN.name}")
    out = DataPaths(root).raw / file.landing_source / file.day.isoformat() / f"{path.stem}.jsonl"
    if file.how == "csv":
        result.output = careermarket_cli(*_csv_args(file, path, out))
    elif file.how == "json":
        rejected = root / "import-rejected" / f"{path.stem}.rejected.json"
        args = ["import-json", str(file.source), str(path), "-o", str(out)]
        args += ["--source-label", file.label, "--rejected", str(rejected)]
        result.output = careermarket_cli(*args)
    elif file.how == "reader":
        _write_reader_records(file, path, corpus, out)
    else:
        raise ValueError(f"{file.name}: unknown import {file.how!r}")
    with out.open(encoding="utf-8") as handle:
        result.records = sum(1 for line in handle if line.strip())
    result.seconds = time.perf_counter() - started
    return result


def build(corpus: Path, root: Path) -> Build:
    """Import every planned file of `corpus` into the data directory `root`, then run the
    pipeline on it (`careermarket run --data-dir root`, a subprocess: Dagster's instance and
    environment stay out of the caller)."""
    started = time.perf_counter()
    imported = [import_file(f, corpus, root) for f in plan()]
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("DAGSTER_HOME", None)  # the run keeps its instance under root/dagster_home
    run = subprocess.run(
        [sys.executable, "-m", "careermarket", "run", "--data-dir", str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"careermarket run failed ({run.returncode}):\n{run.stdout}{run.stderr}")
    return Build(root, imported, import_seconds, time.perf_counter() - started, run.stdout)


def advise_text(root: Path) -> str:
    """`careermarket advise --skills python,sql,docker --years 26 --degree bachelor` on the
    warehouse, as printed (a subprocess, at a fixed width)."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, "-m", "careermarket", "advise", *ADVISE_ARGS, "--data-dir", str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines()).strip()


def checks_not_passing(run_output: str) -> list[str]:
    """The Dagster checks `careermarket run` reported as not passing (its WARN / FAIL lines)."""
    return [
        line.strip()
        for line in run_output.splitlines()
        if line.strip().startswith(("WARN ", "FAIL ", "ERROR "))
    ]


# --- figures ---------------------------------------------------------------------------------

# "City, ST" with ST a US state or territory code (pycountry's ISO 3166-2:US subdivisions).
CITY_ST = re.compile(r"[^,\n]+,\s*([A-Z]{2})")


def us_state_codes() -> list[str]:
    import pycountry

    return sorted(s.code[3:] for s in pycountry.subdivisions.get(country_code="US"))


def csv_locations(conn: duckdb.DuckDBPyConnection) -> Iterator[tuple[str | None, str]]:
    """(stg_postings.country, the raw record's location cells joined by ', ') per posting of an
    imported CSV: the location field as the file wrote it, beside the country the pipeline read."""
    rows = conn.execute(
        """
        select s.country, any_value(r.line)
        from stg_postings s
        join raw_postings r
          on r.source = s.source and r.source_posting_id = s.source_posting_id
         and r.crawl_id = s.crawl_id
        where s.source = 'csv'
        group by s.posting_key, s.country
        """
    ).fetchall()
    for country, line in rows:
        record = json.loads(bytes(line).decode("utf-8"))
        columns = str(record["field_map"].get("location") or "").split("+")
        cells = (str(record["payload"].get(c.strip()) or "").strip() for c in columns if c)
        yield country, ", ".join(c for c in cells if c)


def city_st_countries(conn: duckdb.DuckDBPyConnection) -> Counter[str]:
    """Countries of the CSV postings whose raw location is "City, ST" with ST a US state code."""
    states = set(us_state_codes())
    found: Counter[str] = Counter()
    for country, location in csv_locations(conn):
        match = CITY_ST.fullmatch(location)
        if match and match.group(1) in states:
            found[country or "(none)"] += 1
    return found


def reconciliation(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int, int, int]]:
    """Per landing partition: raw lines, normalized and quarantined records."""
    return conn.execute(
        """
        with r as (select source, crawl_date, count(*) n from raw_postings group by all),
             n as (select source, crawl_date, count(*) n from normalized_postings group by all),
             q as (select source, crawl_date, count(*) n from quarantined_postings group by all)
        select r.source, cast(r.crawl_date as varchar), r.n, coalesce(n.n, 0), coalesce(q.n, 0)
        from r
        left join n using (source, crawl_date)
        left join q using (source, crawl_date)
        order by 2, 1
        """
    ).fetchall()


def title_only_count(conn: duckdb.DuckDBPyConnection) -> int:
    """Normalized postings read from their title alone (no body text)."""
    return conn.execute(
        "select count(*) from normalized_postings where text_status = 'title_only'"
    ).fetchone()[0]


def _pct(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{100 * value:.{digits}f}%"


def _num(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    body = ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    if not body:
        return ["(none)"]
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *body]


def _files_section(conn: duckdb.DuckDBPyConnection, imported: list[Imported]) -> list[str]:
    by_label = {
        label: (n, q, canon, scope)
        for label, n, q, canon, scope in conn.execute(
            """
            with n as (
                select source_label, count(*) as n from normalized_postings group by 1),
            q as (
                select json_extract_string(record, '$.source_label') as source_label,
                       count(*) as n
                from quarantined_postings group by 1),
            s as (
                select source_label, count(*) filter (where is_canonical) as canonical,
                       count(*) filter (where is_canonical and in_scope) as in_scope
                from stg_postings group by 1)
            select coalesce(n.source_label, q.source_label), coalesce(n.n, 0),
                   coalesce(q.n, 0), coalesce(s.canonical, 0), coalesce(s.in_scope, 0)
            from n full join q using (source_label) left join s
              on s.source_label = coalesce(n.source_label, q.source_label)
            """
        ).fetchall()
    }
    rows, seen = [], set()
    for item in imported:
        file = item.file
        if file.how == "none" or file.label in seen:
            continue
        seen.add(file.label)
        records = sum(i.records for i in imported if i.file.label == file.label)
        files = sum(1 for i in imported if i.file.label == file.label)
        n, q, canon, scope = by_label.get(file.label, (0, 0, 0, 0))
        how = {"csv": "import-csv", "json": f"import-json {file.source}", "reader": "reader"}
        rows.append(
            (
                file.label,
                files,
                how[file.how] + ("" if file.how == "json" else f" ({file.landing_source})"),
                file.day.isoformat() if file.day else "–",
                records,
                n,
                q,
                canon,
                scope,
            )
        )
    header = ["label", "files", "imported by", "landing date", "records", "normalized"]
    header += ["quarantined", "canonical", "in scope"]
    skipped = [(Path(i.file.name).name, i.file.reason) for i in imported if i.file.how == "none"]
    return [
        *_table(header, rows),
        "",
        f"Not imported ({len(skipped)} files):",
        "",
        *_table(["file", "why"], skipped),
    ]


def _roles_section(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        """
        select role,
               sum(postings) filter (where country = 'KR') as kr,
               sum(postings) filter (where country = 'US') as us,
               sum(postings) filter (where country = 'ALL') as all_countries
        from agg_role_demand_monthly
        group by role
        order by (role = 'out_of_scope'), all_countries desc, role
        """
    ).fetchall()
    return _table(
        ["role", "KR", "US", "all countries"],
        [(r, _num(kr or 0), _num(us or 0), _num(a or 0)) for r, kr, us, a in rows],
    )


def _skills_section(conn: duckdb.DuckDBPyConnection) -> list[str]:
    lines: list[str] = []
    for role in FOCUS_ROLES:
        for country in COUNTRIES:
            base = conn.execute(
                "select max(role_postings) from agg_role_skill_profile "
                "where role = $role and country = $country",
                {"role": role, "country": country},
            ).fetchone()
            postings = base[0] if base and base[0] is not None else 0
            required = conn.execute(
                """
                select skill_id, required_postings, required_share
                from agg_role_skill_profile
                where role = $role and country = $country and required_postings > 0
                order by required_postings desc, preferred_postings desc, skill_id limit $top
                """,
                {"role": role, "country": country, "top": TOP_SKILLS},
            ).fetchall()
            preferred = conn.execute(
                """
                select skill_id, preferred_postings, preferred_share
                from agg_role_skill_profile
                where role = $role and country = $country and preferred_postings > 0
                order by preferred_postings desc, required_postings desc, skill_id limit $top
                """,
                {"role": role, "country": country, "top": TOP_SKILLS},
            ).fetchall()
            lines += [f"**{role}, {country}** — {postings} canonical postings", ""]
            if not postings:
                lines += ["(no postings)", ""]
                continue
            depth = max(len(required), len(preferred))
            rows = []
            for i in range(depth):
                req = required[i] if i < len(required) else None
                pre = preferred[i] if i < len(preferred) else None
                rows.append(
                    (
                        i + 1,
                        f"{req[0]} {_pct(req[2])} ({req[1]})" if req else "",
                        f"{pre[0]} {_pct(pre[2])} ({pre[1]})" if pre else "",
                    )
                )
            lines += [*_table(["#", "required (share, postings)", "only preferred"], rows), ""]
    return lines


def _requirements_section(conn: duckdb.DuckDBPyConnection, country: str) -> list[str]:
    rows = conn.execute(
        """
        select role, postings, years_stated, years_coverage, min_years_p25, min_years_median,
               min_years_p75, years_small_cell, experience_stated, newcomer_share,
               no_experience_stated_share, degree_stated, degree_coverage, degree_typical,
               degree_small_cell
        from agg_role_requirements
        where country = $country
        order by (role = 'out_of_scope'), postings desc, role
        """,
        {"country": country},
    ).fetchall()
    header = ["role", "postings", "years stated", "coverage", "min years p25/median/p75"]
    header += ["신입 open (of stated)", "experience stated", "no experience stated"]
    header += ["degree stated", "coverage", "typical degree"]
    out = []
    for r in rows:
        (role, n, ys, ycov, p25, med, p75, ysmall, es, newc, nones, ds, dcov, typ, dsmall) = r
        star_y = "*" if ysmall else ""
        star_d = "*" if dsmall else ""
        out.append(
            (
                role,
                n,
                ys,
                _pct(ycov),
                f"{_num(p25)} / {_num(med)} / {_num(p75)}{star_y}" if ys else "–",
                _pct(newc),
                es,
                _pct(nones),
                ds,
                _pct(dcov),
                f"{typ or '–'}{star_d}",
            )
        )
    return _table(header, out)


def years_bands(conn: duckdb.DuckDBPyConnection, country: str) -> list[tuple[str, int, float]]:
    """Canonical postings of a country stating years, by minimum-years band (all roles)."""
    rows = conn.execute(
        """
        with stated as (
            select case
                when min_years = 0 then '0 (신입)'
                when min_years = 1 then '1'
                when min_years = 2 then '2'
                when min_years between 3 and 4 then '3-4'
                when min_years between 5 and 10 then '5-10'
                else 'over 10' end as band
            from stg_postings
            where is_canonical and country = $country and min_years is not null)
        select band, count(*), count(*) / sum(count(*)) over () from stated group by 1
        """,
        {"country": country},
    ).fetchall()
    order = ["0 (신입)", "1", "2", "3-4", "5-10", "over 10"]
    return sorted(rows, key=lambda r: order.index(r[0]))


def _anchor_section(conn: duckdb.DuckDBPyConnection) -> list[str]:
    lines = []
    for anchor in anchors():
        when = f", published {anchor['published']}" if anchor.get("published") else ""
        lines += [f"- **{anchor['name']}** ({anchor['basis']}{when}):"]
        lines += [f"  - {figure}" for figure in anchor["figures"]]
        if anchor.get("note"):
            lines += [f"  - {anchor['note']}"]
        lines += ["  - source: " + ", ".join(f"<{u}>" for u in anchor["urls"])]
    kr = conn.execute(
        """
        select count(*) as postings,
               count(min_years) as years_stated,
               count(newcomer_ok) as experience_stated,
               count(*) filter (where newcomer_ok) as newcomer_open,
               count(degree_min) as degree_stated,
               count(*) filter (where degree_min in ('master', 'phd')) as master_plus,
               count(*) filter (where degree_min = 'none') as no_degree
        from stg_postings where is_canonical and country = 'KR' and in_scope
        """
    ).fetchone()
    assert kr is not None
    n, ys, es, open_, ds, master, none = kr
    bands = years_bands(conn, "KR")
    lines += [
        "",
        "The same questions on this corpus's Korean postings (canonical, in-scope roles unless "
        "said):",
        "",
        *_table(
            ["measure", "this corpus", "rests on"],
            [
                (
                    "minimum years 5-10 (all KR roles, of postings stating years)",
                    _pct(next((s for b, _, s in bands if b == "5-10"), 0.0), 1),
                    f"{sum(c for _, c, _ in bands)} postings stating years",
                ),
                (
                    "minimum years 0 / 신입 (all KR roles, of postings stating years)",
                    _pct(next((s for b, _, s in bands if b.startswith("0")), 0.0), 1),
                    f"{sum(c for _, c, _ in bands)} postings stating years",
                ),
                ("postings stating years", _pct(ys / n if n else None, 1), f"{n} postings"),
                (
                    "open to 신입 / 경력 무관, of postings that say",
                    _pct(open_ / es if es else None, 1),
                    f"{es} postings stating experience",
                ),
                ("open to 신입 / 경력 무관, of all", _pct(open_ / n if n else None, 1), f"{n}"),
                (
                    "asking a master's or PhD, of all",
                    _pct(master / n if n else None, 1),
                    f"{n} ({ds} state a degree)",
                ),
                (
                    "학력 무관 (no degree), of postings stating a degree",
                    _pct(none / ds if ds else None, 1),
                    f"{ds} postings stating a degree",
                ),
            ],
        ),
        "",
        "Minimum years asked, all Korean postings that state years (the bands of the "
        "Saramin × Jumpit report are its own; these are the posting's lowest stated years):",
        "",
        *_table(["minimum years", "postings", "share"], [(b, c, _pct(s, 1)) for b, c, s in bands]),
    ]
    return lines


def _dedupe_section(conn: duckdb.DuckDBPyConnection) -> list[str]:
    methods = conn.execute(
        "select duplicate_method, count(*) from stg_postings where duplicate_of is not null "
        "group by 1 order by 2 desc"
    ).fetchall()
    pairs = conn.execute(
        """
        select c.source_label, s.source_label, count(*)
        from stg_postings s join stg_postings c on c.posting_key = s.duplicate_of
        where s.duplicate_method = 'cross_board'
        group by all order by 3 desc, 1, 2
        """
    ).fetchall()
    return [
        *_table(["method", "postings pointing at a canonical one"], methods),
        "",
        "Cross-board copies by pair of files:",
        "",
        *_table(["canonical in", "copy in", "postings"], pairs),
    ]


def _countries_section(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        """
        select coalesce(country, '(none)'), count(*) filter (where language = 'en'),
               count(*) filter (where language = 'ko'), count(*)
        from stg_postings where is_canonical group by 1 order by 4 desc, 1 limit 15
        """
    ).fetchall()
    found = city_st_countries(conn)
    total, us = sum(found.values()), found["US"]
    rest = [(c, n) for c, n in found.most_common() if c != "US"]
    share = us / total if total else None
    return [
        *_table(["country", "English postings", "Korean postings", "canonical postings"], rows),
        "",
        f'Imported CSV rows whose location is "City, ST" with ST a US state code: {total} '
        f"postings, {us} resolved to US "
        f"({_pct(share, 2)}; the acceptance test asks at least 98%). The rest: "
        + (", ".join(f"{c} {n}" for c, n in rest) or "none")
        + ".",
    ]


def _months_section(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        """
        select year(posting_month), count(*),
               count(*) filter (where posted_at is not null),
               count(*) filter (where posted_at is null)
        from stg_postings group by 1 order by 1
        """
    ).fetchall()
    return _table(["year", "postings", "dated by the posting", "dated by the file"], rows)


def render_doc(build_result: Build, advice: str) -> str:
    """docs/real-corpus-check.md: the tables of the real-corpus warehouse, figures only."""
    conn = duckdb.connect(str(build_result.database), read_only=True)
    try:
        rec = reconciliation(conn)
        raw, norm, quar = (sum(r[i] for r in rec) for i in (2, 3, 4))
        reasons = conn.execute(
            "select reason, count(*) from quarantined_postings group by 1 order by 2 desc, 1"
        ).fetchall()
        files = len(plan())
        landed = sum(1 for f in plan() if f.how != "none")
        bare = title_only_count(conn)
        lines = [
            "# The real-corpus check",
            "",
            "Generated by `.venv/bin/python benchmarks/real_corpus_check.py --write-doc` "
            "(evaluation/real_corpus.py): every file of the reference corpus (`shared/corpus`, "
            "third-party postings that are not part of this repository) imported the way a user "
            "would — `careermarket import-csv` / `import-json`, or the evaluation's readers for "
            "files import-json does not take (eval/real_corpus.yaml says which, and why) — "
            "landed in folders dated by the file, and run with `careermarket run --data-dir`. "
            "Figures only: no corpus text. tests/test_real_corpus.py asserts the same warehouse.",
            "",
            f"{files} files, {landed} imported; {raw} raw records = {norm} normalized "
            f"({bare} of them title-only: a title and no body text) + {quar} quarantined"
            + (" (" + ", ".join(f"{r} {n}" for r, n in reasons) + ")" if reasons else "")
            + ".",
            "",
            "Dates: postings are dated by their own date where the file has one, else by the "
            "file's date (`--posted-at`, and the landing folder for API responses), never by "
            "the day of the check.",
            "",
            "## Files",
            "",
            "`records` are the raw records landed; the two HN files keep their `who_is_hiring` "
            "comments and leave out their `direct` job-story items (pages cut at 2,000 "
            "characters), as the evaluation does (eval/corpus_maps.yaml). List responses whose "
            "entries carry no text are imported all the same: an entry with a title is a "
            "title-only posting (text_status title_only: role from the title, no skills), one "
            "without is quarantined as empty_text.",
            "",
            *_files_section(conn, build_result.imported),
            "",
            "Dagster checks of the run that did not pass: "
            + (", ".join(f"`{c}`" for c in checks_not_passing(build_result.run_output)) or "none")
            + ".",
            "",
            "## Postings by year",
            "",
            *_months_section(conn),
            "",
            "## Roles, Korea and the US",
            "",
            "Canonical postings per role (a job copied across boards or files counts once).",
            "",
            *_roles_section(conn),
            "",
            "## Required vs preferred skills, four roles",
            "",
            "From agg_role_skill_profile: the skills most often named under requirements "
            "(자격요건), and those most often named only as preferred (우대사항), with the share "
            "of the role's canonical postings.",
            "",
            *_skills_section(conn),
            "## Years, degree and 신입 per role, with their denominators",
            "",
            "From agg_role_requirements. Each figure rests on the postings that state it: "
            "`coverage` = stated / postings; `*` marks a small cell (fewer stating postings "
            "than the small-cell threshold). 신입 open is the share open to newcomers among the "
            "postings that say either way.",
            "",
            "### KR",
            "",
            *_requirements_section(conn, "KR"),
            "",
            "### US",
            "",
            *_requirements_section(conn, "US"),
            "",
            "## Beside the published figures",
            "",
            "Found with the project's page search; each figure is the report's own, as quoted "
            "by the cited articles. The reports count postings of whole boards (all developer "
            "roles, the board's own experience field); this corpus is a few hundred Korean "
            "postings read from their text, so the comparison is of direction, not of level.",
            "",
            *_anchor_section(conn),
            "",
            "## Countries",
            "",
            *_countries_section(conn),
            "",
            "## Copies",
            "",
            *_dedupe_section(conn),
            "",
            "## advise on this warehouse",
            "",
            "`careermarket advise " + " ".join(ADVISE_ARGS) + " --data-dir <real-corpus dir>`:",
            "",
            "```text",
            advice,
            "```",
            "",
        ]
    finally:
        conn.close()
    return "\n".join(lines)


def summary_lines(build_result: Build) -> list[str]:
    """A few lines for the terminal: counts and timings."""
    conn = duckdb.connect(str(build_result.database), read_only=True)
    try:
        rec = reconciliation(conn)
        bare = title_only_count(conn)
        found = city_st_countries(conn)
        methods = Counter(
            dict(
                conn.execute(
                    "select duplicate_method, count(*) from stg_postings "
                    "where duplicate_of is not null group by 1"
                ).fetchall()
            )
        )
    finally:
        conn.close()
    raw, norm, quar = (sum(r[i] for r in rec) for i in (2, 3, 4))
    return [
        f"imported {sum(i.records for i in build_result.imported)} records from "
        f"{sum(1 for i in build_result.imported if i.file.how != 'none')} files in "
        f"{build_result.import_seconds:.1f}s; careermarket run {build_result.run_seconds:.1f}s",
        f"raw {raw} = normalized {norm} (title-only {bare}) + quarantined {quar}",
        f'"City, ST" US postings resolved to US: {found["US"]} of {sum(found.values())}',
        "duplicates: " + ", ".join(f"{m} {n}" for m, n in methods.most_common()),
    ]
