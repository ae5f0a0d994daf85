"""End-of-session summary: how often each dimension showed, where, and what to redo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rubric.model import DIMENSIONS, Assessment, Dimension


@dataclass(frozen=True, slots=True)
class ScoredExchange:
    """One completed exchange of a session, numbered from 1."""

    number: int
    trainee_said: str
    assessment: Assessment
    trust_before: float
    trust_after: float


@dataclass(frozen=True, slots=True)
class DimensionTally:
    dimension: Dimension
    count: int
    exchanges: tuple[int, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionSummary:
    exchanges: int
    tallies: dict[Dimension, DimensionTally]
    # Trust at the start and after each exchange.
    trust_curve: tuple[float, ...]
    strongest: ScoredExchange | None
    to_redo: ScoredExchange | None

    def rate(self, dimension: Dimension) -> float:
        return self.tallies[dimension].count / self.exchanges if self.exchanges else 0.0


def summarise(exchanges: Sequence[ScoredExchange], trust_start: float) -> SessionSummary:
    """Tally the dimensions; pick the strongest moment and the one most worth redoing."""
    tallies = {}
    for d in DIMENSIONS:
        hits = [e for e in exchanges if e.assessment[d].present]
        tallies[d] = DimensionTally(
            dimension=d,
            count=len(hits),
            exchanges=tuple(e.number for e in hits),
            quotes=tuple(e.assessment[d].evidence for e in hits),
        )
    curve = (trust_start, *(e.trust_after for e in exchanges))
    strongest = max(exchanges, key=_strength, default=None)
    if strongest is not None and strongest.assessment.score <= 0:
        strongest = None
    redo_candidates = [e for e in exchanges if e.assessment.suggestion]
    to_redo = min(redo_candidates, key=_strength, default=None)
    if (
        to_redo is not None
        and to_redo.assessment.score >= 1
        and not (to_redo.assessment.overrode_autonomy)
    ):
        to_redo = None
    return SessionSummary(
        exchanges=len(exchanges),
        tallies=tallies,
        trust_curve=curve,
        strongest=strongest,
        to_redo=to_redo,
    )


def _strength(e: ScoredExchange) -> tuple[int, float, int]:
    # Ties go to the bigger trust change, then to the earlier exchange.
    return (e.assessment.score, e.trust_after - e.trust_before, -e.number)
