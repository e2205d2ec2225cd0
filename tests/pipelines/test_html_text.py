"""HTML to text: one block per line, bullets for list items, the disguises boards use."""

from __future__ import annotations

import html
import random

import pytest

from pipelines.html_text import (
    _unescape,
    fix_mojibake,
    html_to_text,
    looks_like_html,
    read_blocks,
)


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>Hello</p><p>World</p>", "Hello\nWorld"),
        ("<ul><li>Python</li><li>SQL</li></ul>", "• Python\n• SQL"),
        ("<p><strong>Requirements:</strong> Python</p>", "Requirements: Python"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<div>x&nbsp;&amp;&nbsp;y</div>", "x\u00a0&\u00a0y"),  # kept: the splitter reads them
        ("<script>var a=1;</script><p>kept</p>", "kept"),
        # Greenhouse: the HTML itself is entity-escaped once more.
        (
            "&lt;p&gt;Build &amp;amp; ship&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Go&lt;/li&gt;&lt;/ul&gt;",
            "Build & ship\n• Go",
        ),
        # Programmers: markdown with backslash escapes.
        ("\\- C\\+\\+ 기반 개발\n**혜택 및 복지**", "- C++ 기반 개발\n혜택 및 복지"),
        ("plain   text\r\n\r\n\r\n\r\nnext", "plain text\n\nnext"),
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


def test_empty_input_gives_empty_text():
    assert html_to_text(None) == ""
    assert html_to_text("<p></p>") == ""


@pytest.mark.parametrize(
    "broken, fixed",
    [
        ("MecÃ¡nico de vehÃ\u00adculos", "Mecánico de vehículos"),
        ("donâ€™t", "don’t"),
        ("파이썬 우대".encode().decode("latin-1"), "파이썬 우대"),
        ("already fine: 파이썬, café", "already fine: 파이썬, café"),
    ],
)
def test_fix_mojibake(broken, fixed):
    assert fix_mojibake(broken) == fixed


def test_looks_like_html():
    assert looks_like_html("<p>x</p>")
    assert looks_like_html("&lt;p&gt;x&lt;/p&gt;")
    assert not looks_like_html("3 < 5 and 7 > 2")


@pytest.mark.parametrize(
    "text",
    [
        "&lt;p&gt;Python &amp;amp; SQL&lt;/p&gt;",
        "&amp;lt;not a tag&amp;gt;",
        "&lt;li&gt;R&amp;D&lt;/li&gt;&amp;nbsp;",
        "&quot;quoted&quot; &#39;single&#39; &#60;numeric&#62;",
        "&amplt; &lt &AMP;lt; &nbsp;&amp;",
        "no entities at all",
    ],
)
def test_fast_unescape_is_html_unescape(text):
    import html

    from pipelines.html_text import _unescape

    assert _unescape(text) == html.unescape(text)


@pytest.mark.parametrize(
    "text",
    ["a b", " a  b ", "a\tb", "a\u00a0b", "a\u3000b", "a\nb", "", "  ", "a\x1cb", "a\u2028b c"],
)
def test_collapse_spaces_is_split_and_join(text):
    from pipelines.html_text import collapse_spaces

    assert collapse_spaces(text) == " ".join(text.split())


def test_fast_unescape_reads_entities_as_html_unescape_does():
    # Common entities are replaced in C, the rest goes to html.unescape: any mix of escaped
    # ampersands, legacy entities without a semicolon and unknown names must come out the same.
    tokens = [
        "&amp;", "&amp", "&lt;", "&gt;", "&#x27;", "&#39", "&#X2F;", "&#x2F;", "&nbsp;",
        "&nbsp", "&ndash;", "&pound;", "&bogus;", "&", ";", "#", "x27", "lt;", "R&D", " ", "a",
    ]  # fmt: skip
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 8)))
        assert _unescape(text) == html.unescape(text), text


def test_hard_wrapped_sentence_is_joined():
    text = (
        "Our team ships forecasting tools for shops and warehouses in many regions, and\n"
        "some knowledge of graph databases and of their query languages would be\n"
        "nice.\n"
        "\n"
        "lowercase line after a blank line stays apart\n"
    )
    got = [b.text for b in read_blocks(text)]
    assert got[0].endswith(
        "and some knowledge of graph databases and of their query languages would be nice."
    )
    assert got[1] == "lowercase line after a blank line stays apart"


def test_short_or_long_lines_are_not_joined():
    text = (
        "Skills\n"
        "python and sql\n"
        "An item that runs well past the width any hard wrap would leave behind it, no stop\n"
        "another item in lower case\n"
    )
    assert [b.text for b in read_blocks(text)] == text.strip().split("\n")
