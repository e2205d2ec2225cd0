"""jsonld: sitemaps, several JSON-LD blocks, @graph, an empty description with the body
elsewhere, a page without JobPosting, robots.txt, a CP949 page, lastmod incremental."""

import json
import re
import urllib.request

import pytest

from scrapers.replay import RESPONSES_DIR

SITEMAP = "https://careers.example.com/careers/sitemap.xml"
LEGACY = "https://recruit.example.co.kr/recruit/view?idx=77"
LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def served_postings(page: str, encoding: str = "utf-8") -> list[dict]:
    """JobPosting objects as written in a recorded page (parsed independently of the spider)."""
    html = (RESPONSES_DIR / "jsonld" / page).read_text(encoding)
    found = []
    for block in LD_BLOCK.findall(html):
        try:
            data = json.loads(block, strict=False)
        except json.JSONDecodeError:
            continue
        nodes = data.get("@graph", [data]) if isinstance(data, dict) else data
        found += [n for n in nodes if "JobPosting" in json.dumps(n.get("@type"))]
    return found


@pytest.fixture
def sitemap_crawl(crawl):
    return crawl("jsonld", sitemaps=SITEMAP)


def test_sitemap_pages_land_their_jobposting_objects(sitemap_crawl):
    result = sitemap_crawl
    result.assert_finished_politely()
    assert sorted(i["source_posting_id"] for i in result.items) == [
        "AR-DS-118",
        "AR-ML-311",
        "https://careers.example.com/careers/jobs/robotics-ml",
    ]
    for record in result.items:
        result.assert_envelope(record)
    [ml] = served_postings("careers/jobs/ml-platform-engineer.html")
    assert result.item("AR-ML-311")["payload"] == ml
    [ds] = served_postings("careers/jobs/data-scientist.html")
    assert result.item("AR-DS-118")["payload"] == ds, "@graph member, @type as a list"
    # The broken third block on the ML page is skipped and counted, not fatal.
    assert result.stats["careermarket/jsonld_invalid_blocks"] == 1


def test_empty_description_brings_the_page_body_and_keeps_non_iso_dates(sitemap_crawl):
    record = sitemap_crawl.item("https://careers.example.com/careers/jobs/robotics-ml")
    [sparse] = served_postings("careers/jobs/robotics-ml.html")
    assert record["payload"] == sparse
    assert record["payload"]["description"] == ""
    assert record["payload"]["datePosted"] == "2026.11.07 10:00:00"
    body = record["page_body_html"]
    assert body.startswith('<div class="job-detail">')
    assert "자격 요건" in body and "PyTorch, OpenCV 사용 경험" in body
    assert "<script" not in body
    assert "page_body_html" not in sitemap_crawl.item("AR-ML-311")


def test_page_without_jobposting_is_quarantined_and_robots_disallow_is_obeyed(sitemap_crawl):
    result = sitemap_crawl
    [record] = result.quarantined
    assert record["reason"] == "no_jobposting"
    assert record["url"] == "https://careers.example.com/careers/about"
    assert result.stats["robotstxt/forbidden"] == 1
    assert "/careers/drafts/secret-role" not in result.paths()


def test_cp949_page_labelled_euc_kr_decodes_correctly(crawl, replay):
    # The served bytes really are legacy Korean: neither UTF-8 nor strict EUC-KR.
    with urllib.request.urlopen(replay.url + "/recruit/view?idx=77") as response:
        raw = response.read()
        assert response.headers["Content-Type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("euc-kr")
    result = crawl("jsonld", urls=LEGACY)
    result.assert_finished_politely()
    record = result.item("77")
    assert record["encoding"] == "cp949"
    assert record["payload"]["hiringOrganization"]["name"] == "똠방랩스"
    assert record["payload"] == served_postings("recruit/view@idx=77.html")[0]
    assert record["url"] == LEGACY


def test_recrawl_skips_pages_whose_lastmod_did_not_change(crawl, tmp_path):
    data = tmp_path / "kept"
    crawl("jsonld", sitemaps=SITEMAP, data_dir=data)
    second = crawl("jsonld", sitemaps=SITEMAP, data_dir=data)
    second.assert_finished_politely()
    pages = [p for p in second.paths() if p.startswith("/careers/") and p != "/careers/sitemap.xml"]
    # No lastmod: always fetched. The about page never landed a posting: fetched again.
    assert sorted(pages) == ["/careers/about", "/careers/jobs/robotics-ml"]
    assert second.stats["careermarket/details_skipped_unchanged"] == 2


def test_a_sitemap_that_is_not_a_sitemap_is_quarantined(crawl):
    result = crawl("jsonld", sitemaps="https://careers.example.com/careers/about.html")
    result.assert_finished_politely()
    [record] = result.quarantined
    assert record["reason"] == "unexpected_shape"
    assert "sitemap root is <html>" in record["detail"]
