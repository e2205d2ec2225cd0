"""The replay server's routing rules, in process (no socket)."""

import json

import pytest

from scrapers.replay import RESPONSES_DIR
from scrapers.replay.server import build_index, match


def write(root, rel, text="{}"):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_most_specific_query_wins_and_a_bare_file_matches_any_query(tmp_path):
    bare = write(tmp_path, "src/v0/postings/acme.json")
    page2 = write(tmp_path, "src/v0/postings/acme@skip=2.json")
    both = write(tmp_path, "src/v0/postings/acme@skip=2&limit=2.json")
    index = build_index(tmp_path)
    assert match(index, "/v0/postings/acme", "mode=json&skip=0").path == bare
    assert match(index, "/v0/postings/acme", "mode=json&skip=2").path == page2
    assert match(index, "/v0/postings/acme", "skip=2&limit=2&mode=json").path == both
    assert match(index, "/v0/postings/acme.json", "").path == bare
    assert match(index, "/v0/postings/other", "") is None


def test_underscore_bodies_and_meta_files_are_not_routes(tmp_path):
    write(tmp_path, "src/jobs.json")
    write(tmp_path, "src/_empty.json")
    write(tmp_path, "src/jobs.json.meta.json", json.dumps({"sequence": [{"file": "_empty.json"}]}))
    index = build_index(tmp_path)
    assert match(index, "/_empty", "") is None
    assert match(index, "/jobs.json.meta.json", "") is None
    assert index["/jobs"][0].meta["sequence"] == [{"file": "_empty.json"}]


def test_unknown_meta_keys_and_clashing_routes_are_errors(tmp_path):
    write(tmp_path, "a/jobs.json")
    write(tmp_path, "a/jobs.json.meta.json", json.dumps({"statuz": 404}))
    with pytest.raises(ValueError, match="unknown keys"):
        build_index(tmp_path)
    (tmp_path / "a/jobs.json.meta.json").unlink()
    write(tmp_path, "b/jobs.json")
    with pytest.raises(ValueError, match="both answer"):
        build_index(tmp_path)


def test_bundled_responses_build_one_namespace():
    index = build_index(RESPONSES_DIR)
    assert "/robots.txt" in index
    assert match(index, "/v1/boards/hanbit-ai/jobs", "content=true") is not None
    assert match(index, "/api", "").path.name == "api.json"  # remoteok, next to /api/... routes
