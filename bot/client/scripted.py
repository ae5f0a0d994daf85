"""The offline client: answers the trainee's move with lines the persona's author wrote."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from bot.client.engine import ClientReply, TranscriptTurn
from bot.client.state import ClientState, Mood
from bot.persona_schema import Persona
from rubric import Assessment


class ScriptedEngine:
    """Picks lines by the trainee's move first, then by mood; never repeats while unused remain.

    An invitation gets something of the client's own (a disclosure just unlocked, then the
    hidden wish once trust is high); an order gets this persona's pushback or, when trust is
    low, withdrawal; a subject the trainee names gets a line about it when the persona has one.
    """

    name = "scripted"

    def __init__(self) -> None:
        self._topic_patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    async def opening(self, persona: Persona, state: ClientState, *, seed: str) -> ClientReply:
        return ClientReply(_pick(persona.lines.opening, set(), "", seed), reason="opening")

    async def reply(
        self,
        persona: Persona,
        state: ClientState,
        transcript: Sequence[TranscriptTurn],
        assessment: Assessment,
        *,
        seed: str,
    ) -> ClientReply:
        said = [t.text for t in transcript if t.role == "client"]
        used, last = set(said), (said[-1] if said else "")
        trainee_text = transcript[-1].text if transcript else ""
        mood = state.mood(persona)
        lines = persona.lines

        def pick(pool: Sequence[str]) -> str:
            return _pick(pool, used, last, seed)

        if assessment.overrode_autonomy:
            if mood is Mood.WITHDRAWN:
                return ClientReply(pick(lines.withdrawn), reason="override:withdrawn")
            return ClientReply(pick(lines.pushback), reason="override:pushback")
        if mood is Mood.WITHDRAWN:
            # An invitation thaws a withdrawn client a little; anything else does not.
            pool = lines.guarded if assessment.invited_input else lines.withdrawn
            return ClientReply(pick(pool), reason=f"withdrawn:{pool is lines.guarded}")
        if assessment.invited_input:
            for disclosure_id, disclosure in persona.unlocked_disclosures(state.trust):
                if disclosure_id not in state.revealed:
                    return ClientReply(disclosure.text, (disclosure_id,), reason="disclosure")
            if mood is Mood.OPENING_UP and "wish" not in state.revealed:
                return ClientReply(pick(lines.wish), ("wish",), reason="wish")
        topic_lines = self._topic_lines(persona, trainee_text)
        if topic_lines and any(line not in used for line in topic_lines):
            return ClientReply(pick(topic_lines), reason="topic")
        if assessment.invited_input and mood is Mood.GUARDED and _warming(persona, state):
            # Past halfway to opening up, an invitation already draws something warmer.
            return ClientReply(pick(lines.opening_up), reason="invite:warming")
        pool = lines.opening_up if mood is Mood.OPENING_UP else lines.guarded
        return ClientReply(pick(pool), reason=f"mood:{mood.value}")

    def _topic_lines(self, persona: Persona, text: str) -> list[str]:
        found: list[str] = []
        for topic in persona.lines.topics:
            key = tuple(topic.keywords)
            pattern = self._topic_patterns.get(key)
            if pattern is None:
                words = "|".join(re.escape(k) for k in sorted(key, key=len, reverse=True))
                pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
                self._topic_patterns[key] = pattern
            if pattern.search(text):
                found.extend(topic.lines)
        return found


def _warming(persona: Persona, state: ClientState) -> bool:
    r = persona.reactions
    return state.trust >= (r.withdraws_below + r.opens_up_at) / 2


def _pick(pool: Sequence[str], used: set[str], last: str, seed: str) -> str:
    """An unused line when one remains, else any line but the one just said."""
    fresh = [line for line in pool if line not in used]
    candidates = fresh or [line for line in pool if line != last] or list(pool)
    return random.Random(seed).choice(candidates)
