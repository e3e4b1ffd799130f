"""Messages of the store and the importers: the E3xx block of :class:`detente.errors.Errors`."""
from __future__ import annotations

from ..errors import Errors


def reason(code: str, **kw: object) -> str:
    """The catalogue message for ``code`` with its fields filled in (for Problem.reason)."""
    return getattr(Errors, code).format(**kw)


def msg(code: str, **kw: object) -> str:
    """The message prefixed by its code, for exceptions."""
    return f"[{code}] " + reason(code, **kw)
