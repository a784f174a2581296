"""`/kuulo route`: supervisors move alerts between channels from Slack; the next alert follows, no restart."""

from __future__ import annotations

import threading
import time

from kuulo.handlers.slack.auth import NOT_SUPERVISOR
from kuulo.storage.cases import case_view
from kuulo.storage.outbox import next_due
from kuulo.storage.routes import list_routes
from tests.fakes.bolt_http import serve_bolt
from tests.slack_support import AINO, ALERTS, BANK, SANNA, Env, command, ephemerals

NEW = "C0NEWROUTE"
S_PANKKI_QUESTION = "Onko S-Pankin sovellus rikki?"


def alert_channels(env: Env) -> list[str]:
    return [c.params["channel"] for c in env.fake.calls_to("chat.postMessage")]


def test_a_supervisor_routes_a_brand_to_a_channel_and_back(env: Env) -> None:
    with serve_bolt(env.app) as url:
        command(url, f"route add brand:s-pankki <#{NEW}|s-pankki> on-duty:<!subteam^S0CMTEAM1|@cm>", SANNA)
        env.ingest("1", S_PANKKI_QUESTION)
        env.desk.flush()
        command(url, "routes", AINO)
        [row] = env.desk.read(list_routes)
        command(url, f"route remove {row['id']}", SANNA)
        env.ingest("2", S_PANKKI_QUESTION + " Taas?")
        env.desk.flush()

    set_it, removed = ephemerals(env.fake, SANNA)
    assert set_it == (f"Route `{row['id']}` set: brand S-Pankki → <#{NEW}> (on duty <!subteam^S0CMTEAM1>)."
                      " New alerts follow it now.")
    assert removed == f"Removed route `{row['id']}`: brand S-Pankki → <#{NEW}> (on duty <!subteam^S0CMTEAM1>)"
    assert (row["brand"], row["category"], row["channel"], row["on_duty"]) == ("S-Pankki", None, NEW, "S0CMTEAM1")
    assert row["set_by"] == "sanna (U0SANNA01)"
    [listing] = ephemerals(env.fake, AINO)
    assert listing.splitlines() == [
        "*Alert routes*, first match wins:",
        f"• `{row['id']}` brand S-Pankki → <#{NEW}> (on duty <!subteam^S0CMTEAM1>) · set by <@U0SANNA01> 12:00",
        f"• (config) brand Nordea · category verkkopankki → <#{BANK}> (on duty <!subteam^S0CMTEAM1>)",
        f"• everything else → <#{ALERTS}>"]
    assert alert_channels(env) == [NEW, ALERTS]
    assert env.desk.read(list_routes) == []


def test_a_chat_route_goes_before_the_configs_and_replaces_its_own_kind(env: Env) -> None:
    with serve_bolt(env.app) as url:
        command(url, "route add brand:Nordea category:verkkopankki C0FIRST01", SANNA)
        command(url, f'route add "brand:Nordea" category:Verkkopankki <#{NEW}>', SANNA)
        env.ingest("1")  # Nordea + verkkopankki: the config would send it to BANK
        env.desk.flush()

    assert [(r["brand"], r["category"], r["channel"]) for r in env.desk.read(list_routes)] == [
        ("Nordea", "verkkopankki", NEW)]
    assert alert_channels(env) == [NEW]


def test_only_supervisors_change_routes(env: Env) -> None:
    with serve_bolt(env.app) as url:
        command(url, f"route add brand:Nordea <#{NEW}>", AINO)

    assert ephemerals(env.fake, AINO) == [NOT_SUPERVISOR]
    assert env.desk.read(list_routes) == []


def test_bad_routes_are_explained_and_change_nothing(env: Env) -> None:
    with serve_bolt(env.app) as url:
        for text in ("route add brand:Nordia #x", "route add category:lottery <#C0NEWROUTE>",
                     "route add brand:Nordea", "route add <#C0NEWROUTE>", "route add brand:Nordea <@U0AINO001>",
                     "route remove 7", "route", 'route add "brand:Nordea',
                     "route add brand:Nordea <#C0BANKAPP1|bank> <#C0ALERTS1|alerts>"):
            command(url, text, SANNA)

    answers = ephemerals(env.fake, SANNA)
    assert answers[0].startswith("route: unknown brand 'Nordia'; brands: Nordea, OP, S-Pankki")
    assert answers[1].startswith("route: unknown category 'lottery'; categories: ")
    assert answers[2].startswith("route: which channel? (usage: ")
    assert answers[3].startswith("route: a route needs a brand, a category or both")
    assert answers[4].startswith("route: expected a #channel, got '&lt;@U0AINO001&gt;'")
    assert answers[5] == "there is no chat-set route 7; `/kuulo routes` lists them"
    assert answers[6].startswith("usage: `/kuulo route add")
    assert answers[7].startswith("route: No closing quotation")
    assert answers[8].startswith("route: one channel a route, got two")
    assert env.desk.read(list_routes) == []


def test_delivery_never_waits_for_the_desk_while_holding_the_handler(env: Env) -> None:
    """A listener's flush holds the Desk's lock and then takes the handler's; the scheduler's delivery must not hold
    the handler's lock while it waits for the Desk's (reading chat routes), or the two threads deadlock."""
    env.ingest("1")
    [item] = next_due(env.services.db, "slack", env.clock.now().timestamp())
    view = case_view(env.services.db, item.case_id)
    with env.desk.lock:  # a listener is busy with the Desk
        scheduler = threading.Thread(target=env.desk.handler.deliver, args=(item, view, None), daemon=True)
        scheduler.start()
        time.sleep(0.2)  # the scheduler now waits for the Desk's lock
        free = env.desk.handler._lock.acquire(blocking=False)
        if free:
            env.desk.handler._lock.release()
    scheduler.join(10)
    assert free and not scheduler.is_alive()
    assert alert_channels(env) == [BANK]


def test_a_route_to_a_channel_kuulo_is_not_in_is_refused(env: Env) -> None:
    env.fake.state.not_in_channel.add(NEW)
    with serve_bolt(env.app) as url:
        command(url, f"route add brand:Nordea <#{NEW}|uusi>", SANNA)

    assert ephemerals(env.fake, SANNA) == [
        f"route: Kuulo is not in <#{NEW}>; `/invite @Kuulo` there first, then set the route"]
    assert env.desk.read(list_routes) == []
