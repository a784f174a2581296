"""rules/frozen.py: a quick_init dataclass is built as the generated __init__ builds it, frozen and of its own class,
and refuses what it cannot copy."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from kuulo.rules.classify import Tone
from kuulo.rules.frozen import quick_init
from kuulo.rules.verdict import BrandMatch, Suggestion, Verdict


@dataclasses.dataclass(frozen=True, slots=True)
class Generated:
    """The same fields as Quick, with the __init__ dataclasses writes."""

    name: str
    score: float
    how: str = "exact"
    notes: tuple[str, ...] = ()


@quick_init
@dataclasses.dataclass(frozen=True, slots=True)
class Quick:
    """Generated's fields, built by quick_init's __init__."""

    name: str
    score: float
    how: str = "exact"
    notes: tuple[str, ...] = ()


@pytest.mark.parametrize("args, kwargs", [
    (("Posti", 90.0), {}),
    (("Posti",), {"score": 90.5, "notes": ("a",)}),
    ((), {"name": "Posti", "score": 1.0, "how": "fuzzy"}),
    (("Posti", 2.0, "handle", ("b", "c")), {}),
])
def test_the_same_arguments_make_the_same_fields(args: tuple, kwargs: dict) -> None:
    quick, generated = Quick(*args, **kwargs), Generated(*args, **kwargs)
    assert dataclasses.astuple(quick) == dataclasses.astuple(generated)
    assert repr(quick) == repr(generated).replace("Generated", "Quick")
    assert quick == Quick(*args, **kwargs) and hash(quick) == hash(Quick(*args, **kwargs))
    assert pickle.loads(pickle.dumps(quick)) == quick


@pytest.mark.parametrize("args, kwargs, message", [
    (("Posti",), {}, "missing 1 required positional argument: 'score'"),
    (("Posti", 1.0, "exact", (), "extra"), {}, "takes from 3 to 5 positional arguments but 6 were given"),
    (("Posti", 1.0), {"colour": "red"}, "unexpected keyword argument 'colour'"),
    (("Posti", 1.0), {"name": "Alko"}, "multiple values for argument 'name'"),
])
def test_wrong_arguments_fail_as_with_the_generated_init(args: tuple, kwargs: dict, message: str) -> None:
    for cls in (Quick, Generated):
        with pytest.raises(TypeError, match=message):
            cls(*args, **kwargs)


class Same(Quick):
    """A subclass with Quick's slots."""

    __slots__ = ()


class Wider(Quick):
    """A subclass with a slot of its own."""

    __slots__ = ("extra",)


@pytest.mark.parametrize("cls", [Quick, Same, Wider])
def test_an_instance_is_of_its_own_class_once_built(cls: type[Quick]) -> None:
    # quick_init sets the slots while the instance is of an open class with Quick's slots, then makes it Quick again;
    # a subclass's instance has its slots set one by one and stays of the subclass
    quick = cls("Posti", 1.0, notes=("a",))
    assert type(quick) is cls and dataclasses.astuple(quick) == ("Posti", 1.0, "exact", ("a",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.score = 2.0  # type: ignore[misc]


def test_the_instances_stay_frozen() -> None:
    quick = Quick("Posti", 1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.name = "Alko"  # type: ignore[misc]
    assert dataclasses.replace(quick, how="fuzzy") == Quick("Posti", 1.0, "fuzzy")


def test_the_engine_s_classes_are_built_by_it() -> None:
    for cls in (Verdict, BrandMatch, Suggestion, Tone):
        assert cls.__init__.__qualname__ == f"{cls.__name__}.__init__"
        assert "__setattr__" not in cls.__init__.__code__.co_names, cls  # the generated __init__ calls it a field
    verdict = Verdict((BrandMatch("Posti", "Posti", "Postin", "inflected", 100.0),), True, ("question mark",),
                      False, (), (), (), True, "normal", "fi", ())
    assert (verdict.notes, verdict.praise, verdict.question_discounted) == ((), False, ())
    assert verdict.brands[0].how == "inflected"


@pytest.mark.parametrize("field", [
    dataclasses.field(default_factory=tuple),
    dataclasses.field(default=(), init=False),
    dataclasses.field(default=(), kw_only=True),
])
def test_a_field_it_cannot_copy_is_refused(field: dataclasses.Field) -> None:
    cls = dataclasses.make_dataclass("Odd", [("name", str), ("notes", tuple, field)], frozen=True, slots=True)
    with pytest.raises(TypeError, match="Odd.notes is not a plain init field"):
        quick_init(cls)


def test_a_field_of_a_slots_base_class_is_refused() -> None:
    base = dataclasses.make_dataclass("Base", [("name", str)], frozen=True, slots=True)
    cls = dataclasses.make_dataclass("Child", [("score", float)], bases=(base,), frozen=True, slots=True)
    with pytest.raises(TypeError, match="Child.name is not a plain init field"):  # its slot is the base class's
        quick_init(cls)


def test_a_class_without_slots_is_refused() -> None:
    cls = dataclasses.make_dataclass("Loose", [("name", str)], frozen=True)
    with pytest.raises(TypeError, match="Loose is no slots dataclass"):
        quick_init(cls)
