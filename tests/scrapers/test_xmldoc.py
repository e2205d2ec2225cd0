"""scrapers/xmldoc.py: an XML feed as a JSON-like tree, by fixed rules."""

import pytest

from scrapers.xmldoc import XmlError, xml_document

LISTS = ["feed/item", "tags/tag"]


def test_declared_lists_are_lists_even_of_one_or_none():
    doc = xml_document(b"<feed><item><id>1</id><tags><tag>a</tag></tags></item></feed>", LISTS)
    assert doc == {"feed": {"item": [{"id": "1", "tags": {"tag": ["a"]}}]}}
    assert xml_document(b"<feed/>", LISTS) == {"feed": {"item": []}}


def test_undeclared_repeats_become_lists_and_nothing_is_overwritten():
    doc = xml_document(b"<r><x>1</x><x>2</x><x>3</x><y> pad </y></r>")
    assert doc == {"r": {"x": ["1", "2", "3"], "y": "pad"}}


def test_cdata_html_and_attributes_are_kept():
    doc = xml_document(b'<r><v lang="en"><![CDATA[<p>a &amp; b</p>]]></v><e/></r>')
    assert doc == {"r": {"v": {"@lang": "en", "#text": "<p>a &amp; b</p>"}, "e": ""}}


def test_entities_are_not_expanded_and_broken_xml_raises():
    xxe = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><v>&x;</v></r>'
    assert "root:" not in str(xml_document(xxe))
    with pytest.raises(XmlError):
        xml_document(b"<r><v>open")
