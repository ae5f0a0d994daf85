"""The rule judge on examples written for these tests, one principle per case.

These are not the gold items (those are measured with `peer-practice rubric eval`); each case
names the principle from the rubric's definitions that it checks.
"""

from __future__ import annotations

import pytest

from rubric import DIMENSIONS, Dimension, Exchange
from rubric.feedback import feedback_lines
from rubric.metrics import Confusion
from rubric.rules import RuleJudge, sentences

judge = RuleJudge()

INV, ADV, OVR = "invited_input", "encouraged_self_advocacy", "overrode_autonomy"


def labels(trainee: str, client: str = "") -> set[str]:
    a = judge.judge(Exchange(trainee_said=trainee, client_said=client))
    return {k for k, v in a.labels().items() if v}


@pytest.mark.parametrize(
    ("trainee", "client", "expected"),
    [
        # Open questions about the client's wishes, priorities and view invite input.
        ("What would make this week feel a bit lighter for you?", "", {INV}),
        ("Where do you want to start today?", "", {INV}),
        ("Would you rather talk about the flat or about your brother?", "", {INV}),
        # Asking permission before an idea invites input.
        ("Could I share something that helped me, or would you rather not?", "", {INV}),
        # Asking what has worked for them draws on their expertise; "have you tried X" pushes X.
        ("What have you tried so far, and what worked for you?", "", {INV}),
        ("What helped the last time the nights got bad?", "", {INV}),
        ("Have you tried chamomile tea?", "", {OVR}),
        # Fact-finding is not an invitation, nor is a reflection with a question mark.
        ("How many nights did you sleep at your cousin's?", "", set()),
        ("So the hearing got moved again?", "", set()),
        # A leading question steers instead of asking.
        ("Don't you think rehab would be smarter?", "", {OVR}),
        # The decision belongs to the client; rights and their own voice are self-advocacy.
        ("That's your call to make, nobody else's.", "", {ADV}),
        ("You're allowed to ask the nurse to explain every pill.", "", {ADV}),
        ("What do you want the landlord to hear from you on Monday?", "", {INV, ADV}),
        # Orders, plans set for them and acting for them override autonomy.
        ("You need to stop seeing those friends.", "", {OVR}),
        ("Go to the food bank tomorrow morning.", "", {OVR}),
        ("I'll ring your probation officer and sort it out.", "", {OVR}),
        ("Here's the plan: three meetings a week starting Monday.", "", {OVR}),
        ("If you don't take the meds you'll end up back inside.", "", {OVR}),
        # A real question tacked onto a push makes both true.
        ("You have to move back in with your mum. How do you feel about that?", "", {INV, OVR}),
        # A suggestion with real choice and a check-back does not override.
        ("One thing some people try is a sleep diary. Would that be useful to you?", "", {INV}),
        # Advice the client asked for is not overriding.
        ("You could try calling the helpline first.", "What would you do in my shoes?", set()),
        # "You should" backing a choice the client already made is not overriding.
        ("You should go for it!", "I'm going to sign up for the evening class.", set()),
        # Generic praise and plain empathy are none of the three.
        ("That sounds really hard. I'm sorry.", "", set()),
        ("Great job, proud of you!", "", set()),
        # A script offered in quotes is not an order to the client.
        (
            "You could say 'I need two more weeks, please put it in writing.' "
            "Does that sound like you?",
            "",
            {INV, ADV},
        ),
    ],
)
def test_rule_judge_follows_the_definitions(trainee: str, client: str, expected: set[str]) -> None:
    assert labels(trainee, client) == expected


def test_evidence_is_the_trainees_own_sentence_and_why_is_given() -> None:
    text = "I hear you. You must call your sister tonight. What matters most to you here?"
    a = judge.judge(Exchange(trainee_said=text))
    assert a[Dimension.OVERRODE_AUTONOMY].evidence == "You must call your sister tonight."
    assert a[Dimension.INVITED_INPUT].evidence == "What matters most to you here?"
    for d in DIMENSIONS:
        assert a[d].why
        assert not a[d].evidence or a[d].evidence in text


def test_a_suggestion_rephrases_the_override_as_a_choice() -> None:
    a = judge.judge(Exchange(trainee_said="You need to go to a meeting every day."))
    assert "go to a meeting every day" in a.suggestion
    assert a.suggestion.endswith("?")
    acting = judge.judge(Exchange(trainee_said="I'll call your caseworker tomorrow."))
    assert acting.suggestion.startswith("Would you like me to call your caseworker")


@pytest.mark.parametrize(
    ("trainee", "kept", "dropped"),
    [
        # Whose idea it was and the deadline do not belong in an option offered to the client.
        ("You need to move out like your brother says.", "move out", "brother"),
        ("Apply for the voucher today.", "apply for the voucher", "today"),
        # An offer to act stops at the act; it does not carry the decision along with it.
        ("I'll email the landlord and tell him you're staying.", "email the landlord", "staying"),
        # A tag question does not turn an order into an invitation.
        ("Just ring the clinic, ok?", "ring the clinic", ", ok"),
    ],
)
def test_a_suggestion_offers_the_idea_without_the_pressure(
    trainee: str, kept: str, dropped: str
) -> None:
    a = judge.judge(Exchange(trainee_said=trainee))
    assert a.labels()[OVR]
    assert kept in a.suggestion
    assert dropped not in a.suggestion.lower()
    assert a.suggestion.endswith("?")


@pytest.mark.parametrize(
    "trainee",
    [
        "Stop making excuses.",
        "If you don't go back to group you'll relapse.",
        "You have to do this.",
    ],
)
def test_a_put_down_or_a_vague_order_becomes_a_question_not_an_option(trainee: str) -> None:
    a = judge.judge(Exchange(trainee_said=trainee))
    assert a.labels()[OVR]
    assert "option" not in a.suggestion
    assert "excuses" not in a.suggestion and "do this" not in a.suggestion
    assert a.suggestion.endswith("?")


def test_a_suggestion_is_due_only_when_input_was_not_invited_or_autonomy_overridden() -> None:
    assert judge.judge(Exchange(trainee_said="That's rough.")).suggestion
    assert not judge.judge(Exchange(trainee_said="What would help you most?")).suggestion


def test_curly_quotes_and_messy_text_are_handled() -> None:
    assert labels("It\u2019s your decision \u2014 what feels right?") == {INV, ADV}
    assert labels("   ") == set()
    assert labels("?!?!") == set()
    long = "you need to listen. " * 400
    assert OVR in labels(long)


def test_sentences_keep_their_question_marks() -> None:
    assert sentences("Ok. What now? Tell me!") == ["Ok.", "What now?", "Tell me!"]


def test_feedback_quotes_the_trainee_and_offers_a_phrasing() -> None:
    a = judge.judge(
        Exchange(trainee_said="You need to go to meetings every day. What do you think?")
    )
    lines = feedback_lines(a)
    kinds = [f.kind for f in lines]
    assert kinds == ["good", "bad", "try"]
    assert lines[0].text.startswith('Invited input: "What do you think?"')
    assert lines[1].text.startswith('Overrode autonomy: "You need to go to meetings every day."')
    assert lines[2].text.startswith('Try: "')


def test_feedback_names_a_missing_invitation() -> None:
    lines = feedback_lines(judge.judge(Exchange(trainee_said="Okay.")))
    assert [f.kind for f in lines] == ["bad", "try"]
    assert "No invitation" in lines[0].text


def test_confusion_metrics() -> None:
    c = Confusion()
    for predicted, expected in [(True, True)] * 8 + [(True, False)] * 2 + [(False, True)] * 2:
        c.add(predicted=predicted, expected=expected)
    for _ in range(8):
        c.add(predicted=False, expected=False)
    assert (c.tp, c.fp, c.fn, c.tn) == (8, 2, 2, 8)
    assert c.precision == pytest.approx(0.8) and c.recall == pytest.approx(0.8)
    assert c.f1 == pytest.approx(0.8)
    assert c.kappa == pytest.approx(0.6)
    assert Confusion().f1 == 0.0 and Confusion().kappa == 0.0
