"""An XML feed as the JSON-like tree the JSON families already are (lxml only, no Scrapy).

The landing payload is a JSON object (CONTRACT §2), so an XML family's posting element is
converted once, here, by fixed rules, and everything downstream (``families.yaml`` list
paths, ids, URL templates, ``careermarket import-json``, the adapter field maps) reads it
like any JSON family:

- an element with child elements becomes an object keyed by the children's local names;
- a child whose ``parent/child`` pair is declared in ``lists`` is always a list (also when
  it occurs once or not at all); an undeclared child that repeats becomes a list as well,
  so nothing is silently overwritten;
- a leaf element becomes its text (CDATA included, surrounding whitespace stripped); an
  empty leaf becomes ""; attributes, where present, are kept as ``"@name"`` keys (the leaf's
  text then goes under ``"#text"``).

Entities are not resolved and nothing is fetched from the network (no DTDs, no XXE).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree


class XmlError(ValueError):
    """The body is not well-formed XML."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )


def _name(element: Any) -> str:
    return etree.QName(element).localname


def _convert(element: Any, lists: frozenset[tuple[str, str]]) -> Any:
    name = _name(element)
    children = [c for c in element if isinstance(c.tag, str)]  # skip processing instructions
    declared = [child for parent, child in lists if parent == name]
    attributes = {f"@{_name_attr(k)}": v for k, v in element.attrib.items()}
    if not children and not declared:
        text = (element.text or "").strip()
        return {**attributes, "#text": text} if attributes else text
    node: dict[str, Any] = {**attributes, **{child: [] for child in declared}}
    for child in children:
        key = _name(child)
        value = _convert(child, lists)
        if key in declared:
            node[key].append(value)
        elif key in node:
            if not isinstance(node[key], list):  # converted values are never lists
                node[key] = [node[key]]
            node[key].append(value)
        else:
            node[key] = value
    return node


def _name_attr(key: str) -> str:
    return etree.QName(key).localname if key.startswith("{") else key


def xml_document(body: bytes, lists: Iterable[str] = ()) -> dict[str, Any]:
    """``{root name: converted root}``; ``lists`` holds ``"parent/child"`` pairs."""
    pairs = frozenset((parent, child) for parent, _, child in (p.partition("/") for p in lists))
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise XmlError(str(exc)) from None
    if root is None:
        raise XmlError("empty document")
    return {_name(root): _convert(root, pairs)}
