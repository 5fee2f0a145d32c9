"""The model's refusals as data: a code and the numbers its sentence needs.

``ModelError(code, message, units=..., **params)`` is a ``ValueError`` (pydantic validators may
raise it; a ``ValidationError`` keeps it in ``ctx["error"]``). ``str()`` is the English
``message``, for logs and the command line; a UI says the same in the user's language from
``code`` and ``params`` (``ui.errors.describe_error`` → catalogue key ``err.<code>`` formatted
with the params), never by reading the message.

``units`` names how a number param is shown (a registry unit: ``"yuan"``, ``"fraction"``,
``"days"``, ``"s"``, …; ``"kind"`` for a promotion kind, ``"date"`` for an ISO date; a param not
named is a plain number, or text quoted as given).
"""

from __future__ import annotations

from collections.abc import Mapping

#: A param's value: a number the sentence formats, or a short text (a kind, an ISO date).
ParamValue = float | int | str


class ModelError(ValueError):
    """A refusal the user can act on: ``code`` (catalogue key ``err.<code>``), its ``params`` and
    their display ``units``; ``str()`` is the English ``message``."""

    def __init__(
        self,
        code: str,
        message: str,
        /,
        *,
        units: Mapping[str, str] | None = None,
        **params: ParamValue,
    ) -> None:
        self.code, self.message = code, message
        self.params: dict[str, ParamValue] = dict(params)
        self.units: dict[str, str] = dict(units or {})
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        # pickled across the calibration worker's process boundary: code, message, params kept
        return (_rebuild, (type(self), self.code, self.message, self.units, self.params))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r}, **{self.params!r})"


def _rebuild(
    cls: type[ModelError], code: str, message: str, units: dict[str, str], params: dict
) -> ModelError:
    err = ModelError.__new__(cls)
    ModelError.__init__(err, code, message, units=units, **params)
    return err
