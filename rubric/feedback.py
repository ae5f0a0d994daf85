"""Feedback a trainee reads after an exchange: their words, what they did, a better phrasing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rubric.model import Assessment, Dimension

Kind = Literal["good", "bad", "try"]

_LABELS = {
    Dimension.INVITED_INPUT: "Invited input",
    Dimension.ENCOURAGED_SELF_ADVOCACY: "Encouraged self-advocacy",
    Dimension.OVERRODE_AUTONOMY: "Overrode autonomy",
}


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    kind: Kind
    dimension: Dimension | None
    text: str


def dimension_label(dimension: Dimension) -> str:
    return _LABELS[dimension]


def feedback_lines(assessment: Assessment) -> list[FeedbackLine]:
    """At most four short lines: what went well, what overrode the client, then one to try."""
    lines: list[FeedbackLine] = []
    for d in (Dimension.INVITED_INPUT, Dimension.ENCOURAGED_SELF_ADVOCACY):
        v = assessment[d]
        if v.present:
            lines.append(FeedbackLine("good", d, _line(d, v.evidence, v.why)))
    override = assessment[Dimension.OVERRODE_AUTONOMY]
    if override.present:
        lines.append(
            FeedbackLine(
                "bad",
                Dimension.OVERRODE_AUTONOMY,
                _line(Dimension.OVERRODE_AUTONOMY, override.evidence, override.why),
            )
        )
    elif not assessment.invited_input:
        lines.append(
            FeedbackLine(
                "bad",
                Dimension.INVITED_INPUT,
                "No invitation: nothing here asks for the client's own view, wish or choice.",
            )
        )
    if assessment.suggestion:
        lines.append(FeedbackLine("try", None, f'Try: "{assessment.suggestion}"'))
    return lines


def _line(d: Dimension, evidence: str, why: str) -> str:
    quote = f' "{evidence}"' if evidence else ""
    reason = f" {why}." if why and not why.endswith(".") else (f" {why}" if why else "")
    return f"{dimension_label(d)}:{quote}{reason}"
