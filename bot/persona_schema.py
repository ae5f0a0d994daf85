"""The persona schema: who the client is, how they talk, how they react, what they say offline.

Instructors write these as YAML (see personas/README.md); `bot.personas` loads and checks them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Long = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40)]
Trust = Annotated[float, Field(ge=0.0, le=1.0)]
Step = Annotated[float, Field(ge=0.0, le=0.5)]
Lines = Annotated[list[Line], Field(min_length=1, max_length=40)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Identity(_Strict):
    """Who the client is."""

    name: Short
    age: Annotated[int, Field(ge=12, le=110)]
    pronouns: Short = "they/them"
    situation: Short  # one line, shown on the persona picker
    background: Long
    # What they want but will not say until a trainee genuinely invites it.
    wants: Long
    fears: Annotated[list[Short], Field(min_length=1, max_length=10)]


class Voice(_Strict):
    """How the client talks."""

    style: Long
    max_words: Annotated[int, Field(ge=5, le=200)] = 45


class Reactions(_Strict):
    """How the client's trust moves with the trainee's style, and where moods begin."""

    starting_trust: Trust = 0.4
    invite_gain: Step = 0.08
    advocacy_gain: Step = 0.06
    override_loss: Step = 0.12
    opens_up_at: Trust = 0.6
    withdraws_below: Trust = 0.25

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> Reactions:
        if self.withdraws_below >= self.opens_up_at:
            raise ValueError("withdraws_below must be lower than opens_up_at")
        return self


class Disclosure(_Strict):
    """Something the client shares only once trust has reached a threshold."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")] | None = None
    trust: Trust
    text: Line


class Topic(_Strict):
    """Lines the client says when the trainee names a subject."""

    keywords: Annotated[list[Keyword], Field(min_length=1, max_length=20)]
    lines: Lines


class ScriptedLines(_Strict):
    """What the offline engine says, by mood and move."""

    opening: Lines
    guarded: Annotated[list[Line], Field(min_length=2, max_length=40)]
    opening_up: Annotated[list[Line], Field(min_length=2, max_length=40)]
    withdrawn: Annotated[list[Line], Field(min_length=2, max_length=40)]
    # Said when told what to do while trust is not yet lost: this persona's own pushback.
    pushback: Lines
    # The hidden wish in the client's own voice, said once genuinely invited and trusting enough.
    wish: Lines
    topics: Annotated[list[Topic], Field(max_length=30)] = []


class Persona(_Strict):
    """A simulated client. `id` is the file name without `.yaml`."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
    difficulty: Literal["gentle", "moderate", "challenging"]
    who: Identity
    voice: Voice
    reactions: Reactions = Reactions()
    disclosures: Annotated[list[Disclosure], Field(max_length=20)] = []
    lines: ScriptedLines
    # For instructors only: never shown to trainees nor put in a model's prompt.
    instructor_notes: Annotated[str, StringConstraints(max_length=4000)] = ""

    @field_validator("disclosures")
    @classmethod
    def _disclosure_ids_unique(cls, disclosures: list[Disclosure]) -> list[Disclosure]:
        seen: set[str] = set()
        for i, d in enumerate(disclosures):
            key = d.id or f"disclosure-{i + 1}"
            if key == "wish" or key in seen:
                problem = "is reserved" if key == "wish" else "is used twice"
                raise ValueError(f"id '{key}' {problem}; give each disclosure its own id")
            seen.add(key)
        return disclosures

    @property
    def name(self) -> str:
        return self.who.name

    def disclosure_id(self, index: int) -> str:
        d = self.disclosures[index]
        return d.id or f"disclosure-{index + 1}"

    def unlocked_disclosures(self, trust: float) -> list[tuple[str, Disclosure]]:
        """Disclosures whose threshold the given trust has reached, in authored order."""
        return [
            (self.disclosure_id(i), d) for i, d in enumerate(self.disclosures) if trust >= d.trust
        ]
