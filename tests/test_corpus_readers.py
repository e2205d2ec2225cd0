"""The readers the real-corpus check uses for files import-json does not take: a `raw` spec
turns a saved response into (id, payload) pairs an adapter reads. Our own files, no corpus."""

from __future__ import annotations

import json

from evaluation.corpus import spec_items
from pipelines.normalize import normalize


def test_fields_build_a_text_payload_from_dotted_paths(tmp_path, taxonomy):
    """`fields` picks values by dotted path (a number indexes a list) and joins several into
    one, `set` adds a constant, and the `text` adapter reads the result."""
    response = {
        "data": {
            "results": [
                {
                    "ref": 7,
                    "name": "Data Engineer",
                    "about": "<p>Build batch pipelines.</p>",
                    "needs": "<ul><li>Python and SQL</li></ul>",
                    "places": [{"label": "Austin, TX"}],
                    "opened": "2021-05-04",
                }
            ]
        }
    }
    (tmp_path / "site.json").write_text(json.dumps(response), encoding="utf-8")
    spec = {
        "source": "text",
        "items": "data.results",
        "id": "ref",
        "fields": {
            "title": "name",
            "description": ["about", "needs", "missing.path"],
            "location": "places.0.label",
            "posted_at": "opened",
        },
        "set": {"company": "Example Co"},
    }
    [(posting_id, payload)] = spec_items("site.json", spec, tmp_path)
    assert posting_id == "7"
    assert payload == {
        "title": "Data Engineer",
        "description": "<p>Build batch pipelines.</p>\n\n<ul><li>Python and SQL</li></ul>",
        "location": "Austin, TX",
        "posted_at": "2021-05-04",
        "company": "Example Co",
    }
    record = {"source": "text", "source_posting_id": posting_id, "payload": payload}
    posting = normalize(record, taxonomy)
    assert posting.title == "Data Engineer"
    assert posting.country == "US"
    assert {s.id for s in posting.skills} >= {"python", "sql"}


def test_an_item_without_an_id_is_numbered_and_an_error_body_is_quarantined(tmp_path, taxonomy):
    (tmp_path / "error.json").write_text('{"code": "9002", "message": "x", "data": null}')
    [(posting_id, payload)] = spec_items("error.json", {"source": "text", "items": ""}, tmp_path)
    assert posting_id == "error:0"
    outcome = normalize(
        {"source": "text", "source_posting_id": posting_id, "payload": payload}, taxonomy
    )
    assert outcome.reason.value == "error_body"


def test_a_path_to_nothing_gives_no_items(tmp_path):
    (tmp_path / "empty.json").write_text('{"data": {"list": []}, "other": null}')
    assert spec_items("empty.json", {"source": "text", "items": "data.list"}, tmp_path) == []
    assert spec_items("empty.json", {"source": "text", "items": "other"}, tmp_path) == []
