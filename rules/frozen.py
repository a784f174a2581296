"""Frozen slots dataclasses built in a fifth of the time: the engine makes a Verdict, a Tone and BrandMatches a post."""

from __future__ import annotations

from dataclasses import MISSING, fields, is_dataclass
from typing import TypeVar

T = TypeVar("T")
_SET_CLASS = object.__dict__["__class__"].__set__  # __class__ assignment, past a frozen class's __setattr__


def quick_init(cls: type[T]) -> type[T]:
    """The frozen slots dataclass `cls` with an __init__ of the same parameters and defaults that sets its slots while
    the instance is of an open class with the same slots, then makes it `cls` again; the generated __init__ sets each
    slot through object.__setattr__, a slower call a field."""
    # Applied under @dataclass(frozen=True, slots=True); the instances are the same: frozen, equal, hashed and shown
    # alike. An instance of a subclass (another layout, or the wrong class to return to) has each slot set through its
    # descriptor. The code is made as dataclasses makes its own: from the field names, which are identifiers.
    if not is_dataclass(cls) or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init: {cls.__name__} is no slots dataclass without __post_init__")
    params, stores, sets = [], [], []
    names = {"_cls": cls, "_set_class": _SET_CLASS,
             "_open": type(f"{cls.__name__}Open", cls.__bases__, {"__slots__": cls.__dict__["__slots__"]})}
    for f in fields(cls):
        if not f.init or f.kw_only or f.default_factory is not MISSING or f.name not in cls.__dict__:  # a base's slot
            raise TypeError(f"quick_init: {cls.__name__}.{f.name} is not a plain init field")
        names[f"_set_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        if f.default is MISSING:
            params.append(f.name)
        else:
            names[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        stores.append(f"        self.{f.name} = {f.name}\n")
        sets.append(f"        _set_{f.name}(self, {f.name})\n")
    code = (f"def __init__(self, {', '.join(params)}):\n    if type(self) is _cls:\n        _set_class(self, _open)\n"
            f"{''.join(stores)}        self.__class__ = _cls\n    else:\n{''.join(sets)}")
    exec(code, names)  # noqa: S102
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = cls.__init__.__annotations__
    setattr(cls, "__init__", init)
    return cls
