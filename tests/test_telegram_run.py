"""`kuulo run` as a real process with the Telegram desk against the fake Bot API: a hostile post imported by another
process is alerted literally, claimed and answered by replying to the alert, `kuulo report` counts it, and the
token appears nowhere in the output; `kuulo telegram whoami` lists the ids the bot sees."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from datetime import datetime, timezone

from tests.fakes.telegram import FakeTelegram, tg_user
from tests.processes import KUULO, wait_for

ALERTS = -1001000000001
AINO = tg_user(111111111, "Aino", "aino")
HOSTILE = 'Miksi Nordean sovellus ei toimi? <b>x</b> &amp; <a href="https://evil.example">y</a>'
CONFIG = """\
database: {db}
brands:
  - name: Nordea
    handles: {{x: [NordeaSuomi]}}
telegram:
  api_url: {api}
  chat: {chat}
  agents: [111111111]
  supervisors: [222222222]
"""


def test_run_alerts_claims_and_records_a_reply_through_telegram(tmp_path, fake_telegram: FakeTelegram) -> None:
    (tmp_path / "team.yaml").write_text(CONFIG.format(db=tmp_path / "k.db", api=fake_telegram.url, chat=ALERTS),
                                        encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake_telegram.token}
    bot = subprocess.Popen([KUULO, "--config", "team.yaml", "run", "-v"], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # the last call before it polls: the first long poll is answered only when its 25 s are up (the fake
        # records a call on answering), and the updates below reach it whenever they come
        assert wait_for(lambda: fake_telegram.calls_to("deleteWebhook"), timeout=30)
        record = {"platform": "x", "id": "1", "author": "matti", "text": HOSTILE,
                  "created_at": datetime.now(timezone.utc).isoformat()}
        done = subprocess.run([KUULO, "--config", "team.yaml", "import", "-", "-q"], cwd=tmp_path, env=env,
                              input=json.dumps(record) + "\n", capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        [alert] = fake_telegram.wait_for_messages(ALERTS, 1, timeout=30)
        assert HOSTILE in alert["plain"]
        fake_telegram.callback(ALERTS, AINO, alert["message_id"], "claim:1")
        def shown() -> str:
            return fake_telegram.message(ALERTS, alert["message_id"])["plain"]
        assert fake_telegram.wait_for(lambda: "claimed by" in shown(), timeout=20)
        fake_telegram.user_message(ALERTS, AINO, "Hei! Katsomme asiaa.", reply_to=alert["message_id"])
        assert fake_telegram.wait_for(lambda: "Answered by" in shown(), timeout=20)
    finally:
        bot.send_signal(signal.SIGTERM)
        out, err = bot.communicate(timeout=30)
    assert bot.returncode == 0, err
    assert "kuulo running: telegram" in err
    assert fake_telegram.token not in out + err and fake_telegram.token.split(":")[1] not in out + err
    assert "bot<TELEGRAM_BOT_TOKEN>/getUpdates" in err  # httpx logs each request's URL: masked
    report = subprocess.run([KUULO, "--config", "team.yaml", "report", "--format", "json"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    total = json.loads(report.stdout)["total"]
    assert (total["answered"], total["answered_recorded"]) == (1, 1)


def test_whoami_lists_the_ids_the_bot_sees_without_consuming_them(tmp_path, fake_telegram: FakeTelegram) -> None:
    (tmp_path / "team.yaml").write_text(CONFIG.format(db=tmp_path / "k.db", api=fake_telegram.url, chat=ALERTS),
                                        encoding="utf-8")
    fake_telegram.add_chat(-1002223334445, chat_type="supergroup", title="Asiakkaat <b>", is_forum=True)
    fake_telegram.user_message(-1002223334445, AINO, "hei", thread_id=7)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake_telegram.token}
    done = subprocess.run([KUULO, "--config", "team.yaml", "telegram", "whoami"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "@kuulo_test_bot" in done.stdout and "privacy: off" in done.stdout
    assert "chat:    -1002223334445 supergroup Asiakkaat <b> topics 7" in done.stdout
    assert "user:    111111111 @aino (Aino)" in done.stdout
    assert len(fake_telegram.pending_updates()) == 1  # still there for kuulo run
    missing = subprocess.run([KUULO, "--config", "team.yaml", "telegram", "whoami"], cwd=tmp_path,
                             env={k: v for k, v in env.items() if k != "TELEGRAM_BOT_TOKEN"},
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "TELEGRAM_BOT_TOKEN is not set" in missing.stderr
