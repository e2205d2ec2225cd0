"""A 429 with Retry-After pauses the whole host (its download slot), not one request.

Arrival times are the replay server's own (its request log), so the test sees what the
host saw.
"""

RETRY_AFTER = 2.0  # crowded-1 answers its first request 429 with Retry-After: 2
BOARDS = "crowded-1,crowded-2,crowded-3,crowded-4"


def test_retry_after_pauses_every_request_to_the_host(crawl):
    # Production politeness, faster: one request at a time per host, 0.25 s apart (Scrapy
    # holds a slot's queue back only when it has a delay), so every board but the first
    # waits in the host's queue when the 429 arrives.
    polite = {"CONCURRENT_REQUESTS_PER_DOMAIN": "1", "DOWNLOAD_DELAY": "0.25"}
    result = crawl("greenhouse", boards=BOARDS, settings=polite)
    result.assert_finished_politely()
    boards = [r for r in result.requests if r["path"].startswith("/v1/boards/crowded-")]
    [too_many] = [r for r in boards if r["path"] == "/v1/boards/crowded-1/jobs" and r["hit"] == 0]
    after = [r for r in boards if r["time"] > too_many["time"]]
    assert len(after) >= 3, "the retry and the queued boards come after the 429"
    waits = [round(r["time"] - too_many["time"], 3) for r in after]
    assert min(waits) >= RETRY_AFTER, f"requests reached the host {waits} s after the 429"
    assert result.stats["careermarket/host_paused"] == 1
    assert result.stats["careermarket/retry_after_honoured"] == 1
    assert len(boards) == 5  # four boards, one retried
