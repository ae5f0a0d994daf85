"""The contract every client engine keeps, scripted or model-backed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.client.state import ClientState
from bot.persona_schema import Persona
from rubric import Assessment


@dataclass(frozen=True, slots=True)
class TranscriptTurn:
    role: Literal["client", "trainee"]
    text: str


@dataclass(frozen=True, slots=True)
class ClientReply:
    """What the client says, and which disclosures (or the wish) it reveals."""

    text: str
    revealed: tuple[str, ...] = ()
    # Why the engine chose this line (for logs and tests; never shown to trainees).
    reason: str = ""


class EngineError(Exception):
    """The engine could not answer; the trainee's message is kept and can be retried."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class ClientEngine(Protocol):
    name: str

    async def opening(self, persona: Persona, state: ClientState, *, seed: str) -> ClientReply:
        """The client's first line of a session."""
        ...

    async def reply(
        self,
        persona: Persona,
        state: ClientState,
        transcript: Sequence[TranscriptTurn],
        assessment: Assessment,
        *,
        seed: str,
    ) -> ClientReply:
        """Answer the trainee's last message (the final turn of `transcript`).

        `state` is the state *after* the assessment moved trust.
        """
        ...
