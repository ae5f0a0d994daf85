"""The client's trust model and the scripted engine's choice of lines."""

from __future__ import annotations

import pytest

from bot.client import ClientState, Mood, TranscriptTurn
from bot.client.scripted import ScriptedEngine
from rubric import DIMENSIONS, Assessment, Dimension, Verdict
from tests.factories import make_persona

P = make_persona()


def assessment(*present: Dimension) -> Assessment:
    return Assessment({d: Verdict(d in present, "x" if d in present else "") for d in DIMENSIONS})


INVITED = assessment(Dimension.INVITED_INPUT)
ADVOCACY = assessment(Dimension.ENCOURAGED_SELF_ADVOCACY)
OVERRODE = assessment(Dimension.OVERRODE_AUTONOMY)
BOTH = assessment(Dimension.INVITED_INPUT, Dimension.OVERRODE_AUTONOMY)
NEUTRAL = assessment()


@pytest.mark.parametrize(
    ("a", "expected"),
    [(INVITED, 0.5), (ADVOCACY, 0.45), (OVERRODE, 0.25), (BOTH, 0.35), (NEUTRAL, 0.4)],
)
def test_trust_moves_by_the_personas_own_sensitivities(a: Assessment, expected: float) -> None:
    assert ClientState.start(P).after(a, P).trust == pytest.approx(expected)


def test_trust_stays_between_zero_and_one() -> None:
    low = ClientState(0.05).after(OVERRODE, P)
    high = ClientState(0.97).after(INVITED, P)
    assert (low.trust, high.trust) == (0.0, 1.0)


@pytest.mark.parametrize(
    ("trust", "mood"),
    [
        (0.0, Mood.WITHDRAWN),
        (0.19, Mood.WITHDRAWN),
        (0.2, Mood.GUARDED),
        (0.59, Mood.GUARDED),
        (0.6, Mood.OPENING_UP),
        (1.0, Mood.OPENING_UP),
    ],
)
def test_mood_follows_the_personas_thresholds(trust: float, mood: Mood) -> None:
    assert ClientState(trust).mood(P) is mood


def test_state_round_trips_through_json() -> None:
    s = ClientState(0.55, frozenset({"wish", "daughter"}))
    assert ClientState.from_json(s.to_json()) == s


def transcript(*texts: str) -> list[TranscriptTurn]:
    roles = ["client", "trainee"]
    return [TranscriptTurn(roles[i % 2], t) for i, t in enumerate(texts)]  # type: ignore[arg-type]


async def reply(state: ClientState, a: Assessment, *texts: str, seed: str = "s") -> str:
    engine = ScriptedEngine()
    r = await engine.reply(P, state, transcript(*texts), a, seed=seed)
    return r.text


async def test_an_invitation_gets_the_disclosure_just_unlocked() -> None:
    r = await ScriptedEngine().reply(
        P, ClientState(0.5), transcript("hi", "what?"), INVITED, seed="1"
    )
    assert r.text == "My daughter stopped calling. That's the worst." and r.revealed == (
        "daughter",
    )


async def test_a_locked_disclosure_is_never_said() -> None:
    engine = ScriptedEngine()
    for i in range(30):
        r = await engine.reply(
            P,
            ClientState(0.55, frozenset({"daughter"})),
            transcript("hi", "what?"),
            INVITED,
            seed=str(i),
        )
        assert "Friday" not in r.text


async def test_the_wish_comes_only_when_invited_and_trusting() -> None:
    state = ClientState(0.75, frozenset({"daughter", "disclosure-2"}))
    engine = ScriptedEngine()
    invited = await engine.reply(P, state, transcript("hi", "what?"), INVITED, seed="1")
    assert invited.revealed == ("wish",) and "forklift" in invited.text
    not_invited = await engine.reply(P, state, transcript("hi", "ok"), NEUTRAL, seed="1")
    assert "forklift" not in not_invited.text
    guarded = await engine.reply(P, ClientState(0.45), transcript("hi", "what?"), INVITED, seed="1")
    assert "forklift" not in guarded.text


async def test_an_order_gets_pushback_then_withdrawal_when_trust_is_gone() -> None:
    assert await reply(ClientState(0.3), OVERRODE, "hi", "do it") in P.lines.pushback
    assert await reply(ClientState(0.1), OVERRODE, "hi", "do it") in P.lines.withdrawn


async def test_a_question_tacked_onto_an_order_still_gets_pushback() -> None:
    assert await reply(ClientState(0.5), BOTH, "hi", "do it. ok?") in P.lines.pushback


async def test_a_named_topic_gets_a_line_about_it() -> None:
    text = await reply(ClientState(0.4), NEUTRAL, "hi", "How are the AA meetings going")
    assert text == "Meetings are OK. Loud though."
    # Word boundaries: "AA" inside another word is not the topic.
    other = await reply(ClientState(0.4), NEUTRAL, "hi", "Baaad day?")
    assert other in P.lines.guarded


async def test_an_invitation_warms_a_guarded_client_past_halfway() -> None:
    # Sam withdraws below 0.2 and opens up at 0.6: from 0.4 on, an invitation draws warmth.
    state = ClientState(0.45, frozenset({"daughter"}))
    assert await reply(state, INVITED, "hi", "what would help?") in P.lines.opening_up
    cold = ClientState(0.3)
    assert await reply(cold, INVITED, "hi", "what would help?") in P.lines.guarded
    assert await reply(state, NEUTRAL, "hi", "ok") in P.lines.guarded


async def test_mood_lines_when_no_move_stands_out() -> None:
    assert await reply(ClientState(0.4), NEUTRAL, "hi", "ok") in P.lines.guarded
    assert await reply(ClientState(0.7, frozenset({"wish"})), NEUTRAL, "hi", "ok") in (
        P.lines.opening_up
    )
    assert await reply(ClientState(0.1), NEUTRAL, "hi", "ok") in P.lines.withdrawn


async def test_no_line_repeats_while_unused_ones_remain() -> None:
    said: list[str] = ["hi"]
    for i in range(len(P.lines.guarded)):
        line = await reply(ClientState(0.4), NEUTRAL, *said, "ok", seed=str(i))
        said += ["ok", line]
    client_lines = said[2::2]
    assert sorted(client_lines) == sorted(P.lines.guarded)
    # Once all are used, any line may come back, but never the one just said.
    for i in range(10):
        again = await reply(ClientState(0.4), NEUTRAL, *said, "ok", seed=f"x{i}")
        assert again != said[-1]


async def test_the_same_seed_gives_the_same_line() -> None:
    a = await reply(ClientState(0.4), NEUTRAL, "hi", "ok", seed="42")
    b = await reply(ClientState(0.4), NEUTRAL, "hi", "ok", seed="42")
    assert a == b
