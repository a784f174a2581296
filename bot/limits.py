"""Named limits, in one place."""

MAX_TEXT_CHARS = 100_000  # a longer post is rejected at import
MAX_FIELD_CHARS = 2_000  # ids, authors, urls and other short fields
IMPORT_BATCH = 500  # mentions per write transaction
PROGRESS_MIN_BYTES = 200_000  # show a progress bar on a terminal for inputs larger than this
MAX_TEMPLATE_NAME = 40  # characters of a stranger's name ({author}, {platform}) filled into a suggested reply
MAX_YAML_DEPTH = 40  # nesting levels of a config or pack file (the schema needs 5)
MAX_SLA_SECONDS = 90 * 86_400  # a first-response target longer than 90 days is a typo
MAX_POLL_SECONDS = 7 * 86_400  # a source polled less often than weekly misses posts (Instagram hashtags keep 24 h)
# The shortest sane poll interval per source type, from each platform's request budget; shorter warns.
MIN_POLL_SECONDS = {"rss": 300, "mastodon": 60, "bluesky": 60, "reddit": 60, "instagram": 300, "telegram": 10}
SHOWN_FIELD_CHARS = 80  # a platform, id, author, brand, category or hashtag shown on a terminal is cut here
SHOWN_TEXT_CHARS = 400  # a post text, url or error message shown on one terminal line is cut here
MAX_TIME_INPUT_CHARS = 40  # a typed time (--until, --since) longer than this is not one
MAX_DURATION_DAYS = 3_660  # a typed duration (2h, 3d) beyond ten years is a typo
TIME_YEARS = (1970, 2199)  # typed times outside these years are refused (SQLite, timestamps and people agree)
