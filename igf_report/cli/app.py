"""The application object, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import errno
import importlib
import os
import signal
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from igf_report import __version__
from igf_report.cli.commands import COMMANDS
from igf_report.cli.help import PlainHelpCommand, examples, plain_param
from igf_report.cli.output import GuardedStdout
from igf_report.errors import ExitStatus, IgfReportError, QuietFailure, StdoutError
from igf_report.textutil import one_line

__all__ = ["app", "main"]


def _utf8_streams() -> None:
    # Output is UTF-8 with LF whatever the locale says (a Windows console, LANG=C).
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


#: A reader that stops early (``| head``) ends a Unix tool with SIGPIPE; where
#: there is no SIGPIPE (Windows), it is a failed write.
_BROKEN_PIPE = ExitStatus.BROKEN_PIPE if hasattr(signal, "SIGPIPE") else ExitStatus.FAILED


def _guard_streams() -> None:
    # A closed stdin reads as empty, as </dev/null does; a closed stdout is
    # said to be closed when a command writes to it; a closed stderr discards.
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: PTH123, SIM115 -- for the whole run
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: PTH123, SIM115
    if not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout).as_textio()


def _discard_stdout() -> None:
    # What is still buffered would fail again when Python flushes at exit,
    # printing "Exception ignored"; the bytes can go nowhere anyway.
    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else None
    except (OSError, ValueError):  # not a real file (CliRunner)
        return
    if fd is not None:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


#: In the context's meta while the group's own ``--help`` lists the commands.
_LISTING = "igf_report.listing"


class _Unloaded(TyperCommand):
    """A command whose module is not imported yet: its name and one-line help."""


def _plain(command: Any) -> None:  # noqa: ANN401 -- a Click command
    if type(command) is TyperCommand:
        command.__class__ = PlainHelpCommand


def _load(name: str) -> Any:  # noqa: ANN401 -- a Click command
    """Import the module of command ``name`` (it registers on :data:`app`) and build it."""
    importlib.import_module(f"igf_report.cli.commands.{COMMANDS[name].module}")
    info = next(
        info
        for info in app.registered_commands
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name  # type: ignore[union-attr]
    )
    command = typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
    _plain(command)
    return command


class _ErrorFunnel(TyperGroup):
    """Turns every error a user can cause into its message and exit code.

    It also gives every command, and itself, the plain ``--help`` wording of
    :mod:`igf_report.cli.help`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 -- Click's signature
        super().__init__(*args, **kwargs)
        # every command of the table, in its order; one whose module is not
        # imported yet stands in as its name and one-line help
        loaded = self.commands
        self.commands = {
            name: loaded.pop(name) if name in loaded else _Unloaded(name, help=entry.summary)
            for name, entry in COMMANDS.items()
        }
        self.commands.update(loaded)
        for command in self.commands.values():
            _plain(command)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:  # noqa: ANN401 -- Click's signature
        """The command named ``cmd_name``, its module imported now if it was not yet."""
        command = self.commands.get(cmd_name)
        if isinstance(command, _Unloaded) and not ctx.meta.get(_LISTING):
            command = self.commands[cmd_name] = _load(cmd_name)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:  # noqa: ANN401 -- Click's signature
        """The group's ``--help``: its commands listed by the table, none of them imported."""
        ctx.meta[_LISTING] = True
        try:
            super().format_help(ctx, formatter)
        finally:
            del ctx.meta[_LISTING]

    def get_params(self, ctx: Any) -> list[Any]:  # noqa: ANN401 -- Click's signature
        """The group's own options, with plain ``--help`` wording."""
        return [plain_param(param) for param in super().get_params(ctx)]

    def invoke(self, ctx: Any) -> Any:  # noqa: ANN401 -- Click's own signature
        _utf8_streams()
        _guard_streams()
        try:
            try:
                return super().invoke(ctx)
            finally:
                # here, so that a full disk at the last write is still caught
                sys.stdout.flush()
        except StdoutError as exc:
            _discard_stdout()
            if exc.errno == errno.EPIPE:
                raise typer.Exit(_BROKEN_PIPE) from None
            sys.stderr.write(f"igf-report: error: {exc}\n")
            raise typer.Exit(exc.exit_code) from None
        except IgfReportError as exc:
            if not isinstance(exc, QuietFailure):  # a quiet one has said why already
                sys.stderr.write(f"igf-report: error: {one_line(str(exc))}\n")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nigf-report: interrupted\n")
            raise typer.Exit(ExitStatus.INTERRUPTED) from None


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
        raise typer.Exit(ExitStatus.OK)


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
    _occupy_closed_descriptors()
    app(prog_name="igf-report")


def _occupy_closed_descriptors() -> None:
    # With 0, 1 or 2 closed, the next file opened (a report being written)
    # would get that number, and anything written to "stdout" would land in it.
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:  # a lower one was closed too and took it; it stays open
                os.dup2(opened, fd)
