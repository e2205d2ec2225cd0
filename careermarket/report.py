"""`careermarket report`: one self-contained HTML page of charts (Plotly, its JavaScript inlined).

The page needs no network to open: plotly.js is written into it, and so is every figure's data.
Text is Korean and English; the page asks for a CJK font (Noto Sans CJK KR and friends).
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

from warehouse.dataset import EXAMPLE
from warehouse.report_data import ReportData

FONT = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
REQUIRED, PREFERRED = "#1f4e9c", "#f2a541"
KOREA, WORLD = "#c8102e", "#4a6fa5"
DEGREES = [
    ("degree_none_share", "학력무관 none", "#b8d8ba"),
    ("degree_high_school_share", "고졸 high school", "#d9dbbc"),
    ("degree_associate_share", "전문학사 associate", "#fcddbc"),
    ("degree_bachelor_share", "학사 bachelor", "#6c91c2"),
    ("degree_master_share", "석사 master", "#3a5a8c"),
    ("degree_phd_share", "박사 PhD", "#1b2f4f"),
    ("degree_unknown_share", "미기재 not stated", "#dddddd"),
]
CONFIG = {"displaylogo": False, "responsive": True}


def _role_label(name_ko: str | None, name_en: str | None, role: str, small: bool = False) -> str:
    return f"{name_ko or role}{'*' if small else ''} · {name_en or role}"


def _layout(fig: go.Figure, title: str, height: int, **kwargs) -> go.Figure:
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": FONT, "size": 13},
        "height": height,
        "margin": {"l": 60, "r": 30, "t": 80, "b": 60},
        "legend": {"orientation": "h", "y": -0.15},
        "template": "plotly_white",
    }
    fig.update_layout(**(layout | kwargs))
    return fig


def monthly_demand(data: ReportData) -> go.Figure:
    df = data.monthly_demand.copy()
    df["month"] = pd.to_datetime(df["month"]).dt.strftime("%Y-%m")
    months = sorted(df["month"].unique())
    partial = sorted(set(df.loc[df["is_partial_month"], "month"]))
    fig = go.Figure()
    totals = df.groupby("role")["postings"].sum().sort_values(ascending=False)
    for n, role in enumerate(totals.index):
        rows = df[df["role"] == role].set_index("month").reindex(months)
        first = df[df["role"] == role].iloc[0]
        fig.add_bar(
            x=months,
            y=rows["postings"].fillna(0).astype(int).tolist(),
            name=f"{first['name_ko']} ({first['name_en']})",
            marker_color=qualitative.Safe[n % len(qualitative.Safe)],
            # The month the data stop in is hatched: it is not over, so it is not a drop.
            marker_pattern_shape=["/" if m in partial else "" for m in months],
        )
    through = data.summary.get("data_through")
    for month in partial:
        height = int(df.loc[df["month"] == month, "postings"].sum())
        fig.add_annotation(
            x=month,
            y=height,
            text=f"부분 월 partial month<br>data through {through}",
            showarrow=False,
            yshift=24,
            font={"size": 11, "color": "#555"},
        )
    return _layout(
        fig,
        "월별 직무별 공고 수 · Postings by role and month (every country; hatched: partial month)",
        480,
        barmode="stack",
        xaxis_title="month",
        yaxis_title="postings",
    )


def skill_profile(data: ReportData) -> go.Figure:
    df = data.skill_profile
    roles = list(dict.fromkeys(df["role"]))
    cols = 3
    rows = max(1, math.ceil(len(roles) / cols))
    titles = []
    for role in roles:
        first = df[df["role"] == role].iloc[0]
        star = "*" if first["small_cell"] else ""
        titles.append(
            f"<b>{first['role_name_ko']}{star}</b> (n={first['role_postings']})"
            f"<br>{first['role_name_en']}"
        )
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles,
        horizontal_spacing=0.14,
        vertical_spacing=0.1,
    )
    for n, role in enumerate(roles):
        part = df[df["role"] == role]
        where = {"row": n // cols + 1, "col": n % cols + 1}
        for column, name, colour in (
            ("required_share", "필수 required (자격요건)", REQUIRED),
            ("preferred_share", "우대 preferred (우대사항)", PREFERRED),
        ):
            fig.add_trace(
                go.Bar(
                    x=part[column].tolist(),
                    y=part["skill_name_en"].tolist(),
                    orientation="h",
                    name=name,
                    marker_color=colour,
                    legendgroup=column,
                    showlegend=n == 0,
                ),
                **where,
            )
        fig.update_yaxes(autorange="reversed", **where)
        fig.update_xaxes(range=[0, 1], tickformat=".0%", **where)
    fig.update_annotations(font_size=12)
    return _layout(
        fig,
        "직무별 필수 vs 우대 기술 · Top skills per role: required vs preferred share of postings",
        330 * rows + 120,
        barmode="group",
        legend={"orientation": "h", "y": -0.04, "x": 0, "xanchor": "left", "yanchor": "top"},
        margin={"l": 60, "r": 30, "t": 130, "b": 70},
    )


ROLE_AXIS = {"autorange": "reversed", "automargin": True}
WIDE_LEFT = {"l": 60, "r": 40, "t": 80, "b": 60}


def _korea_and_world(data: ReportData) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    df = data.roles_by_country
    world = df[df["country"] == "ALL"]
    korea = df[df["country"] == "KR"].set_index("role")
    labels = [_role_label(r.name_ko, r.name_en, r.role, r.small_cell) for r in world.itertuples()]
    return world, korea, labels


def _korea_and_world_bars(
    data: ReportData, column: str, counts: bool, denominator: str = "postings"
) -> go.Figure:
    """One horizontal bar per role for Korea and one for every country, of `column`; with
    `counts`, each bar is labelled with its number of postings, else with its share of the
    `denominator` postings it rests on ("40% of 5")."""
    world, korea, labels = _korea_and_world(data)
    missing = 0.0 if counts else None  # no Korean posting: a share of 0, a newcomer rate unknown
    series = (
        (
            "한국 Korea",
            KOREA,
            [korea[column].get(r, missing) for r in world["role"]],
            [int(korea[denominator].get(r, 0)) for r in world["role"]],
        ),
        ("전체 worldwide", WORLD, world[column].tolist(), world[denominator].tolist()),
    )
    fig = go.Figure()
    for name, colour, x, postings in series:
        shares = [None if v is None or v != v else v for v in x]
        text = (
            [str(p) for p in postings]
            if counts
            else [
                f"{v:.0%} of {p}" if v is not None else f"– ({p} state it)"
                for v, p in zip(shares, postings, strict=True)
            ]
        )
        fig.add_bar(y=labels, x=shares, text=text, name=name, orientation="h", marker_color=colour)
    return fig


def korea_vs_world(data: ReportData) -> go.Figure:
    fig = _korea_and_world_bars(data, "market_share", counts=True)
    fig.update_traces(textposition="outside")
    return _layout(
        fig,
        "한국 vs 전체: 직무별 공고 비중 · Share of in-scope postings by role (labels: postings)",
        620,
        barmode="group",
        xaxis={"tickformat": ".0%", "title": "share of in-scope postings", "rangemode": "tozero"},
        yaxis=ROLE_AXIS,
        margin=WIDE_LEFT,
    )


def years_distribution(data: ReportData) -> go.Figure:
    df = data.years
    world = data.roles_by_country[data.roles_by_country["country"] == "ALL"].set_index("role")
    order = df.groupby("role")["min_years"].median().sort_values().index
    fig = go.Figure()
    for n, role in enumerate(order):
        part = df[df["role"] == role]
        first = part.iloc[0]
        postings = int(world["postings"].get(role, len(part)))
        star = "*" if bool(world["years_small_cell"].get(role, False)) else ""
        fig.add_box(
            x=part["min_years"].tolist(),
            name=_role_label(first["name_ko"], first["name_en"], role)
            + f"{star} (n={len(part)} of {postings})",
            orientation="h",
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker_color=qualitative.Safe[n % len(qualitative.Safe)],
            showlegend=False,
        )
    return _layout(
        fig,
        "직무별 최소 경력 분포 · Minimum years asked, per role: n postings state years, of all",
        560,
        xaxis={"title": "minimum years (신입 = 0)", "rangemode": "tozero", "dtick": 1},
        yaxis=ROLE_AXIS,
        margin=WIDE_LEFT,
    )


def degree_mix(data: ReportData) -> go.Figure:
    world, _, labels = _korea_and_world(data)
    fig = go.Figure()
    for column, name, colour in DEGREES:
        fig.add_bar(
            y=labels, x=world[column].tolist(), name=name, orientation="h", marker_color=colour
        )
    return _layout(
        fig,
        "직무별 학력 요건 · Lowest degree the requirements ask for, per role (every country)",
        560,
        barmode="stack",
        legend={"orientation": "h", "y": -0.15, "traceorder": "normal"},
        xaxis={"tickformat": ".0%", "range": [0, 1]},
        yaxis=ROLE_AXIS,
        margin=WIDE_LEFT,
    )


def newcomer_share(data: ReportData) -> go.Figure:
    fig = _korea_and_world_bars(
        data, "newcomer_share", counts=False, denominator="experience_stated"
    )
    fig.update_traces(textposition="outside", cliponaxis=False)
    return _layout(
        fig,
        "신입 지원 가능 비율 · Open to newcomers (신입 가능 / entry level), of the postings that say "
        "(labels: share of n stating it)",
        560,
        barmode="group",
        xaxis={
            "tickformat": ".0%",
            "title": "newcomer-eligible share of postings stating experience",
            "rangemode": "tozero",
        },
        yaxis=ROLE_AXIS,
        margin=WIDE_LEFT | {"r": 110},  # room for the "50% of 8" labels
    )


def _degree_note(data: ReportData) -> str:
    """The typical degree per role, with how many postings state one (every country)."""
    world = data.roles_by_country[data.roles_by_country["country"] == "ALL"]
    parts = []
    for r in world.itertuples():
        typical = r.degree_typical if isinstance(r.degree_typical, str) else "–"
        star = "*" if r.degree_small_cell else ""
        parts.append(
            f"{html.escape(r.name_en or r.role)}: {html.escape(typical)}{star} "
            f"({r.degree_stated} of {r.postings} state a degree)"
        )
    return (
        "<p class='note'>Typical (median) degree of the postings that state one · "
        + " · ".join(parts)
        + ". * fewer stating postings than the small-cell threshold: a hint, not the role's "
        "typical degree.</p>"
    )


def _newcomer_note(data: ReportData) -> str:
    world = data.roles_by_country[data.roles_by_country["country"] == "ALL"]
    stated = int(world["experience_stated"].sum())
    total = int(world["postings"].sum())
    return (
        "<p class='note'>A posting that says nothing about experience is not counted as closed "
        f"to newcomers: the shares are over the {stated} of {total} in-scope postings that say "
        "(신입 / 경력 무관 / entry level, or years required); "
        f"{total - stated} say nothing.</p>"
    )


def _years_note(data: ReportData) -> str:
    world = data.roles_by_country[data.roles_by_country["country"] == "ALL"]
    stated, total = int(world["years_stated"].sum()), int(world["postings"].sum())
    return (
        f"<p class='note'>{stated} of {total} in-scope postings state a minimum of years; the "
        "boxes describe those postings only, not the rest. * fewer than the small-cell "
        "threshold.</p>"
    )


CHARTS = (
    ("monthly", "월별 수요 · Demand by month", monthly_demand, None),
    ("skills", "필수 vs 우대 · Required vs preferred", skill_profile, None),
    ("country", "한국 vs 전체 · Korea vs worldwide", korea_vs_world, None),
    ("years", "경력 · Years of experience", years_distribution, _years_note),
    ("degree", "학력 · Degree", degree_mix, _degree_note),
    ("newcomer", "신입 · Newcomers", newcomer_share, _newcomer_note),
)

STYLE = """
body { font-family: %(font)s; margin: 0 auto; max-width: 1280px; padding: 24px 32px; color: #222; }
h1 { font-size: 28px; margin-bottom: 4px; }
h2 { font-size: 20px; margin: 36px 0 4px; border-top: 1px solid #ddd; padding-top: 20px; }
p.lead, p.note { color: #555; line-height: 1.5; }
p.example { background: #fff3cd; border: 2px solid #c98a00; padding: 12px 16px; font-size: 17px; }
nav a { margin-right: 14px; color: #1f4e9c; }
"""


def _example_banner(data: ReportData) -> str:
    """A banner over everything when the data include the made-up example snapshot."""
    dataset = data.summary.get("dataset") or {}
    if not dataset.get("example_data"):
        return ""
    kinds = dataset["kinds"]
    example, total = kinds.get(EXAMPLE, 0), sum(kinds.values())
    which = "Every posting" if example == total else f"{example} of the {total} postings"
    return (
        f"<p class='example'><b>예시 데이터 · Example data.</b> {which} in this report comes "
        "from the snapshot bundled with careermarket: made up to show and test the pipeline, "
        "<b>not the job market</b>. 실제 채용 시장이 아닌, 파이프라인을 보여 주기 위해 만든 예시 "
        "공고입니다. To read the real market, crawl or import postings (README: Getting real "
        "data).</p>"
    )


def _intro(data: ReportData) -> str:
    s = data.summary
    first = s["first_month"].strftime("%Y-%m") if s["first_month"] else "–"
    last = s["last_month"].strftime("%Y-%m") if s["last_month"] else "–"
    kinds = (s.get("dataset") or {}).get("kinds") or {}
    made_of = " · ".join(f"{kind} {n}" for kind, n in kinds.items())
    partial = sorted(set(data.monthly_demand.loc[data.monthly_demand["is_partial_month"], "month"]))
    partial_note = (
        f"{', '.join(pd.Timestamp(m).strftime('%Y-%m') for m in partial)}: partial month "
        f"(data through {s['data_through']}), hatched; its count is not a drop. "
        if partial
        else ""
    )
    return (
        f"{_example_banner(data)}"
        f"<p class='lead'>{s['in_scope_postings']}개 ML·AI·데이터 공고 (한국 {s['korea_postings']}개) — "
        f"{s['in_scope_postings']} in-scope job postings ({s['korea_postings']} in Korea) out of "
        f"{s['canonical_postings']} distinct jobs from {s['sources']} sources, {first} to {last}. "
        "Each job is counted once (reposts and cross-source copies are left out). "
        "자격요건 (required) is what to prepare; 우대사항 (preferred) is a bonus.</p>"
        f"<p class='note'>Data: {html.escape(made_of or '–')} postings. {partial_note}"
        "Years, 신입 and degree figures are over the postings that state them, shown beside "
        "each. * small cell: fewer postings than the small-cell threshold (default 5) — "
        "read its shares as hints, not rates. "
        f"Taxonomy {html.escape(str(s['taxonomy_version']))}.</p>"
    )


def render_report(data: ReportData) -> str:
    """The whole page as HTML text (deterministic for the same data)."""
    sections = []
    for key, heading, build, note in CHARTS:
        figure = build(data).to_html(
            full_html=False, include_plotlyjs=False, div_id=f"chart-{key}", config=CONFIG
        )
        sections.append(
            f"<section id='{key}'><h2>{html.escape(heading)}</h2>{figure}"
            f"{note(data) if note else ''}</section>"
        )
    nav = " ".join(f"<a href='#{key}'>{html.escape(heading)}</a>" for key, heading, *_ in CHARTS)
    example = bool((data.summary.get("dataset") or {}).get("example_data"))
    title = "careermarket — ML·AI·MLOps·데이터 채용 시장" + (
        " (예시 데이터 · example data)" if example else ""
    )
    return (
        "<!DOCTYPE html>\n<html lang='ko'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{STYLE % {'font': FONT}}</style>\n"
        f"<script type='text/javascript'>{get_plotlyjs()}</script>\n"
        "</head>\n<body>\n"
        "<h1>careermarket — ML·AI·MLOps·데이터 채용 시장 리포트"
        + (" <small>(예시 데이터 · example data)</small>" if example else "")
        + "</h1>\n"
        f"{_intro(data)}\n<nav>{nav}</nav>\n" + "\n".join(sections) + "\n</body>\n</html>\n"
    )


def write_report(data: ReportData, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data), encoding="utf-8")
    return out
