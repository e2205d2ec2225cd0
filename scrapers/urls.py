"""URL helpers: canonical posting URLs and the ``base_url`` rewrite (CONTRACT §4)."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say where a click came from; never part of a posting's identity.
TRACKING_PARAMS = frozenset(
    {
        "gclid",
        "fbclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "gh_src",
        "lever-source",
        "lever-origin",
        "ref",
        "referrer",
        "trk",
        "trackingid",
    }
)


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMS


def canonical_url(url: str) -> str:
    """Drop tracking parameters and the fragment; keep everything that identifies a page."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if not is_tracking_param(k)]
    new_query = parts.query if len(kept) == len(query) else urlencode(kept)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, new_query, ""))


def rewrite_to_base(url: str, base_url: str) -> str:
    """Replace the scheme and host of ``url`` with those of ``base_url``.

    A path in ``base_url`` is kept as a prefix, so one replay server can also be
    mounted below a path.
    """
    base = urlsplit(base_url)
    parts = urlsplit(url)
    path = base.path.rstrip("/") + (parts.path or "/")
    return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))
