"""`careermarket report` on the snapshot: the page opens in a real headless Chromium with no
network, every chart is drawn (SVG in the DOM, its colours in the screenshot), Korean included.

Chromium and a CJK font come from Debian (.ci/ensure-browser installs them when missing): this
test installs what it needs or fails, it never skips.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from careermarket.cli import app
from careermarket.report import KOREA, PREFERRED, REQUIRED, render_report
from warehouse.paths import PROJECT_ROOT
from warehouse.report_data import load_report_data

runner = CliRunner()
ENSURE_BROWSER = PROJECT_ROOT / ".ci" / "ensure-browser"
WIDTH, HEIGHT = 1300, 5200


@pytest.fixture(scope="module")
def chromium() -> str:
    done = subprocess.run(
        [str(ENSURE_BROWSER)], capture_output=True, text=True, timeout=1200, check=False
    )
    assert done.returncode == 0, done.stderr
    binary = shutil.which("chromium")
    assert binary, "chromium is not on PATH after .ci/ensure-browser"
    fonts = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=True)
    assert fonts.stdout.strip(), "no font with Korean glyphs is installed"
    return binary


@pytest.fixture(scope="module")
def report_file(snapshot_data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = runner.invoke(app, ["report", "--out", str(out), "--data-dir", str(snapshot_data)])
    assert result.exit_code == 0, result.output
    assert "6 charts" in result.output
    return out


def headless(binary: str, profile: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    """Chromium, headless, with every network request sent to a dead proxy."""
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--hide-scrollbars",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=15000",
        *args,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


class ChartCounter(HTMLParser):
    """Per chart div (id chart-*): its classes, Plotly SVG layers, traces and text."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.charts: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        chart = self.stack[-1][1] if self.stack else None
        if (attributes.get("id") or "").startswith("chart-"):
            chart = attributes["id"]
            self.charts[chart] = {
                "classes": classes,
                "svg": 0,
                "canvas": 0,
                "traces": 0,
                "text": [],
            }
        if chart:
            counts = self.charts[chart]
            counts["svg"] += tag == "svg" and "main-svg" in classes
            counts["canvas"] += tag == "canvas"
            counts["traces"] += tag == "g" and "trace" in classes
        if tag not in self.VOID:
            self.stack.append((tag, chart))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and data.strip():
            self.charts[self.stack[-1][1]]["text"].append(data.strip())


def read_png(path: Path) -> np.ndarray:
    """RGB pixels of an 8-bit, non-interlaced RGB(A) PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + size]
        pos += 12 + size
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour, _, _, interlace = header
    assert (depth, interlace) == (8, 0) and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), np.uint8).reshape(height, -1)
    pixels = np.zeros((height, width * bpp), np.uint8)
    prev = np.zeros(width * bpp, np.int32)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 1:
            cur = np.concatenate([np.cumsum(line[c::bpp]) for c in range(bpp)])
            cur = cur.reshape(bpp, -1).T.reshape(-1) & 255
        elif kind == 2:
            cur = (line + prev) & 255
        else:
            out, up = line.tolist(), prev.tolist()
            for i in range(len(out)):
                a = out[i - bpp] if i >= bpp else 0
                b = up[i]
                if kind == 3:
                    out[i] = (out[i] + ((a + b) >> 1)) & 255
                    continue
                c = up[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            cur = np.array(out, np.int32)
        pixels[y] = cur
        prev = cur
    return pixels.reshape(height, width, bpp)[:, :, :3]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_report_data_agrees_with_the_tables(snapshot):
    data = load_report_data(snapshot)
    assert (
        data.summary["in_scope_postings"]
        == snapshot.execute(
            "select count(*) from stg_postings where is_canonical and in_scope"
        ).fetchone()[0]
    )
    shares = data.roles_by_country.groupby("country")["market_share"].sum().round(2)
    assert shares.to_dict() == {"ALL": 1.0, "KR": 1.0}
    mlops = data.skill_profile[data.skill_profile["role"] == "mlops_engineer"]
    profile = snapshot.execute(
        "select skill_id, required_postings, preferred_postings from agg_role_skill_profile "
        "where role = 'mlops_engineer' and country = 'ALL' "
        "and required_postings + preferred_postings > 0"
    ).fetchall()
    top = sorted(profile, key=lambda r: (-(r[1] + r[2]), -r[1], r[0]))[:8]
    assert mlops["skill_id"].tolist() == [r[0] for r in top]
    assert data.skill_profile.groupby("role").size().max() == 8
    assert int(data.monthly_demand["postings"].sum()) == data.summary["in_scope_postings"]


def test_report_is_self_contained_and_deterministic(snapshot, report_file):
    page = report_file.read_text("utf-8")
    assert page == render_report(load_report_data(snapshot))
    # Nothing is fetched: no external script, stylesheet, image or font.
    assert not re.search(
        r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page
    )
    assert "<meta charset='utf-8'>" in page and "채용 시장" in page
    assert page.count("Plotly.newPlot") == 6


def test_report_renders_every_chart_offline_in_chromium(chromium, report_file, snapshot, tmp_path):
    data = load_report_data(snapshot)
    url = report_file.as_uri()
    dom = headless(chromium, tmp_path / "profile-dom", url, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    parser = ChartCounter()
    parser.feed(dom.stdout)
    charts = parser.charts
    assert sorted(charts) == sorted(
        f"chart-{k}" for k in ("monthly", "skills", "country", "years", "degree", "newcomer")
    )
    for name, chart in charts.items():
        assert "js-plotly-plot" in chart["classes"], f"{name} was not drawn"
        assert chart["svg"] >= 2, name  # Plotly's main and info layers
    traces = {name: chart["traces"] for name, chart in charts.items()}
    roles = data.skill_profile["role"].nunique()
    assert roles >= 8
    assert traces["chart-skills"] == 2 * roles  # required and preferred for each role
    assert (traces["chart-country"], traces["chart-newcomer"], traces["chart-degree"]) == (2, 2, 7)
    assert traces["chart-monthly"] == data.monthly_demand["role"].nunique()
    assert traces["chart-years"] == data.years["role"].nunique()
    text = {name: " ".join(chart["text"]) for name, chart in charts.items()}
    assert "MLOps 엔지니어" in text["chart-monthly"]
    assert "필수 required (자격요건)" in text["chart-skills"]
    assert data.skill_profile.iloc[0]["skill_name_en"] in text["chart-skills"]
    assert "한국 Korea" in text["chart-country"] and "석사 master" in text["chart-degree"]
    assert "신입" in text["chart-years"] and "신입 지원 가능 비율" in text["chart-newcomer"]
    # The month the data stop in is marked, and each share shows what it rests on.
    assert "부분 월 partial month" in text["chart-monthly"]
    assert re.search(r"\d+% of \d+", text["chart-newcomer"])
    assert re.search(r"\(n=\d+ of \d+\)", text["chart-years"])

    shot = tmp_path / "report.png"
    done = headless(
        chromium,
        tmp_path / "profile-shot",
        url,
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={shot}",
    )
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    pixels = read_png(shot)
    assert pixels.shape == (HEIGHT, WIDTH, 3)
    flat = pixels.reshape(-1, 3)
    assert (flat.sum(axis=1) < 740).mean() > 0.05  # far from a blank page
    for colour in (REQUIRED, PREFERRED, KOREA):  # bars painted in the charts' own colours
        assert np.all(flat == rgb(colour), axis=1).sum() > 2000, colour


def test_report_says_it_is_example_data_and_flags_the_partial_month(snapshot, report_file):
    data = load_report_data(snapshot)
    page = report_file.read_text("utf-8")
    assert "<p class='example'><b>예시 데이터 · Example data.</b> Every posting" in page
    assert "not the job market" in page and "(예시 데이터 · example data)</title>" in page
    through = snapshot.execute("select max(last_seen_date) from stg_postings").fetchone()[0]
    assert data.summary["data_through"] == through
    partial = data.monthly_demand.loc[data.monthly_demand["is_partial_month"], "month"]
    assert {m.strftime("%Y-%m") for m in partial} == {through.strftime("%Y-%m")}
    assert f"partial month (data through {through})" in page
    # Denominators beside the years, 신입 and degree figures.
    stated, total = snapshot.execute(
        "select sum(years_stated), sum(postings) from agg_role_requirements "
        "where country = 'ALL' and role <> 'out_of_scope'"
    ).fetchone()
    assert f"{stated} of {total} in-scope postings state a minimum of years" in page
    assert "state a degree)" in page and "say nothing." in page


def test_a_report_of_real_data_has_no_example_banner(tiny):
    page = render_report(load_report_data(tiny))
    assert "Example data" not in page and "example data" not in page
    assert "Data: imported 7 postings." in page
