"""`kuulo run` as a real process in Socket Mode against the fake Slack: the importer and the bot are
separate processes on one SQLite file, and Slack being down loses nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from datetime import datetime, timezone

from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_socket import FakeSocketMode
from tests.processes import KUULO, wait_for

def test_run_in_socket_mode_posts_imported_alerts_once_even_after_an_outage(tmp_path):
    with FakeSlack() as slack, FakeSocketMode(slack) as socket_mode:
        (tmp_path / "team.yaml").write_text(
            f"database: {tmp_path / 'k.db'}\nbrands:\n  - name: Nordea\n    handles: [NordeaSuomi]\n"
            f"slack:\n  api_url: {slack.base_url}\n  channel: C0ALERTS1\n  agents: [U0AINO001]\n")
        env = {**os.environ, "SLACK_BOT_TOKEN": slack.bot_token, "SLACK_APP_TOKEN": slack.app_token}
        bot = subprocess.Popen([KUULO, "--config", "team.yaml", "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            socket_mode.wait_connected(timeout=20)
            now = datetime.now(timezone.utc).isoformat()

            def import_post(id: str, text: str) -> None:
                record = {"platform": "x", "id": id, "author": "matti", "text": text, "created_at": now}
                done = subprocess.run([KUULO, "--config", "team.yaml", "import", "-", "-q"], cwd=tmp_path,
                                      input=json.dumps(record) + "\n", capture_output=True, text=True, timeout=60)
                assert done.returncode == 0, done.stderr

            import_post("1", "Miksi Nordean sovellus ei toimi? <!channel>")
            assert wait_for(lambda: len(slack.calls_to("chat.postMessage")) == 1)
            slack.down()
            import_post("2", "Toimiiko Nordean kortti ulkomailla?")
            import_post("3", "Miksi Nordea ei vastaa?")
            time.sleep(3)
            slack.up()
            assert wait_for(lambda: len(slack.calls_to("chat.postMessage")) >= 3, timeout=40)
            time.sleep(1)
        finally:
            bot.send_signal(signal.SIGTERM)
            out, err = bot.communicate(timeout=30)
        assert bot.returncode == 0 and "Traceback" not in err, err
        posts = slack.calls_to("chat.postMessage")
        texts = [json.dumps(call.params.get("blocks"), ensure_ascii=False) for call in posts]
        assert len(posts) == 3
        assert "Nordean sovellus" in texts[0] and "&lt;!channel&gt;" in texts[0] and "<!channel>" not in texts[0]
        assert "ulkomailla" in texts[1] and "vastaa" in texts[2]


def test_run_sends_at_once_what_a_killed_run_was_sending(tmp_path):
    """A run killed while it sent an alert left it held for SEND_HOLD_S; the next run makes it due as it starts, so
    the alert, and every one behind it, is not stopped for five minutes (review of s61)."""
    from kuulo.bot.limits import SEND_HOLD_S
    from kuulo.storage import outbox
    from kuulo.storage.db import open_db

    with FakeSlack() as slack, FakeSocketMode(slack) as socket_mode:
        (tmp_path / "team.yaml").write_text(
            f"database: {tmp_path / 'k.db'}\nbrands:\n  - name: Nordea\n    handles: [NordeaSuomi]\n"
            f"slack:\n  api_url: {slack.base_url}\n  channel: C0ALERTS1\n  agents: [U0AINO001]\n")
        record = {"platform": "x", "id": "1", "author": "matti", "text": "Miksi Nordean sovellus ei toimi?",
                  "created_at": datetime.now(timezone.utc).isoformat()}
        done = subprocess.run([KUULO, "--config", "team.yaml", "import", "-", "-q"], cwd=tmp_path,
                              input=json.dumps(record) + "\n", capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        db = open_db(str(tmp_path / "k.db"))
        [alert] = outbox.next_due(db, "slack", time.time())
        assert outbox.take(db, alert.id, time.time(), time.time() + SEND_HOLD_S)  # then the sender was killed
        db.conn.close()
        env = {**os.environ, "SLACK_BOT_TOKEN": slack.bot_token, "SLACK_APP_TOKEN": slack.app_token}
        bot = subprocess.Popen([KUULO, "--config", "team.yaml", "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            socket_mode.wait_connected(timeout=20)
            assert wait_for(lambda: len(slack.calls_to("chat.postMessage")) == 1, timeout=20)
        finally:
            bot.send_signal(signal.SIGTERM)
            _, err = bot.communicate(timeout=30)
        assert bot.returncode == 0, err
