"""A case as it is shown: storage's view, with the reply suggestions the rules give its post's stored verdict when it
holds none (verdicts are stored without them, bot/judging.py; an older row's stored ones are kept)."""

from __future__ import annotations

from typing import Any, Callable

from kuulo.rules.engine import Engine
from kuulo.storage.cases import case_view
from kuulo.storage.db import Database


def with_suggestions(engine: Engine, view: dict[str, Any]) -> dict[str, Any]:
    """The view with its verdict's suggestions filled in from the facts the verdict stores (brand, categories,
    question, negative, praise, language), or, for a verdict stored before it held them all, from the post judged again
    as at import; a view without a verdict (a post the rules did not judge) or with stored suggestions is as it is."""
    verdict = view["verdict"]
    if not verdict or "suggestions" in verdict:
        return view
    if "praise" in verdict and "lang" in verdict:
        brands = verdict["brands"]
        filled = engine.suggest(brands[0]["brand"], verdict["categories"], verdict["is_question"], verdict["negative"],
                                verdict["praise"], verdict["lang"], view["platform"], view["author"]) if brands else ()
        suggestions = [s.to_json() for s in filled]
    else:
        judged = engine.evaluate(view["text"], platform=view["platform"], author=view["author"], lang=view["lang"])
        suggestions = judged.to_json()["suggestions"]
    return {**view, "verdict": {**verdict, "suggestions": suggestions}}


def shown_case(db: Database, engine: Engine, case_id: int) -> dict[str, Any] | None:
    """A case with its post and the post's verdict, suggestions included: everything an alert shows."""
    view = case_view(db, case_id)
    return None if view is None else with_suggestions(engine, view)


def read_shown_case(read: Callable[..., Any], engine: Engine, case_id: int) -> dict[str, Any] | None:
    """shown_case through a desk's `read` (storage on its connection, under its lock; the rules outside it)."""
    view = read(case_view, case_id)
    return None if view is None else with_suggestions(engine, view)
