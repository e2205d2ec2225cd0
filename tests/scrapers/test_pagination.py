"""Pagination strategies: which URL holds a board's next page (scrapers/pagination.py)."""

from types import SimpleNamespace

import pytest

from scrapers.base.job_board_api import JobBoardApiSpider
from scrapers.pagination import Cursor, NextLink, NoPagination, Offset, PageNumber


class FakeSpider:
    page_size = 2
    list_url = "https://api.example.com/{board}?page={page}&offset={offset}&limit={limit}"

    list_url_for = JobBoardApiSpider.list_url_for
    follow_link = JobBoardApiSpider.follow_link


def response(url="https://api.example.com/acme?page=1", **meta):
    return SimpleNamespace(url=url, meta={"board": "acme", **meta})


def test_numbered_pages_stop_at_a_short_page_without_a_total():
    spider = FakeSpider()
    assert Offset().next_url(spider, [], response(), page=1, listed=2) == (
        "https://api.example.com/acme?page=2&offset=2&limit=2"
    )
    assert Offset().next_url(spider, [], response(), page=2, listed=3) is None


def test_numbered_pages_stop_at_the_bodys_total():
    spider, paged = FakeSpider(), PageNumber(total=("result", "totalCount"))
    body = {"result": {"totalCount": 5}}
    assert paged.next_url(spider, body, response(), page=2, listed=4).startswith(
        "https://api.example.com/acme?page=3&"
    )
    assert paged.next_url(spider, body, response(), page=3, listed=5) is None
    # a total that is missing or not a number ends the board instead of paging for ever
    assert paged.next_url(spider, {"result": {}}, response(), page=1, listed=2) is None


def test_cursor_goes_into_the_query_of_the_url_asked():
    paged = Cursor(cursor=("paging", "next_cursor"), param="cursor")
    asked = response(
        url="http://127.0.0.1:1/jobs?cursor=a1&limit=50",
        origin_url="https://x.io/jobs?cursor=a1&limit=50",
    )
    assert paged.next_url(FakeSpider(), {"paging": {"next_cursor": "b2"}}, asked, 1, 50) == (
        "https://x.io/jobs?limit=50&cursor=b2"
    )
    assert paged.next_url(FakeSpider(), {"paging": {"next_cursor": None}}, asked, 1, 50) is None
    assert paged.next_url(FakeSpider(), {"paging": {"next_cursor": ""}}, asked, 1, 50) is None


def test_next_link_is_resolved_against_the_real_url():
    asked = response(url="http://127.0.0.1:1/api/jobs", origin_url="https://x.io/api/jobs")
    link = NextLink(link=("links", "next"))
    assert link.next_url(FakeSpider(), {"links": {"next": "?page=2"}}, asked, 1, 10) == (
        "https://x.io/api/jobs?page=2"
    )
    assert link.next_url(FakeSpider(), {"links": {"next": None}}, asked, 1, 10) is None
    assert NoPagination().next_url(FakeSpider(), {"links": {"next": "x"}}, asked, 1, 10) is None


def test_a_strategy_whose_placeholder_the_list_url_lacks_fails_at_import():
    with pytest.raises(TypeError, match="Offset pages through \\{offset\\}"):

        class BrokenSpider(JobBoardApiSpider):  # pragma: no cover - never instantiated
            list_url = "https://api.example.com/{board}?page={page}"
            pagination = Offset()
