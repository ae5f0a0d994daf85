"""The rubric's data: what goes into a judgement and what comes out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Dimension(StrEnum):
    """The three things feedback is about; the values are the keys used everywhere."""

    INVITED_INPUT = "invited_input"
    ENCOURAGED_SELF_ADVOCACY = "encouraged_self_advocacy"
    OVERRODE_AUTONOMY = "overrode_autonomy"


DIMENSIONS: tuple[Dimension, ...] = tuple(Dimension)


@dataclass(frozen=True, slots=True)
class Exchange:
    """One trainee message in context: what the client said just before it, and earlier turns."""

    trainee_said: str
    client_said: str = ""
    # Earlier turns as (role, text) pairs, oldest first; role is "client" or "trainee".
    history: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a dimension is present, the trainee's words that show it, and why."""

    present: bool
    evidence: str = ""
    why: str = ""


@dataclass(frozen=True, slots=True)
class Assessment:
    """A judge's verdict on every dimension, plus one better phrasing when one is due."""

    verdicts: Mapping[Dimension, Verdict]
    suggestion: str = ""
    judge: str = "rules"
    # Set when a judge could not decide itself and another judge's verdict was used.
    fallback_reason: str = ""
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        missing = [d for d in DIMENSIONS if d not in self.verdicts]
        if missing:
            raise ValueError(f"assessment lacks verdicts for {', '.join(missing)}")

    def __getitem__(self, dimension: Dimension) -> Verdict:
        return self.verdicts[dimension]

    @property
    def invited_input(self) -> bool:
        return self.verdicts[Dimension.INVITED_INPUT].present

    @property
    def encouraged_self_advocacy(self) -> bool:
        return self.verdicts[Dimension.ENCOURAGED_SELF_ADVOCACY].present

    @property
    def overrode_autonomy(self) -> bool:
        return self.verdicts[Dimension.OVERRODE_AUTONOMY].present

    def labels(self) -> dict[str, bool]:
        """The three booleans keyed by dimension name."""
        return {d.value: self.verdicts[d].present for d in DIMENSIONS}

    def evidence(self) -> dict[str, str]:
        """Evidence quotes of the dimensions that are present."""
        return {d.value: v.evidence for d, v in self.verdicts.items() if v.present and v.evidence}

    def whys(self) -> dict[str, str]:
        return {d.value: v.why for d, v in self.verdicts.items() if v.why}

    @property
    def score(self) -> int:
        """A crude collaboration score used to rank moments: +1 per good move, -2 for overriding."""
        return (
            int(self.invited_input)
            + int(self.encouraged_self_advocacy)
            - 2 * int(self.overrode_autonomy)
        )


class Judge(Protocol):
    """Anything that assesses an exchange; rule judges answer at once, model judges await."""

    name: str

    async def assess(self, exchange: Exchange) -> Assessment: ...
