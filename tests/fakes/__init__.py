"""Local stand-ins for remote services, speaking their real wire formats.

Each fake is a small server on 127.0.0.1, port 0, that the real client library reaches
through its base-URL option.  Payload shapes live in ``tests/data/<service>/``.

Slack:
- ``slack_api.FakeSlack``: the Web API (``WebClient(base_url=fake.base_url)``).
- ``slack_socket.FakeSocketMode``: the Socket Mode WebSocket server.
- ``slack_signing``: signed request bodies for Bolt's HTTP mode.
- ``slack_payloads``: the interaction and event payloads themselves.
- ``bolt_http``: serves a Bolt App over real HTTP (its WSGI adapter) for signed requests.

Platforms: ``mastodon``, ``reddit``, ``instagram`` and ``bluesky``, each with a ``fake_<name>`` fixture, and
``rss.FakeFeeds`` (``fake_feeds``); ``local_server`` holds the server, handler and ``Call`` record they share.

``guard.no_network`` is the fixture that fails a test reaching a non-loopback address. The fixtures are registered
once, as plugins, in ``tests/conftest.py``.
"""
