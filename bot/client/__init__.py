"""The simulated client: its state, and the engines that speak for it."""

from bot.client.engine import ClientEngine, ClientReply, EngineError, TranscriptTurn
from bot.client.state import ClientState, Mood

__all__ = ["ClientEngine", "ClientReply", "ClientState", "EngineError", "Mood", "TranscriptTurn"]
