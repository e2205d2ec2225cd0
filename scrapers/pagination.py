"""How a JSON API family pages its list: one small strategy object per spider.

A spider says ``pagination = Offset(total=("totalFound",))`` instead of writing a
``next_page`` method. Each strategy answers one question, "which URL holds the next page of
this board, if any?", from the page just parsed:

- ``NoPagination()``: one response per board (Greenhouse, Ashby, Workable, Recruitee ...).
- ``PageNumber(total=...)``: ``{page}`` in ``list_url`` counts 1, 2, 3 ...
- ``Offset(total=...)``: ``{offset}`` / ``{limit}`` in ``list_url`` step by ``page_size``.
  Both stop when ``listed`` reaches the body's ``total`` (a key path) or, without one, at the
  first page shorter than ``page_size``.
- ``Cursor(cursor=..., param=...)``: the body names the next page's cursor; it goes into the
  query parameter ``param`` of the current URL. Stops when the cursor is empty.
- ``NextLink(link=...)``: the body holds the next page's URL (absolute or relative).

Standard library only; the spider supplies the URLs (``list_url_for``, ``follow_link``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


class PagedSpider(Protocol):
    page_size: int

    def list_url_for(self, board: str, page: int) -> str: ...

    def follow_link(self, response: Any, link: str) -> str: ...


def dig(data: Any, path: tuple[str, ...]) -> Any:
    """``data[path[0]][path[1]]…`` or None when a step is missing."""
    for step in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(step)
    return data


class Pagination(Protocol):
    #: the placeholder ``list_url`` must contain for this strategy (checked at class creation)
    placeholder: str | None

    def next_url(
        self, spider: PagedSpider, data: Any, response: Any, page: int, listed: int
    ) -> str | None:
        """The next page's URL; ``listed`` counts this board's entries so far, this page's
        included."""
        ...


@dataclass(frozen=True)
class NoPagination:
    placeholder: str | None = None

    def next_url(
        self, spider: PagedSpider, data: Any, response: Any, page: int, listed: int
    ) -> str | None:
        return None


@dataclass(frozen=True)
class _Numbered:
    """Shared by ``PageNumber`` and ``Offset``: the next page is ``list_url_for(page + 1)``."""

    total: tuple[str, ...] | None = None  # key path to the board's total, e.g. ("totalFound",)

    def is_last(self, spider: PagedSpider, data: Any, page: int, listed: int) -> bool:
        if self.total is not None:
            total = dig(data, self.total)
            return not isinstance(total, int) or listed >= total
        return listed < page * spider.page_size  # a short page is the last one

    def next_url(
        self, spider: PagedSpider, data: Any, response: Any, page: int, listed: int
    ) -> str | None:
        if self.is_last(spider, data, page, listed):
            return None
        return spider.list_url_for(response.meta["board"], page + 1)


@dataclass(frozen=True)
class PageNumber(_Numbered):
    placeholder: str | None = "page"


@dataclass(frozen=True)
class Offset(_Numbered):
    placeholder: str | None = "offset"


@dataclass(frozen=True)
class Cursor:
    cursor: tuple[str, ...] = ("next_cursor",)  # key path to the next page's cursor
    param: str = "cursor"  # query parameter that carries it
    placeholder: str | None = None

    def next_url(
        self, spider: PagedSpider, data: Any, response: Any, page: int, listed: int
    ) -> str | None:
        value = dig(data, self.cursor)
        if value in (None, "") or isinstance(value, (dict, list, bool)):
            return None
        return with_query_param(response.meta.get("origin_url", response.url), self.param, value)


@dataclass(frozen=True)
class NextLink:
    link: tuple[str, ...] = ("links", "next")  # key path to the next page's URL
    placeholder: str | None = None

    def next_url(
        self, spider: PagedSpider, data: Any, response: Any, page: int, listed: int
    ) -> str | None:
        value = dig(data, self.link)
        if not isinstance(value, str) or not value.strip():
            return None
        return spider.follow_link(response, value.strip())


def with_query_param(url: str, name: str, value: Any) -> str:
    """``url`` with query parameter ``name`` set to ``value`` (replaced if present)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, str(value)))
    return urlunsplit(parts._replace(query=urlencode(query)))
