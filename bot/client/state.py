"""Client state: trust, what the client has already shared, and the mood trust implies."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bot.persona_schema import Persona
from rubric import Assessment


class Mood(StrEnum):
    GUARDED = "guarded"
    OPENING_UP = "opening_up"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class ClientState:
    """Immutable; each exchange makes a new one, so rewinding is just using the previous one."""

    trust: float
    # Ids of disclosures (and "wish") the client has already said aloud.
    revealed: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def start(cls, persona: Persona) -> ClientState:
        return cls(trust=persona.reactions.starting_trust)

    def mood(self, persona: Persona) -> Mood:
        r = persona.reactions
        if self.trust < r.withdraws_below:
            return Mood.WITHDRAWN
        if self.trust >= r.opens_up_at:
            return Mood.OPENING_UP
        return Mood.GUARDED

    def after(self, assessment: Assessment, persona: Persona) -> ClientState:
        """Trust rises when the trainee invites or encourages, and falls when they override."""
        r = persona.reactions
        delta = 0.0
        if assessment.invited_input:
            delta += r.invite_gain
        if assessment.encouraged_self_advocacy:
            delta += r.advocacy_gain
        if assessment.overrode_autonomy:
            delta -= r.override_loss
        return replace(self, trust=round(min(1.0, max(0.0, self.trust + delta)), 4))

    def with_revealed(self, *ids: str) -> ClientState:
        return replace(self, revealed=self.revealed | frozenset(ids)) if ids else self

    def to_json(self) -> dict[str, Any]:
        return {"trust": self.trust, "revealed": sorted(self.revealed)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClientState:
        return cls(trust=float(data["trust"]), revealed=frozenset(data.get("revealed", ())))
