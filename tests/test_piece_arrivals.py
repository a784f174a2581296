"""bench/tone_history.py --pieces: a batch on its arrival is judged with a word-piece table fitted only on the
batches before it, and the threshold with their out-of-batch log-odds (the shipped form, nothing of the batch seen)."""

from __future__ import annotations

import numpy as np

from tests.rules_support import bench_module


def _read(posts: list[dict], rng: np.random.Generator) -> dict:
    """A language's reading as piece_reads gives it, for random pieces: ids, means, labels, centred vectors."""
    vectors = rng.normal(size=(40, 8))
    vectors -= vectors.mean(0)
    ids = [list(rng.integers(0, 40, size=5)) for _ in posts]
    return {"weight": 0.5, "vectors": vectors, "at": {p["id"]: k for k, p in enumerate(posts)}, "ids": ids,
            "means": np.array([vectors[i].mean(0) for i in ids]),
            "labels": np.array([p["negative"] for p in posts], float)}


def test_the_new_batch_is_scored_by_a_table_of_the_batches_before_and_they_out_of_batch() -> None:
    history, pieces = bench_module("tone_history"), bench_module("train_pieces")
    rng = np.random.default_rng(7)
    # ids of three batches of batch_of's ranges (fi-0001.. 1-5, fi-0462.. 6 W1, fi-0822.. 6 W2), and a new one
    posts = [{"id": f"fi-{n:04d}", "negative": bool(rng.integers(0, 2))}
             for n in (*range(1, 31), *range(462, 492), *range(822, 852), *range(1532, 1542))]
    batch = bench_module("train_tone").batch_of
    assert len({batch(p["id"]) for p in posts}) == 4
    read = _read(posts, rng)
    before, new = posts[:90], posts[90:]
    known, z_new = history.arrival_log_odds(read, before, new)
    assert set(known) == {p["id"] for p in before}
    seen = list(range(90))
    scalars, bias = pieces.fit_table(read["vectors"], read["means"][seen], read["labels"][seen])
    assert z_new == [pieces.table_score(scalars, bias, read["ids"][k]) for k in range(90, 100)]
    # a post of the new batch changes no earlier post's log-odds, nor any label of it the new table
    read["labels"][90:] = 1.0 - read["labels"][90:]
    assert history.arrival_log_odds(read, before, new) == (known, z_new)
    # each earlier post's by a table without its own batch: flipping a batch's labels moves only the others'
    read["labels"][:30] = 1.0 - read["labels"][:30]
    moved, _ = history.arrival_log_odds(read, before, new)
    assert all(moved[p["id"]] != known[p["id"]] for p in before[30:]) and all(
        moved[p["id"]] == known[p["id"]] for p in before[:30])
