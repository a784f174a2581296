"""Small builders for test data."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kuulo.bot.models import Mention

# a team config on a database file (format with db=PATH): Nordea with its own account on x, the built-in packs
TEAM_CONFIG = """
database: {db}
timezone: Europe/Helsinki
brands:
  - name: Nordea
    handles: {{x: [NordeaSuomi]}}
packs: [banking-fi, sentiment-fi, sentiment-en]
"""

BASE = datetime(2026, 11, 17, 8, 0, tzinfo=timezone.utc)


def post(id: str, text: str, *, author: str = "matti", minutes: float = 0, platform: str = "x",
         in_reply_to: str | None = None) -> Mention:
    """A mention `minutes` after 2026-11-17 08:00 UTC."""
    return Mention(platform=platform, id=id, author=author, text=text,
                   created_at=BASE + timedelta(minutes=minutes), in_reply_to=in_reply_to)


KESA_CAMPAIGN = """campaigns:
  - name: kesa
    hashtags: ["#valiokesä"]
    start: 2026-06-01
    end: {end}
    exclude_accounts: [{excluded}]
    platforms: [instagram, telegram, mastodon]
"""


def kesa_config(tmp_path, *, end: str = "2026-08-31", excluded: str = "valio_staff") -> str:
    """A team.yaml with the brand Valio and the photo contest kesa (#valiokesä); its path."""
    path = tmp_path / "team.yaml"
    path.write_text(f"database: {tmp_path / 'kuulo.db'}\nbrands:\n  - name: Valio\n    handles: [valio]\n"
                    + KESA_CAMPAIGN.format(end=end, excluded=excluded), encoding="utf-8")
    return str(path)
