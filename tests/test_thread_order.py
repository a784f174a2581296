"""The same posts give the same cases and the same report, whatever order and batches they arrive in."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.thread_sets import import_rows, outcome, thread_set, write_config


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), orders=st.lists(st.integers(0, 2**32 - 1), min_size=2, max_size=3),
       batches=st.lists(st.integers(1, 40), max_size=4))
def test_cases_and_report_do_not_depend_on_arrival_order(tmp_path_factory, seed, orders, batches):
    rows = thread_set(random.Random(seed))
    results = []
    for n, order_seed in enumerate(orders):
        shuffled = list(rows)
        random.Random(order_seed).shuffle(shuffled)
        config = write_config(tmp_path_factory.mktemp(f"order{n}"))
        import_rows(config, shuffled, batches if n % 2 else [len(shuffled)])
        results.append(outcome(config))
    oldest_first = sorted(rows, key=lambda r: r["created_at"])
    config = write_config(tmp_path_factory.mktemp("oldest"))
    import_rows(config, oldest_first, [len(rows)])
    expected_cases, expected_report = outcome(config)
    assert expected_cases, "the generated set opened no case: the test would prove nothing"
    for cases, report in results:
        assert cases == expected_cases
        assert report == expected_report
