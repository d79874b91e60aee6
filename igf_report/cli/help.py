"""How ``--help`` names what an option takes: words for people, not Python types.

Typer labels every parameter with its Python type (``<bool>``, ``<list[Path]>``,
``<int range>``) and a required argument as ``{FILE}`` in the usage line. Here a
flag shows nothing, an option shows its metavar (``FORMAT``, ``FILE``), an
argument its name, a range reads ``20 to 1000``, the default of an on/off flag
is the option itself (``--pager``), and examples stand one a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typer.core import TyperArgument, TyperCommand, TyperOption

if TYPE_CHECKING:  # Typer's own copy of Click, named for the type checker only
    from typer._click.core import Parameter

__all__ = ["PlainHelpCommand", "examples", "plain_param"]


def _range(low: float | None, high: float | None) -> str | None:
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    return None


class _PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:  # noqa: ANN401, ARG002 -- Typer's signature
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"


class _PlainOption(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:  # noqa: ANN401, ARG002 -- Typer's signature
        if self.is_flag or self.count:
            return None
        return self.metavar or (self.name or "value").upper()

    def _get_number_range_help_str(self) -> str | None:
        low, high = getattr(self, "min", None), getattr(self, "max", None)
        return _range(low, high)

    def _get_default_string(self, **kwargs: Any) -> str:  # noqa: ANN401 -- Typer's keywords
        # Typer writes the default of --pager/--no-pager as "pager": say the option
        if self.is_bool_flag and self.secondary_opts:
            return (self.opts if self.default else self.secondary_opts)[0]
        return super()._get_default_string(**kwargs)


def plain_param(param: Parameter) -> Parameter:
    """``param``, shown in ``--help`` with plain words (see the module)."""
    # Typer builds its own parameter classes; only their help wording changes here
    if type(param) is TyperOption:
        param.__class__ = _PlainOption
    elif type(param) is TyperArgument:
        param.__class__ = _PlainArgument
    return param


class PlainHelpCommand(TyperCommand):
    """A command whose ``--help`` names parameters in plain words."""

    def get_params(self, ctx: Any) -> list[Parameter]:  # noqa: ANN401 -- Click's signature
        """The command's parameters, its help option included."""
        return [plain_param(param) for param in super().get_params(ctx)]


def examples(*commands: str) -> str:
    """An epilog for ``--help``: ``Example:`` or ``Examples:``, then one command a line."""
    head = "Example:" if len(commands) == 1 else "Examples:"
    # Typer keeps single line breaks in its rich markup mode, the default
    return "\n".join([head, *commands])
