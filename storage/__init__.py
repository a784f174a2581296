"""Storage: the only code that speaks SQL (SQLite through sqlite-utils)."""

import sys

# sqlite-utils imports numpy and pandas, when installed, only to map their number types to column types, which Kuulo
# never stores; numpy is installed (matplotlib draws the contest charts with it) and its import was 0.1 s of every
# command's start-up. Hidden while sqlite-utils loads, it is imported for real by whatever uses it later.
_hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
sys.modules.update(dict.fromkeys(_hidden))
try:
    import sqlite_utils  # noqa: E402,F401
finally:
    for _name in _hidden:
        del sys.modules[_name]
