"""HTML to text: one block per line, bullets for list items, the disguises boards use."""

from __future__ import annotations

import pytest

from pipelines.html_text import fix_mojibake, html_to_text, looks_like_html


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
