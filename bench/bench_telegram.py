"""Telegram delivery: a burst of alerts to one chat through the real library against the fake Bot API.

(a) paced: the fake enforces a per-chat limit (by default 20 messages a second, Telegram's 20 a minute sped up
    60x) and the desk is paced to the same limit: the time for the burst, 429s answered (target: none), order kept;
(b) unpaced: no per-chat limit, the desk's pace at 1,000 a second: messages a second (the 30-a-second overall pace
    is then what holds it).

Run: python bench/bench_telegram.py [--alerts 200] [--rate 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.fakes: the fake Telegram of the test suite

from kuulo.bot.app import build_services, default_config  # noqa: E402
from kuulo.bot.config_chat import TelegramConfig  # noqa: E402
from kuulo.bot.models import Mention  # noqa: E402
from kuulo.handlers.telegram.app import TelegramDesk  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402

CHAT = -1001000000001


def burst(alerts: int, rate: tuple[int, float] | None, pace: tuple[int, int]) -> tuple[float, int, bool]:
    """Seconds from start to the last alert, 429s answered, whether the alerts arrived in case order."""
    with FakeTelegram() as fake, tempfile.TemporaryDirectory() as folder:
        if rate:
            fake.set_rate(*rate)
        cfg = replace(default_config(f"{folder}/k.db"), telegram=TelegramConfig(chat=CHAT, api_url=fake.url, pace=pace))
        services = build_services(cfg)
        now = datetime.now(timezone.utc)
        services.pipeline.ingest([Mention(platform="x", id=str(i), author="a", text=f"Miksi Nordea ei vastaa {i}?",
                                          created_at=now - timedelta(seconds=alerts - i)) for i in range(alerts)])
        desk = TelegramDesk(cfg, services, token=fake.token, poll_timeout=1)
        start = time.monotonic()
        desk.start()
        try:
            fake.wait_for_messages(CHAT, alerts, timeout=3600)
            took = time.monotonic() - start
            cases = [m["plain"].split("case #")[1].split()[0] for m in fake.messages(CHAT)]
        finally:
            desk.stop()
        limited = sum(c.status == 429 for c in fake.calls_to("sendMessage"))
        return took, limited, cases == [str(i + 1) for i in range(alerts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=200)
    parser.add_argument("--rate", type=int, default=20, help="the fake's per-chat limit, messages a second")
    args = parser.parse_args()
    took, limited, ordered = burst(args.alerts, (args.rate, 1.0), (args.rate, 1))
    print(f"(a) paced, {args.alerts} alerts, fake limit {args.rate}/s per chat: {took:.1f} s, {limited} x 429,"
          f" in order: {ordered}")
    took, limited, ordered = burst(args.alerts, None, (1000, 1))
    print(f"(b) unpaced, {args.alerts} alerts: {took:.1f} s ({args.alerts / took:.1f} messages/s), {limited} x 429,"
          f" in order: {ordered}")


if __name__ == "__main__":
    main()
