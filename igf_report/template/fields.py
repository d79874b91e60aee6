"""The template's fields, read off the model in template order.

Everything that shows, asks for, parses or checks a field (prompts, renderers,
the importer, ``fields``, ``new``, error messages) iterates :data:`FIELDS`
instead of naming fields itself.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Final

from pydantic import TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from igf_report.template.model import (
    PARAGRAPHS,
    Person,
    Presentation,
    Report,
    Template,
    TimeRange,
)

__all__ = [
    "FIELDS",
    "FieldSpec",
    "Kind",
    "field_for_path",
    "key_of_path",
    "label_for_path",
    "place_for_people",
]


class Kind(enum.Enum):
    """How a field's value is shaped, which decides how it is asked and shown."""

    TEXT = "text"
    DATE = "date"
    TIME = "time range"
    PERSON = "person"
    PERSONS = "list of persons"
    SENTENCES = "list of sentences"
    PRESENTATIONS = "list of presentations"
    PARAGRAPHS = "list of paragraphs"

    @property
    def is_list(self) -> bool:
        """Whether the field holds a list of items."""
        return self in {
            Kind.PERSONS,
            Kind.SENTENCES,
            Kind.PRESENTATIONS,
            Kind.PARAGRAPHS,
        }


@dataclass(frozen=True)
class FieldSpec:
    """One field of the template, as the model declares it.

    Attributes:
        key: the key in the report file.
        number: 1-based position in the template.
        label: the short template label (``Field(title=...)``).
        heading: the label as printed on the published report.
        wordings: the label's other wordings, for the importer.
        instruction: what the template asks for (``Field(description=...)``).
        example: an example, as it would be typed.
        required: whether a report without it is refused.
        kind: the shape of the value.
        info: pydantic's own description of the field.
    """

    key: str
    number: int
    label: str
    heading: str
    wordings: tuple[str, ...]
    instruction: str
    example: str
    required: bool
    kind: Kind
    info: FieldInfo

    @functools.cached_property
    def template(self) -> Template:
        """The field's :class:`~igf_report.template.model.Template` marker."""
        return next(m for m in self.info.metadata if isinstance(m, Template))

    @functools.cached_property
    def short(self) -> str:
        """A heading that fits one terminal line: the short label of a long question."""
        return self.template.short or self.label

    @functools.cached_property
    def adapter(self) -> TypeAdapter[Any]:
        """Validates this field's value alone, with the model's own rules."""
        annotated: Any = Annotated[self.info.annotation, self.info]
        return TypeAdapter(annotated)

    @functools.cached_property
    def takes_line_breaks(self) -> bool:
        """Whether an answer (a list's item) may hold a line break, by the model's rule.

        A presentation's summary may, its title may not: the wizard asks
        those two apart.
        """
        sample = "A line\nand another"
        try:
            self.adapter.validate_python([sample] if self.kind.is_list else sample)
        except ValidationError:
            return False
        return True

    @functools.cached_property
    def part_examples(self) -> tuple[tuple[str, str], ...]:
        """An example for each part a list item is asked in: ``("title", "Gob.mx")``.

        A presentation is asked as its title, then its summary; each prompt
        gets its own example from the model. Empty for other fields.
        """
        if self.kind is not Kind.PRESENTATIONS:
            return ()
        return tuple(
            ((info.title or name).lower(), str(info.examples[0]))
            for name, info in Presentation.model_fields.items()
            if info.examples
        )

    def warnings(self, value: Any) -> Iterator[tuple[str, str]]:  # noqa: ANN401 -- any field's value
        """Yield ``(path, message)`` for each piece of guidance ``value`` misses."""
        for check in self.template.checks:
            for sub, message in check(value):
                yield self.key + sub, message

    def is_empty(self, value: object) -> bool:
        """Whether ``value`` counts as not given (missing, blank or an empty list)."""
        if value is None:
            return True
        if isinstance(value, str):
            return not value.strip()
        if isinstance(value, list):
            return not value
        if isinstance(value, dict):  # a blank table from ``igf-report new``
            return all(self.is_empty(v) for v in value.values())
        return False


def _bare(annotation: object) -> object:
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _kind(annotation: object) -> Kind:  # noqa: PLR0911 -- one return per kind
    annotation = _bare(annotation)
    if typing.get_origin(annotation) is list:
        item = _bare(typing.get_args(annotation)[0])
        if item is Person:
            return Kind.PERSONS
        if item is Presentation:
            return Kind.PRESENTATIONS
        return Kind.SENTENCES
    options = {_bare(a) for a in typing.get_args(annotation)} | {annotation}
    if TimeRange in options:
        return Kind.TIME
    if Person in options:
        return Kind.PERSON
    if dt.date in options:
        return Kind.DATE
    return Kind.TEXT


def _specs() -> tuple[FieldSpec, ...]:
    specs: list[FieldSpec] = []
    for key, info in Report.model_fields.items():
        marker = next((m for m in info.metadata if isinstance(m, Template)), None)
        if marker is None:
            continue  # not a template field (the ``template`` key)
        kind = _kind(info.annotation)
        if kind is Kind.SENTENCES and PARAGRAPHS in info.metadata:
            kind = Kind.PARAGRAPHS
        specs.append(
            FieldSpec(
                key=key,
                number=len(specs) + 1,
                label=info.title or key,
                heading=marker.heading,
                wordings=marker.wordings,
                instruction=info.description or "",
                example=str((info.examples or [""])[0]),
                required=info.is_required(),
                kind=kind,
                info=info,
            )
        )
    return tuple(specs)


FIELDS: Final = _specs()
_BY_KEY: Final = {spec.key: spec for spec in FIELDS}


def key_of_path(path: str) -> str:
    """The top-level key a finding's path belongs to: ``speakers[1].name`` -> ``speakers``."""
    return path.partition(".")[0].partition("[")[0]


def field_for_path(path: str) -> FieldSpec | None:
    """The field a finding's path (``speakers[1].name``) belongs to, if any."""
    return _BY_KEY.get(key_of_path(path))


def label_for_path(path: str) -> str:
    """The template label of the field that ``path`` belongs to."""
    spec = field_for_path(path)
    return spec.label if spec is not None else "not a template field"


_STEP: Final = re.compile(r"\[(\d+)\]|\.(\w+)")


def place_for_people(path: str, *, short: bool = False) -> str:
    """Where a finding's path points, said the way a person counts.

    The path (``speakers[4].name``) stays the machine's name, in JSON output;
    everything a person reads names the place with this one function: the
    field's template label, then each item numbered from 1 and each part by
    its name.

    Examples:
        ``speakers[4].name`` -> ``List of Speakers and their institutional
        affiliations, item 5, name`` (``Speakers, item 5, name`` with
        ``short``); ``chair.affiliation`` -> ``Chair/Moderator, affiliation``;
        ``date`` -> ``Date``; a key the template does not know is ``not a
        template field``; an empty path is ``the whole file``.

    Args:
        path: a finding's path.
        short: name the field by its short heading, the one the wizard's
            screen shows, rather than the template's full label.

    Returns:
        The place, for a message.
    """
    if not path:
        return "the whole file"
    key = key_of_path(path)
    spec = field_for_path(key)
    label = label_for_path(key) if spec is None else spec.short if short else spec.label
    parts = [label]
    for index, name in _STEP.findall(path[len(key) :]):
        parts.append(f"item {int(index) + 1}" if index else name.replace("_", " "))
    return ", ".join(parts)
