"""Test data written for these tests: a small persona and a judge with obvious rules."""

from __future__ import annotations

import copy
from typing import Any

from bot.persona_schema import Persona
from rubric import DIMENSIONS, Assessment, Dimension, Exchange, Verdict

PERSONA: dict[str, Any] = {
    "id": "sam",
    "difficulty": "moderate",
    "who": {
        "name": "Sam",
        "age": 38,
        "pronouns": "he/him",
        "situation": "Two months sober after losing his warehouse job",
        "background": "Sam drank more after the lay-off. His brother drives him to meetings.",
        "wants": "To get his forklift licence back and choose his own support.",
        "fears": ["Being treated like a kid", "Letting his daughter down"],
    },
    "voice": {"style": "Short, dry, a little defensive.", "max_words": 30},
    "reactions": {
        "starting_trust": 0.4,
        "invite_gain": 0.1,
        "advocacy_gain": 0.05,
        "override_loss": 0.15,
        "opens_up_at": 0.6,
        "withdraws_below": 0.2,
    },
    "disclosures": [
        {"id": "daughter", "trust": 0.5, "text": "My daughter stopped calling. That's the worst."},
        {"trust": 0.7, "text": "I had a drink last Friday. Nobody knows."},
    ],
    "lines": {
        "opening": ["My brother said I should talk to you. So. Here I am."],
        "guarded": ["Not sure what to say.", "It's fine, mostly.", "Depends on the day."],
        "opening_up": [
            "Honestly it's been rough.",
            "I think about work a lot.",
            "Mornings are hard.",
        ],
        "withdrawn": ["Whatever.", "Sure.", "If you say so."],
        "pushback": ["You sound like my brother.", "I didn't come here for orders."],
        "wish": ["What I really want is my forklift licence back."],
        "topics": [
            {"keywords": ["meeting", "meetings", "AA"], "lines": ["Meetings are OK. Loud though."]},
        ],
    },
    "instructor_notes": "SECRET-INSTRUCTOR-NOTE",
}


def make_persona(**overrides: Any) -> Persona:
    data = copy.deepcopy(PERSONA)
    for key, value in overrides.items():
        data[key] = value
    return Persona.model_validate(data)


class KeywordJudge:
    """A fake judge with obvious rules, so service tests do not depend on the real rubric."""

    name = "keywords"

    async def assess(self, exchange: Exchange) -> Assessment:
        text = exchange.trainee_said
        low = text.lower()
        hits = {
            Dimension.INVITED_INPUT: "what do you" in low or "would you like" in low,
            Dimension.ENCOURAGED_SELF_ADVOCACY: "your choice" in low or "your right" in low,
            Dimension.OVERRODE_AUTONOMY: "you need to" in low or "you must" in low,
        }
        verdicts = {d: Verdict(hits[d], text if hits[d] else "", "test") for d in DIMENSIONS}
        due = hits[Dimension.OVERRODE_AUTONOMY] or not hits[Dimension.INVITED_INPUT]
        return Assessment(
            verdicts, suggestion="What would you like?" if due else "", judge=self.name
        )


class FailingEngine:
    """A client engine that fails a set number of times, then answers like the scripted one."""

    name = "flaky"

    def __init__(self, failures: int) -> None:
        from bot.client.scripted import ScriptedEngine

        self.failures = failures
        self.calls = 0
        self._inner = ScriptedEngine()

    async def opening(self, persona, state, *, seed):  # type: ignore[no-untyped-def]
        return await self._inner.opening(persona, state, seed=seed)

    async def reply(self, persona, state, transcript, assessment, *, seed):  # type: ignore[no-untyped-def]
        from bot.client import EngineError

        self.calls += 1
        if self.calls <= self.failures:
            raise EngineError("the model timed out")
        return await self._inner.reply(persona, state, transcript, assessment, seed=seed)
