"""Named limits, in one place."""

MAX_TEXT_CHARS = 100_000  # a longer post is rejected at import
MAX_FIELD_CHARS = 2_000  # ids, authors, urls and other short fields
IMPORT_BATCH = 500  # mentions per write transaction
PROGRESS_MIN_BYTES = 200_000  # show a progress bar on a terminal for inputs larger than this
