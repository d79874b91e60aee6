"""The application object, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from igf_report import __version__
from igf_report.cli.help import PlainHelpCommand, examples, plain_param
from igf_report.errors import EXIT_INTERRUPTED, IgfReportError

__all__ = ["app", "main"]


def _utf8_streams() -> None:
    # Output is UTF-8 with LF whatever the locale says (a Windows console, LANG=C).
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


class _ErrorFunnel(TyperGroup):
    """Turns every error a user can cause into its message and exit code.

    It also gives every command, and itself, the plain ``--help`` wording of
    :mod:`igf_report.cli.help`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 -- Click's signature
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            if type(command) is TyperCommand:
                command.__class__ = PlainHelpCommand

    def get_params(self, ctx: Any) -> list[Any]:  # noqa: ANN401 -- Click's signature
        """The group's own options, with plain ``--help`` wording."""
        return [plain_param(param) for param in super().get_params(ctx)]

    def invoke(self, ctx: Any) -> Any:  # noqa: ANN401 -- Click's own signature
        _utf8_streams()
        try:
            return super().invoke(ctx)
        except IgfReportError as exc:
            message = str(exc)
            if message:
                from igf_report.textutil import one_line  # noqa: PLC0415 -- keep start-up light

                sys.stderr.write(f"igf-report: error: {one_line(message)}\n")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nigf-report: interrupted\n")
            raise typer.Exit(EXIT_INTERRUPTED) from None


app = typer.Typer(
    name="igf-report",
    cls=_ErrorFunnel,
    help="Fill, check, print and import IGF workshop session reports.",
    epilog=examples("igf-report fill report.toml", "igf-report validate reports/"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:  # noqa: FBT001 -- Typer's callback signature
    if value:
        sys.stdout.write(f"igf-report {__version__}\n")
        raise typer.Exit


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Fill, check, print and import IGF workshop session reports."""


def main() -> None:
    """Run the command line (the ``igf-report`` console script)."""
    # igf-report uses no pydantic plugin; looking for them scans every installed
    # package's entry points, a fifth of the start-up time of `validate`.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="igf-report")
