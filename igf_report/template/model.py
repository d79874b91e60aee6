"""The IGF 2016 workshop report template, as a pydantic model.

This module is the template. Each field of :class:`Report` carries, in its
declaration and nowhere else:

- its order (declaration order is template order);
- its short template label (``Field(title=...)``), its instruction
  (``Field(description=...)``) and an example as a rapporteur would type it
  (``Field(examples=[...])``), which the JSON schema shows too;
- a :class:`Template` marker with the label as published on the report, the
  wordings of the 2016 and 2015 template pages, and the checks that give
  warnings when the template's guidance is not met;
- its type and its rules, whose parsers live in :mod:`igf_report.template.parsers`.

Prompts, renderers, the schema, the importer and error messages read these
through :mod:`igf_report.template.fields`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    Strict,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from igf_report.template.parsers import (
    MEETING_DAYS,
    count_paragraphs,
    count_sentences,
    parse_date,
    parse_time,
    parse_time_range,
    split_paragraphs,
    split_person,
)

__all__ = [
    "MAX_TEXT",
    "PARAGRAPHS",
    "PARAGRAPHS_ASKED",
    "TEMPLATE_ID",
    "Person",
    "Presentation",
    "Report",
    "Template",
    "TimeRange",
]

TEMPLATE_ID: Final = "igf-2016-workshop"

#: Longest value accepted in any one text field (a paragraph pasted from Word
#: is a few thousand characters; this leaves room for a whole essay).
MAX_TEXT: Final = 20_000

#: A warning: the path below the field (``""`` for the field itself, ``"[2]"``
#: for an item) and the message.
Guidance = tuple[str, str]
Check = Callable[[Any], Iterator[Guidance]]


@dataclass(frozen=True)
class Template:
    """What the template says about a field, beyond its label and instruction.

    Attributes:
        heading: the label as printed on the published report.
        wordings: other labels the field had: the 2016 and 2015 template pages.
        checks: functions that yield warnings when the guidance is not met.
        when_missing: the warning for an optional field left empty, when the
            template's rules still ask for it.
        short: a heading that fits on one line of a terminal, for a field whose
            label is a long question; ``None`` when the label is short already.
    """

    heading: str
    wordings: tuple[str, ...] = ()
    checks: tuple[Check, ...] = field(default=())
    when_missing: str | None = None
    short: str | None = None

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Add the published label to the field's schema."""
        json_schema = handler(schema)
        json_schema["x-template-label"] = self.heading
        return json_schema


def _one_line(value: str) -> str:
    if "\n" in value:  # Text has made every line break \n (_lf)
        msg = "must be on one line"
        raise ValueError(msg)
    return value


def _text_or_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _one_or_many(value: object) -> object:
    """Let a single value stand for a list of one (handy in JSON and ``--set``)."""
    if isinstance(value, str | dict):
        return [value]
    return value


def _paragraphs(value: object) -> object:
    """Split one string at blank lines into paragraphs; pass a list through."""
    return split_paragraphs(value) if isinstance(value, str) else value


#: Marks a list of paragraphs (as opposed to a list of sentences).
PARAGRAPHS: Final = BeforeValidator(_paragraphs, json_schema_input_type=list[str] | str)


def _lf(value: object) -> object:
    """Line breaks are LF, whatever the answer was typed or pasted on."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


# The before-validator comes last so that it wraps a plain constrained str
# schema, which pydantic-core checks natively (first, it would make pydantic
# apply the constraints in Python, several times slower).
Text = Annotated[
    str,
    Strict(),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    BeforeValidator(_lf),
]
OneLine = Annotated[Text, AfterValidator(_one_line)]
OptionalText = Annotated[Text | None, BeforeValidator(_text_or_none)]
# json_schema_input_type: the schema says what a file may hold (text to be
# parsed, or the TOML value itself), not only what the parser makes of it.
Date = Annotated[
    dt.date, Strict(), BeforeValidator(parse_date, json_schema_input_type=dt.date | str)
]
Time = Annotated[
    dt.time, Strict(), BeforeValidator(parse_time, json_schema_input_type=dt.time | str)
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(_Strict):
    """A person as the template writes one: a name and an affiliation."""

    name: OneLine = Field(title="Name", examples=["Yolanda Martínez Mancilla"])
    affiliation: Annotated[OneLine | None, BeforeValidator(_text_or_none)] = Field(
        default=None,
        title="Affiliation",
        examples=["Ministry of Public Administration of Mexico"],
    )

    def __str__(self) -> str:
        return f"{self.name}, {self.affiliation}" if self.affiliation else self.name


PersonInput = Annotated[Person, BeforeValidator(split_person, json_schema_input_type=Person | str)]


class TimeRange(_Strict):
    """When the session ran, in the local time of the venue."""

    start: Time = Field(title="Start", examples=["10:45"])
    end: Time = Field(title="End", examples=["11:45"])

    @model_validator(mode="after")
    def _end_after_start(self) -> TimeRange:
        if self.end <= self.start:
            msg = f"ends at {self.end:%H:%M}, not after it starts at {self.start:%H:%M}"
            raise ValueError(msg)
        return self

    def __str__(self) -> str:
        return f"{self.start:%H:%M} - {self.end:%H:%M}"


def _presentation(value: object) -> object:
    """Let a string stand for a presentation without a title."""
    return {"summary": value} if isinstance(value, str) else value


class Presentation(_Strict):
    """One presentation: its title, if it had one, and a 1-paragraph summary."""

    title: Annotated[OneLine | None, BeforeValidator(_text_or_none)] = Field(
        default=None, title="Title", examples=["Gob.mx"]
    )
    summary: Text = Field(
        title="Summary",
        examples=["The platform gob.mx is a single point of access for citizens."],
    )


# --- the checks behind the warnings --------------------------------------------------


def _outside_meeting(day: dt.date) -> Iterator[Guidance]:
    first, last = MEETING_DAYS
    if not first <= day <= last:
        yield (
            "",
            (
                f"{day:%-d %B %Y} is outside the IGF 2016 meeting days "
                f"({first:%-d} to {last:%-d %B %Y})"
            ),
        )


#: The earliest a session plausibly starts: earlier is the small hours.
EARLIEST_START: Final = dt.time(7)
_NOON: Final = dt.time(12)


def afternoon(time: TimeRange) -> TimeRange | None:
    """The same session twelve hours later, when it starts in the small hours.

    ``3-4:30`` is read as 03:00 - 04:30; a session then is far more likely
    15:00 - 16:30 written without ``pm``. ``None`` when the time starts at a
    plausible hour, or when twelve hours later would pass midnight.
    """
    if time.start >= EARLIEST_START or time.end >= _NOON:
        return None
    return TimeRange(
        start=time.start.replace(hour=time.start.hour + 12),
        end=time.end.replace(hour=time.end.hour + 12),
    )


def _small_hours(time: TimeRange) -> Iterator[Guidance]:
    if time.start >= EARLIEST_START:
        return
    later = afternoon(time)
    guess = f"; did you mean {later} (write pm for the afternoon)?" if later else ""
    yield "", f"starts at {time.start:%H:%M}, in the small hours{guess}"


def _no_affiliation(person: Person) -> Iterator[Guidance]:
    if person.affiliation is None:
        yield ".affiliation", f"{person.name} has no affiliation"


def _each(check: Check) -> Check:
    def each(items: list[Any]) -> Iterator[Guidance]:
        for index, item in enumerate(items):
            for path, message in check(item):
                yield f"[{index}]{path}", message

    return each


def _one_sentence(issue: str) -> Iterator[Guidance]:
    if (n := count_sentences(issue)) > 1:
        yield "", f"has {n} sentences; the template asks for 1 sentence per issue"


def _one_paragraph(presentation: Presentation) -> Iterator[Guidance]:
    if (n := count_paragraphs(presentation.summary)) > 1:
        yield ".summary", f"has {n} paragraphs; the template asks for 1 paragraph"


#: How many paragraphs the template asks for in discussions and way forward.
PARAGRAPHS_ASKED: Final = 3


def _three_paragraphs(paragraphs: list[str]) -> Iterator[Guidance]:
    # Fewer is guidance missed as much as more: the secretariat asked for 3.
    n = sum(count_paragraphs(p) for p in paragraphs)
    if n != PARAGRAPHS_ASKED:
        said = "1 paragraph" if n == 1 else f"{n} paragraphs"
        yield "", f"has {said}; the template asks for {PARAGRAPHS_ASKED}"


class Report(_Strict):
    """A filled-in IGF 2016 workshop report."""

    model_config = ConfigDict(title="IGF 2016 Workshop Report")

    template: Literal["igf-2016-workshop"] = Field(
        default=TEMPLATE_ID,
        title="Template",
        description="Which report template this file follows.",
    )
    title: Annotated[
        OneLine,
        Field(
            title="Session Title",
            description="The title of the session as on the IGF schedule, on one line.",
            examples=["National Digital Strategy Impact"],
        ),
        Template("Session Title", ("Session title:",)),
    ]
    date: Annotated[
        Date,
        Field(
            title="Date",
            description="The day the session took place.",
            examples=["6 December 2016"],
        ),
        Template("Date", ("Date:",), (_outside_meeting,)),
    ]
    time: Annotated[
        TimeRange,
        BeforeValidator(parse_time_range, json_schema_input_type=TimeRange | str),
        Field(
            title="Time",
            description="When the session started and ended, in local time at the venue.",
            examples=["10:45 - 11:45"],
        ),
        Template("Time", ("Time:",), (_small_hours,)),
    ]
    organizer: Annotated[
        OneLine,
        Field(
            title="Session Organizer",
            description="Who organised the session: organisations, people or an "
            "entity such as Host country.",
            examples=["Host country"],
        ),
        Template("Session Organizer", ("Workshop Organiser:",)),
    ]
    chair: Annotated[
        PersonInput,
        Field(
            title="Chair/Moderator",
            description="The chair or moderator: name and affiliation, written "
            "as Name, affiliation.",
            examples=["Yolanda Martínez Mancilla, Ministry of Public Administration"],
        ),
        Template("Chair/Moderator", ("Chairperson/Moderator:",), (_no_affiliation,)),
    ]
    rapporteur: Annotated[
        PersonInput | None,
        BeforeValidator(_text_or_none, json_schema_input_type=Person | str | None),
        Field(
            title="Rapporteur/Notetaker",
            description="Every workshop session must have a rapporteur, who "
            "observes the session and writes this report: name and affiliation, "
            "written as Name, affiliation.",
            examples=["Ana Pérez, Internet Society Mexico Chapter"],
        ),
        Template(
            "Rapporteur/Notetaker",
            ("Rapporteur/Note Taker:",),
            (_no_affiliation,),
            when_missing="is empty; the IGF secretariat requires every workshop "
            "session to have a rapporteur",
        ),
    ] = None
    speakers: Annotated[
        list[PersonInput],
        BeforeValidator(_one_or_many),
        Field(
            min_length=1,
            title="List of Speakers and their institutional affiliations",
            description="Every speaker with their institutional affiliation, one "
            "per item, written as Name, affiliation.",
            examples=["Gabriela Silva Rocha, Executive Director, Laboratoria"],
        ),
        Template(
            "List of Speakers and their institutional affiliations",
            ("List of Speakers and their institutional affiliations:",),
            (_each(_no_affiliation),),
            short="Speakers",
        ),
    ]
    key_issues: Annotated[
        list[Text],
        BeforeValidator(_one_or_many),
        Field(
            min_length=1,
            title="Key Issues raised",
            description="The key issues raised in the session: 1 sentence per issue.",
            examples=["Women's empowerment through digital skills development."],
        ),
        Template(
            "Key Issues raised (1 sentence per issue):",
            (
                "Key Issues raised (1 sentence per issue):",
                "Key Issues raised: (1 sentence per issue)",
            ),
            (_each(_one_sentence),),
            short="Key Issues",
        ),
    ]
    presentations: Annotated[
        list[
            Annotated[
                Presentation,
                BeforeValidator(_presentation, json_schema_input_type=Presentation | str),
            ]
        ],
        BeforeValidator(_one_or_many),
        Field(
            default_factory=list,
            title="Presentations",
            description="If there were presentations during the session, a "
            "1-paragraph summary for each presentation, with its title if it had one.",
            examples=["Gob.mx: a single point of access to government services."],
        ),
        Template(
            "If there were presentations during the session, please provide a "
            "1-paragraph summary for each Presentation",
            (
                (
                    "If there are Presentations during the workshop session, please "
                    "provide a 1-paragraph summary for each Presentation"
                ),
            ),
            (_each(_one_paragraph),),
        ),
    ]
    discussions: Annotated[
        list[Text],
        PARAGRAPHS,
        Field(
            min_length=1,
            title="Discussions",
            description="The discussions that took place during the session: 3 paragraphs.",
            examples=["Participants discussed how to build digital skills."],
        ),
        Template(
            "Please describe the Discussions that took place during the workshop "
            "session: (3 paragraphs)",
            (),
            (_three_paragraphs,),
        ),
    ]
    way_forward: Annotated[
        list[Text],
        PARAGRAPHS,
        Field(
            min_length=1,
            title="Way forward",
            description="Participants' suggestions regarding the way forward, "
            "potential next steps and key takeaways: 3 paragraphs.",
            examples=["Hold a similar open forum at IGF 2017."],
        ),
        Template(
            "Please describe any Participant suggestions regarding the way "
            "forward/ potential next steps /key takeaways: (3 paragraphs)",
            (),
            (_three_paragraphs,),
        ),
    ]
