"""PracticeService on a real database (SQLite, and PostgreSQL when it answers)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.client.scripted import ScriptedEngine
from bot.personas import PersonaCatalog
from bot.practice import (
    ClientUnavailable,
    ExchangeResult,
    MessageRejected,
    NoActiveSession,
    NothingToRetry,
    PracticeService,
    RewindResult,
    UnknownPersona,
)
from bot.storage import Database
from bot.storage.models import (
    AssessmentRecord,
    ClientStateRecord,
    PracticeSession,
    Trainee,
    Turn,
)
from rubric import Dimension
from tests.factories import FailingEngine, KeywordJudge

T = "console:tester"
INVITE = "What do you want to focus on today?"
ORDER = "You need to go to a meeting every day."


async def count(db: Database, model: type) -> int:
    async with db.read() as s:
        return (await s.execute(select(func.count()).select_from(model))).scalar_one()


async def test_start_shows_opening_and_starting_trust(service: PracticeService) -> None:
    view = await service.start(T, "sam")
    assert view.last_client_line == "My brother said I should talk to you. So. Here I am."
    assert view.state.trust == pytest.approx(0.4)
    assert view.exchanges == 0


async def test_invitation_raises_trust_and_unlocks_a_disclosure(service: PracticeService) -> None:
    await service.start(T, "sam")
    r = await service.exchange(T, INVITE)
    assert r.assessment.invited_input and not r.assessment.overrode_autonomy
    assert (r.trust_before, r.trust_after) == (pytest.approx(0.4), pytest.approx(0.5))
    # Trust reached 0.5, the first disclosure's threshold, and the trainee invited: he shares it.
    assert r.reply == "My daughter stopped calling. That's the worst."
    assert r.revealed == ("daughter",)


async def test_override_lowers_trust_and_gets_pushback(service: PracticeService) -> None:
    await service.start(T, "sam")
    r = await service.exchange(T, ORDER)
    assert r.assessment.overrode_autonomy
    assert r.trust_after == pytest.approx(0.25)
    assert r.reply in {"You sound like my brother.", "I didn't come here for orders."}
    r2 = await service.exchange(T, "You must call your sponsor.")
    assert r2.trust_after == pytest.approx(0.1)
    assert r2.mood.value == "withdrawn"
    assert r2.reply in {"Whatever.", "Sure.", "If you say so."}


async def test_each_exchange_is_persisted_whole(service: PracticeService, db: Database) -> None:
    await service.start(T, "sam")
    await service.exchange(T, INVITE)
    await service.exchange(T, ORDER)
    async with db.read() as s:
        turns = (await s.execute(select(Turn).order_by(Turn.seq))).scalars().all()
    assert [t.role for t in turns] == ["client", "trainee", "client", "trainee", "client"]
    assert all(t.status == "answered" for t in turns if t.role == "trainee")
    assert await count(db, AssessmentRecord) == 2
    assert await count(db, ClientStateRecord) == 3


async def test_retry_rewinds_the_exchange_and_its_trust(
    service: PracticeService, db: Database
) -> None:
    view = await service.start(T, "sam")
    await service.exchange(T, INVITE)
    r = await service.retry(T)
    assert isinstance(r, RewindResult)
    assert r.removed_text == INVITE
    assert r.client_line == view.last_client_line
    assert (r.trust_before, r.trust_after) == (pytest.approx(0.5), pytest.approx(0.4))
    assert await count(db, Turn) == 1
    assert await count(db, AssessmentRecord) == 0
    current = await service.current(T)
    assert current is not None and current.state.trust == pytest.approx(0.4)
    assert current.state.revealed == frozenset()
    # The same move again gives the same effect: the rewind left no trace in the state.
    again = await service.exchange(T, INVITE)
    assert again.trust_after == pytest.approx(0.5) and again.revealed == ("daughter",)


async def test_retry_with_nothing_to_retry(service: PracticeService) -> None:
    await service.start(T, "sam")
    with pytest.raises(NothingToRetry):
        await service.retry(T)


async def test_engine_failure_keeps_the_message_once_and_retry_answers_it(
    db: Database, catalog: PersonaCatalog
) -> None:
    engine = FailingEngine(failures=2)
    svc = PracticeService(db=db, catalog=catalog, engine=engine, judge=KeywordJudge())
    await svc.start(T, "sam")
    with pytest.raises(ClientUnavailable, match="saved"):
        await svc.exchange(T, INVITE)
    with pytest.raises(ClientUnavailable):
        await svc.retry(T)
    view = await svc.current(T)
    assert view is not None and view.pending_text == INVITE
    result = await svc.retry(T)
    assert isinstance(result, ExchangeResult) and result.trainee_text == INVITE
    async with db.read() as s:
        trainee_turns = (
            (await s.execute(select(Turn).where(Turn.role == "trainee"))).scalars().all()
        )
    assert [(t.text, t.status) for t in trainee_turns] == [(INVITE, "answered")]
    assert await count(db, AssessmentRecord) == 1


async def test_new_message_after_a_failure_supersedes_the_pending_one(
    db: Database, catalog: PersonaCatalog
) -> None:
    svc = PracticeService(db=db, catalog=catalog, engine=FailingEngine(1), judge=KeywordJudge())
    await svc.start(T, "sam")
    with pytest.raises(ClientUnavailable):
        await svc.exchange(T, "first try")
    await svc.exchange(T, INVITE)
    async with db.read() as s:
        rows = (
            await s.execute(
                select(Turn.text, Turn.status).where(Turn.role == "trainee").order_by(Turn.seq)
            )
        ).all()
    assert [tuple(r) for r in rows] == [("first try", "unanswered"), (INVITE, "answered")]


@pytest.mark.parametrize("text", ["", "   \n\t ", None])
async def test_empty_messages_are_rejected_and_nothing_stored(
    service: PracticeService, db: Database, text: str | None
) -> None:
    await service.start(T, "sam")
    with pytest.raises(MessageRejected, match="empty"):
        await service.exchange(T, text)
    assert await count(db, Turn) == 1


async def test_huge_message_is_rejected_with_the_limit(
    service: PracticeService, db: Database
) -> None:
    await service.start(T, "sam")
    with pytest.raises(MessageRejected, match=r"20,000 characters; the limit is 4,096"):
        await service.exchange(T, "x" * 20_000)
    assert await count(db, Turn) == 1
    ok = await service.exchange(T, "y" * 4096)
    assert ok.trainee_text == "y" * 4096


async def test_unknown_persona_names_the_available_ones(service: PracticeService) -> None:
    with pytest.raises(UnknownPersona, match="Available: sam"):
        await service.start(T, "nobody")


async def test_exchange_without_a_session(service: PracticeService) -> None:
    with pytest.raises(NoActiveSession):
        await service.exchange(T, INVITE)


async def test_session_resumes_after_a_restart(
    service: PracticeService, db: Database, catalog: PersonaCatalog
) -> None:
    await service.start(T, "sam")
    r = await service.exchange(T, INVITE)
    fresh = Database(db.url)
    try:
        restarted = PracticeService(
            db=fresh, catalog=catalog, engine=ScriptedEngine(), judge=KeywordJudge()
        )
        view = await restarted.current(T)
        assert view is not None and view.resumed and view.exchanges == 1
        assert view.last_client_line == r.reply
        assert view.state.trust == pytest.approx(0.5)
        nxt = await restarted.exchange(T, ORDER)
        assert nxt.exchange_no == 2
    finally:
        await fresh.dispose()


async def test_end_summarises_the_session(service: PracticeService) -> None:
    await service.start(T, "sam")
    await service.exchange(T, INVITE)
    await service.exchange(T, ORDER)
    await service.exchange(T, "It is your choice. What do you want to say to him?")
    view = await service.end(T)
    s = view.summary
    assert s.exchanges == 3
    assert s.tallies[Dimension.INVITED_INPUT].exchanges == (1, 3)
    assert s.tallies[Dimension.OVERRODE_AUTONOMY].exchanges == (2,)
    assert s.tallies[Dimension.ENCOURAGED_SELF_ADVOCACY].quotes == (
        "It is your choice. What do you want to say to him?",
    )
    assert s.trust_curve == pytest.approx((0.4, 0.5, 0.35, 0.5))
    assert s.strongest is not None and s.strongest.number == 3
    assert s.to_redo is not None and s.to_redo.number == 2
    assert s.to_redo.assessment.suggestion
    with pytest.raises(NoActiveSession):
        await service.exchange(T, INVITE)
    assert await service.current(T) is None


async def test_progress_across_sessions(service: PracticeService) -> None:
    await service.start(T, "sam")
    await service.exchange(T, ORDER)
    await service.exchange(T, "Okay.")
    await service.end(T)
    await service.start(T, "sam")
    await service.exchange(T, INVITE)
    await service.end(T)
    await service.start(T, "sam")  # no exchanges: not counted
    report = await service.progress(T)
    assert [s.exchanges for s in report.sessions] == [2, 1]
    assert report.first["overrode_autonomy"] == pytest.approx(0.5)
    assert report.latest["invited_input"] == pytest.approx(1.0)
    assert report.overall["invited_input"] == pytest.approx(1 / 3)
    assert report.exchanges == 3


async def test_starting_again_keeps_the_old_session_as_abandoned(
    service: PracticeService,
) -> None:
    await service.start(T, "sam")
    await service.exchange(T, INVITE)
    await service.start(T, "sam")
    report = await service.progress(T)
    assert [s.status for s in report.sessions] == ["abandoned"]


async def test_feedback_mode_is_remembered(service: PracticeService) -> None:
    await service.start(T, "sam")
    assert (await service.exchange(T, INVITE)).show_feedback
    await service.set_feedback_mode(T, "end")
    assert not (await service.exchange(T, INVITE)).show_feedback
    with pytest.raises(MessageRejected):
        await service.set_feedback_mode(T, "sometimes")


async def test_concurrent_exchanges_on_one_session_never_half_write(
    service: PracticeService, db: Database
) -> None:
    await service.start(T, "sam")
    results = await asyncio.gather(
        *(service.exchange(T, f"{INVITE} ({i})") for i in range(5)), return_exceptions=True
    )
    ok = [r for r in results if isinstance(r, ExchangeResult)]
    assert ok, results
    async with db.read() as s:
        answered = (
            await s.execute(
                select(func.count())
                .select_from(Turn)
                .where(Turn.role == "trainee", Turn.status == "answered")
            )
        ).scalar_one()
    # Every answered trainee turn has exactly one assessment, one client reply and one state.
    assert answered == len(ok) == await count(db, AssessmentRecord)
    assert await count(db, ClientStateRecord) == answered + 1
    assert await count(db, Turn) == 1 + answered * 2 + (5 - answered)


async def test_a_new_trainees_simultaneous_starts_leave_one_trainee_and_one_active_session(
    service: PracticeService, db: Database
) -> None:
    # Two devices (or a double-tapped button) starting at once for a trainee never seen before.
    results = await asyncio.gather(
        *(service.start("console:new", "sam") for _ in range(5)), return_exceptions=True
    )
    assert all(not isinstance(r, BaseException) for r in results), results
    assert await count(db, Trainee) == 1
    async with db.read() as s:
        active = (
            await s.execute(
                select(func.count())
                .select_from(PracticeSession)
                .where(PracticeSession.status == "active")
            )
        ).scalar_one()
    assert active == 1
    assert await count(db, PracticeSession) == 5


async def test_separate_trainees_do_not_share_sessions(service: PracticeService) -> None:
    await service.start("console:a", "sam")
    await service.start("console:b", "sam")
    await service.exchange("console:a", ORDER)
    b = await service.current("console:b")
    assert b is not None and b.state.trust == pytest.approx(0.4)
