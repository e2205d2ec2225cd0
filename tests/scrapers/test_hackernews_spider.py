"""hackernews: find the newest "Who is hiring?" thread; each top-level comment is a posting."""

STORY = 51000001


def test_who_is_hiring_comments_land_one_per_posting(crawl, served):
    result = crawl("hackernews")
    result.assert_finished_politely()
    # The search lists "Who wants to be hired?" and the freelancer thread too: not those.
    assert result.paths()[1:] == ["/api/v1/search_by_date", f"/api/v1/items/{STORY}"]
    children = served(f"hackernews/api/v1/items/{STORY}.json")["children"]
    live = [c for c in children if c["text"]]
    assert [i["source_posting_id"] for i in result.items] == [str(c["id"]) for c in live]
    for record, comment in zip(result.items, live, strict=True):
        result.assert_envelope(record)
        assert record["payload"] == comment
        assert record["payload"]["story_id"] == STORY
        assert record["url"] == f"https://news.ycombinator.com/item?id={comment['id']}"
    # Replies stay inside their top-level comment; the deleted comment is skipped, counted.
    assert result.item("51000011")["payload"]["children"][0]["id"] == 51000040
    assert result.stats["careermarket/skipped/deleted_comment"] == 1


def test_story_id_as_board_skips_the_search(crawl):
    result = crawl("hackernews", boards=str(STORY))
    result.assert_finished_politely()
    assert result.paths()[1:] == [f"/api/v1/items/{STORY}"]
    assert len(result.items) == 3
