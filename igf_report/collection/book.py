"""The book: many reports as one document, with a title and a table of contents.

Each report is written by its format's own renderer (from the ``FORMATS``
registry), so the book escapes every value exactly as a single report does;
the book only adds its title, its contents and the seams between reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Final

from igf_report import __version__
from igf_report.collection.loading import Entry
from igf_report.errors import UsageError
from igf_report.files.ownership import check_overwrite
from igf_report.marks import DOCUMENT_TITLE, MISSING
from igf_report.template.fields import FIELDS, Kind
from igf_report.textutil import display_width, visible, wrap
from igf_report.writers import format_for_output, get_renderer
from igf_report.writers.html import page_head
from igf_report.writers.markdown import escape as md
from igf_report.writers.tree import report_document
from igf_report.writers.values import as_text

__all__ = [
    "BOOK_FORMATS",
    "DEFAULT_TITLE",
    "book_format",
    "check_book_overwrite",
    "make_book",
    "when",
]

#: The formats a book can be written in.
BOOK_FORMATS: Final = ("html", "markdown", "text", "docx")
#: The book's title when none is given.
DEFAULT_TITLE: Final = f"{DOCUMENT_TITLE}s"
# Written near the start of every book, so that a book can be replaced by the next.
_MARK: Final = "compiled by igf-report"

_DATE = next(spec for spec in FIELDS if spec.kind is Kind.DATE)
_TIME = next(spec for spec in FIELDS if spec.kind is Kind.TIME)


def book_format(fmt: str | None, out: Path | None) -> str:
    """The book's format: ``fmt`` if given, else known from ``out``'s suffix, else HTML.

    Raises:
        UsageError: the format is unknown, or not available for a book.
    """
    fmt = format_for_output(fmt, out, default="html", choices=BOOK_FORMATS, what="book")
    if fmt in BOOK_FORMATS:
        return fmt
    choices = ", ".join(BOOK_FORMATS)
    msg = f"unknown --format {fmt!r} for a book; choose one of: {choices}"
    raise UsageError(msg)


def check_book_overwrite(path: Path, fmt: str, *, force: bool) -> None:
    """Refuse to replace ``path`` unless it is missing, written by igf-report, or ``force``.

    Raises:
        NotOurFile: ``path`` exists and igf-report did not write it.
    """
    renderer = get_renderer(fmt)
    # a book, or a report of the format written there before
    check_overwrite(path, lambda head: _MARK.encode() in head or renderer.marked(head), force=force)


def when(entry: Entry) -> str:
    """The report's date and time in words: ``6 December 2016, 10:45 - 11:45``."""
    values = entry.values
    parts = [as_text(spec, values[spec.key]) for spec in (_DATE, _TIME) if spec.key in values]
    return ", ".join(parts) or f"date {MISSING}"


def _title(entry: Entry) -> str | None:
    title = entry.values.get("title")
    return str(title) if title else None


def _counted(count: int) -> str:
    return f"{count} report" if count == 1 else f"{count} reports"


def make_book(entries: Sequence[Entry], fmt: str, *, title: str, width: int) -> str | bytes:
    """The book of ``entries`` (already in order) in format ``fmt``: text, or bytes for Word.

    ``width`` is the most columns a line of the text book takes; HTML,
    Markdown and Word reflow.

    An entry with errors is marked as such and its fields in error are shown
    as missing, as ``render`` shows them.
    """
    # a title is one heading: a line break in it would start a paragraph (Markdown)
    # or leave the text book's underline under its last line only
    title = " ".join(title.split()) or DEFAULT_TITLE
    if fmt == "html":
        return _html(entries, title)
    if fmt == "markdown":
        return _markdown(entries, title)
    if fmt == "docx":
        return _docx(entries, title)
    return _text(entries, title, width)  # at least 20: the command refuses less


# --- HTML ------------------------------------------------------------------------------

_BOOK_STYLE: Final = """
header.book { margin-bottom: 2rem; }
nav.contents h2 { margin-top: 1.5rem; }
nav.contents ol { padding-left: 3.2em; margin: 0; }
nav.contents li { margin: .3rem 0; break-inside: avoid; page-break-inside: avoid; }
nav.contents a { color: inherit; text-decoration: none; }
nav.contents a:hover .entry-title { text-decoration: underline; }
.entry-when { display: block; font-size: .85rem; color: #555; }
article.book-report { margin-top: 3rem; padding-top: 1.5rem; border-top: 3px double #c9d3e0; }
.has-errors { border: 1px solid #b3261e; color: #7a1a14; padding: .4rem .7rem;
  margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
.has-errors ul { margin: .3rem 0 0; }
@media print {
  article.book-report { break-before: page; page-break-before: always;
    margin-top: 0; padding-top: 0; border-top: none; }
}
"""

_STYLE_BLOCK: Final = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_BODY: Final = re.compile(r"<body>\n?(.*?)(?:<footer>.*?</footer>\n?)?</body>", re.DOTALL)


def _one_report(document: str) -> tuple[str, str]:
    """The stylesheet and the body (without its footer) of a single report's page."""
    style = _STYLE_BLOCK.search(document)
    body = _BODY.search(document)
    return (style[1] if style else ""), (body[1] if body else document)


def _errors_note_html(entry: Entry) -> str:
    items = "".join(
        f"<li>{escape(visible(f.describe() if f.path else f.message))}</li>" for f in entry.errors
    )
    return (
        f'<div class="has-errors" role="note"><strong>This report has errors</strong> '
        f"({escape(visible(entry.path))}); the fields in error are shown as missing:"
        f"<ul>{items}</ul></div>\n"
    )


def _html(entries: Sequence[Entry], title: str) -> str:
    renderer = get_renderer("html")
    style = ""
    contents = []
    articles = []
    for number, entry in enumerate(entries, start=1):
        anchor = f"report-{number}"
        page_style, body = _one_report(renderer.render(entry.values))
        style = style or page_style
        # values are escaped (a quote is &quot;), so ' id="' is only ever markup
        body = body.replace(' id="', f' id="{anchor}-')
        shown = _title(entry)
        name = (
            escape(visible(shown))
            if shown
            else f'<span class="missing">{escape(MISSING)}</span> {escape(visible(entry.path))}'
        )
        flag = " (has errors)" if entry.errors else ""
        contents.append(
            f'<li><a href="#{anchor}"><span class="entry-title">{name}</span>{flag}'
            f'<span class="entry-when">{escape(visible(when(entry)))}</span></a></li>'
        )
        note = _errors_note_html(entry) if entry.errors else ""
        articles.append(f'<article class="book-report" id="{anchor}">\n{note}{body}</article>')
    heading = escape(visible(title))
    toc = "\n".join(contents)
    reports = "\n".join(articles)
    return f"""{page_head(heading, style + _BOOK_STYLE)}
<body>
<header class="book">
<p class="kind">{escape(DOCUMENT_TITLE)}s</p>
<h1>{heading}</h1>
<p>{_counted(len(entries))}, {_MARK} {escape(__version__)}.</p>
</header>
<nav class="contents" aria-labelledby="contents">
<h2 id="contents">Contents</h2>
<ol>
{toc}
</ol>
</nav>
{reports}
<footer>{escape(f"{_counted(len(entries))}, {_MARK} {__version__}.")}</footer>
</body>
</html>
"""


# --- Markdown --------------------------------------------------------------------------


def _markdown(entries: Sequence[Entry], title: str) -> str:

    renderer = get_renderer("markdown")
    lines = [f"# {md(title)}", "", f"*{_counted(len(entries))}, {_MARK} {__version__}.*", ""]
    lines.extend(["## Contents", ""])
    for number, entry in enumerate(entries, start=1):
        shown = _title(entry)
        name = md(shown) if shown else f"*{MISSING}* {md(entry.path)}"
        flag = " (has errors)" if entry.errors else ""
        lines.append(f"{number}. [{name}](#report-{number}){flag}, {md(when(entry))}")
    for number, entry in enumerate(entries, start=1):
        lines.extend(["", "---", "", f'<a id="report-{number}"></a>', ""])
        if entry.errors:
            lines.append(f"> **This report has errors** ({md(entry.path)}):")
            lines.extend(f"> - {md(f.describe() if f.path else f.message)}" for f in entry.errors)
            lines.append("")
        document = renderer.render(entry.values)
        # every '#' in a value is escaped, so a line starting with one is a heading
        lines.extend(
            "#" + line if line.startswith("#") else line
            for line in document.rstrip("\n").split("\n")
        )
    return "\n".join(lines) + "\n"


# --- text ------------------------------------------------------------------------------


def _text(entries: Sequence[Entry], title: str, width: int) -> str:
    renderer = get_renderer("text")
    heading = wrap(visible(title), width)
    lines = [*heading, "=" * max(display_width(line) for line in heading)]
    lines.extend([f"{_counted(len(entries))}, {_MARK} {__version__}.", "", "Contents", "--------"])
    number_width = len(str(len(entries))) + 2
    for number, entry in enumerate(entries, start=1):
        shown = _title(entry) or f"{MISSING} {entry.path}"
        flag = " (has errors)" if entry.errors else ""
        marker = f"{number}.".rjust(number_width - 1) + " "
        lines.extend(wrap(visible(shown) + flag, width, marker, " " * number_width))
        lines.extend(wrap(visible(when(entry)), width, " " * number_width))
    for number, entry in enumerate(entries, start=1):
        lines.extend(["", ""])
        lines.extend(wrap(f"[{number}/{len(entries)}] {visible(entry.path)}", width))
        if entry.errors:
            lines.append("This report has errors; the fields in error are shown as missing:")
            for finding in entry.errors:
                what = finding.describe() if finding.path else finding.message
                lines.extend(wrap(visible(what), width, "- ", "  "))
        lines.append("")
        lines.extend(renderer.render(entry.values, width=width).rstrip("\n").split("\n"))
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --- Word ------------------------------------------------------------------------------


def _docx(entries: Sequence[Entry], title: str) -> bytes:
    from igf_report.writers.docx import WordWriter  # noqa: PLC0415 -- python-docx, only for a Word book

    counted = f"{_counted(len(entries))}, {_MARK} {__version__}."
    writer = WordWriter(title, counted, _MARK)
    writer.heading(visible(title), level=0)
    writer.paragraph(counted)
    writer.heading("Contents", level=1)
    for entry in entries:
        line = writer.paragraph(style="List Number")
        line.add_run(visible(_title(entry) or f"{MISSING} {entry.path}")).bold = True
        if entry.errors:
            line.add_run(" (has errors)")
        line.add_run(f"\n{visible(when(entry))}")
    for entry in entries:
        writer.page_break()
        if entry.errors:
            note = writer.paragraph()
            note.add_run(
                f"This report has errors ({visible(entry.path)}); "
                "the fields in error are shown as missing:"
            ).bold = True
            for finding in entry.errors:
                what = finding.describe() if finding.path else finding.message
                writer.paragraph(visible(what), style="List Bullet")
        writer.add_document(report_document(entry.values), level=1)
    return writer.save()
