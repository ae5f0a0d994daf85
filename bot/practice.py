"""PracticeService: the use cases every transport calls (start, exchange, retry, end, progress).

Transports only translate; nothing here knows about Telegram or terminals. Each use case
keeps database transactions short and never holds one open across a judge or engine call.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.client import ClientEngine, ClientReply, ClientState, Mood, TranscriptTurn
from bot.persona_schema import Persona
from bot.personas import PersonaCatalog
from bot.storage import Database, repo
from bot.storage.models import (
    AssessmentRecord,
    ClientStateRecord,
    PracticeSession,
    Trainee,
    Turn,
    utcnow,
)
from rubric import DIMENSIONS, Assessment, Exchange, Judge, Verdict
from rubric.feedback import FeedbackLine, feedback_lines
from rubric.summary import ScoredExchange, SessionSummary, summarise

log = logging.getLogger(__name__)

FeedbackMode = Literal["each", "end", "off"]


class PracticeError(Exception):
    """A problem the trainee can act on; `str()` is the text to show them."""

    code = "error"


class MessageRejected(PracticeError):
    code = "message_rejected"


class NoActiveSession(PracticeError):
    code = "no_session"


class UnknownPersona(PracticeError):
    code = "unknown_persona"


class NothingToRetry(PracticeError):
    code = "nothing_to_retry"


class ClientUnavailable(PracticeError):
    """The judge or the client engine failed; the trainee's message is saved for /retry."""

    code = "client_unavailable"


class Superseded(PracticeError):
    code = "superseded"


@dataclass(frozen=True, slots=True)
class SessionView:
    session_id: int
    persona: Persona
    exchanges: int
    state: ClientState
    last_client_line: str
    resumed: bool = False
    pending_text: str | None = None

    @property
    def mood(self) -> Mood:
        return self.state.mood(self.persona)


@dataclass(frozen=True, slots=True)
class ExchangeResult:
    session_id: int
    exchange_no: int
    trainee_text: str
    reply: str
    assessment: Assessment
    feedback: list[FeedbackLine]
    trust_before: float
    trust_after: float
    mood: Mood
    persona: Persona
    show_feedback: bool = True
    revealed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RewindResult:
    session_id: int
    persona: Persona
    removed_text: str
    client_line: str
    trust_before: float
    trust_after: float


@dataclass(frozen=True, slots=True)
class SummaryView:
    session_id: int
    persona: Persona | None
    persona_name: str
    summary: SessionSummary
    feedback: dict[int, list[FeedbackLine]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SessionProgress:
    session_id: int
    persona_name: str
    started_at: datetime
    status: str
    exchanges: int
    rates: dict[str, float]
    trust_start: float
    trust_end: float


@dataclass(frozen=True, slots=True)
class ProgressReport:
    sessions: list[SessionProgress]
    # Rate per dimension over all exchanges, and over the first and last sessions with any.
    overall: dict[str, float]
    first: dict[str, float]
    latest: dict[str, float]
    exchanges: int


@dataclass(frozen=True, slots=True)
class _Context:
    """What an exchange needs, read in one short transaction."""

    session_id: int
    persona: Persona
    state: ClientState
    exchange_no: int
    turn_id: int
    turn_seq: int
    text: str
    transcript: tuple[TranscriptTurn, ...]
    feedback_mode: str


class PracticeService:
    def __init__(
        self,
        *,
        db: Database,
        catalog: PersonaCatalog,
        engine: ClientEngine,
        judge: Judge,
        max_message_chars: int = 4096,
    ) -> None:
        self.db = db
        self.catalog = catalog
        self.engine = engine
        self.judge = judge
        self.max_message_chars = max_message_chars

    # --- personas and sessions ---------------------------------------------------------

    def personas(self) -> list[Persona]:
        return list(self.catalog)

    def persona(self, persona_id: str) -> Persona:
        persona = self.catalog.get(persona_id)
        if persona is None:
            if not len(self.catalog):
                raise UnknownPersona(texts.NO_PERSONAS)
            available = ", ".join(p.id for p in self.catalog)
            raise UnknownPersona(
                texts.UNKNOWN_PERSONA.format(persona_id=persona_id[:60], available=available)
            )
        return persona

    async def start(self, trainee: str, persona_id: str, *, display_name: str = "") -> SessionView:
        """Start a session with a persona; an unfinished one is kept as abandoned."""
        persona = self.persona(persona_id)
        state = ClientState.start(persona)
        async with self.db.write() as s:
            t = await repo.get_or_create_trainee(s, key=trainee, display_name=display_name)
            old = await repo.active_session(s, trainee_id=t.id, lock=True)
            if old is not None:
                old.status, old.ended_at = "abandoned", utcnow()
            ps = PracticeSession(
                trainee_id=t.id,
                persona_id=persona.id,
                persona_name=persona.name,
                status="active",
                engine=self.engine.name,
            )
            s.add(ps)
            await s.flush()
            session_id = ps.id
        opening = await self._opening(persona, state, session_id)
        async with self.db.write() as s:
            s.add(Turn(session_id=session_id, seq=0, role="client", text=opening.text))
            s.add(ClientStateRecord(session_id=session_id, exchange_no=0, trust=state.trust))
        log.info("session %s started persona=%s", session_id, persona.id)
        return SessionView(session_id, persona, 0, state, opening.text)

    async def _opening(self, persona: Persona, state: ClientState, session_id: int) -> ClientReply:
        try:
            return await self.engine.opening(persona, state, seed=f"{session_id}:0")
        except Exception:
            # An opening is not worth failing a session over: the first authored line will do.
            log.exception("engine %s failed on the opening line", self.engine.name)
            return ClientReply(persona.lines.opening[0], reason="fallback")

    async def current(self, trainee: str) -> SessionView | None:
        """The trainee's active session, for resuming after a restart or Ctrl-C."""
        async with self.db.read() as s:
            ps = await repo.active_session_for_key(s, key=trainee)
            if ps is None:
                return None
            persona = self.catalog.get(ps.persona_id)
            if persona is None:
                return None
            turns = await repo.turns(s, session_id=ps.id)
            latest = await repo.latest_state(s, session_id=ps.id)
        client_lines = [t.text for t in turns if t.role == "client"]
        pending = next((t.text for t in reversed(turns) if t.status == "pending"), None)
        return SessionView(
            session_id=ps.id,
            persona=persona,
            exchanges=latest.exchange_no,
            state=ClientState(latest.trust, frozenset(latest.revealed)),
            last_client_line=client_lines[-1] if client_lines else "",
            resumed=True,
            pending_text=pending,
        )

    # --- the exchange ------------------------------------------------------------------

    def check_message(self, text: str | None) -> str:
        """The message to send, or MessageRejected with a reason the trainee can act on."""
        cleaned = (text or "").strip()
        if not cleaned:
            raise MessageRejected(texts.EMPTY_MESSAGE)
        if len(cleaned) > self.max_message_chars:
            raise MessageRejected(
                texts.TOO_LONG.format(length=len(cleaned), limit=self.max_message_chars)
            )
        return cleaned

    async def exchange(self, trainee: str, text: str | None) -> ExchangeResult:
        """Judge the trainee's message, move the client's trust, and get the client's reply."""
        message = self.check_message(text)
        async with self.db.write() as s:
            t = await repo.get_trainee(s, key=trainee)
            ps = await repo.active_session(s, trainee_id=t.id, lock=True) if t else None
            if t is None or ps is None:
                raise NoActiveSession(texts.NO_ACTIVE_SESSION)
            persona = self.persona(ps.persona_id)
            # A message that never got an answer stays in the record, but is not answered now.
            await repo.supersede_pending(s, session_id=ps.id)
            seq = await repo.next_seq(s, session_id=ps.id)
            turn = Turn(session_id=ps.id, seq=seq, role="trainee", text=message, status="pending")
            s.add(turn)
            t.last_active_at = utcnow()
            await s.flush()
            ctx = await self._context(s, ps, persona, turn, t.feedback_mode)
        return await self._answer(ctx)

    async def _context(
        self, s: AsyncSession, ps: PracticeSession, persona: Persona, turn: Turn, mode: str
    ) -> _Context:
        turns = await repo.turns(s, session_id=ps.id)
        latest = await repo.latest_state(s, session_id=ps.id)
        transcript = tuple(
            TranscriptTurn(t.role, t.text)  # type: ignore[arg-type]
            for t in turns
            if t.seq < turn.seq and (t.role == "client" or t.status == "answered")
        )
        return _Context(
            session_id=ps.id,
            persona=persona,
            state=ClientState(latest.trust, frozenset(latest.revealed)),
            exchange_no=latest.exchange_no + 1,
            turn_id=turn.id,
            turn_seq=turn.seq,
            text=turn.text,
            transcript=transcript,
            feedback_mode=mode,
        )

    async def _answer(self, ctx: _Context) -> ExchangeResult:
        client_said = next((t.text for t in reversed(ctx.transcript) if t.role == "client"), "")
        exchange = Exchange(
            trainee_said=ctx.text,
            client_said=client_said,
            history=tuple((t.role, t.text) for t in ctx.transcript[:-1]),
        )
        try:
            assessment = await self.judge.assess(exchange)
            state = ctx.state.after(assessment, ctx.persona)
            reply = await self.engine.reply(
                ctx.persona,
                state,
                (*ctx.transcript, TranscriptTurn("trainee", ctx.text)),
                assessment,
                seed=f"{ctx.session_id}:{ctx.exchange_no}",
            )
        except Exception as exc:
            # The trainee cannot fix this; log it with context and keep their message for /retry.
            log.warning(
                "exchange failed session=%s exchange=%s: %s",
                ctx.session_id,
                ctx.exchange_no,
                type(exc).__name__,
                exc_info=log.isEnabledFor(logging.DEBUG),
            )
            raise ClientUnavailable(texts.CLIENT_UNAVAILABLE) from exc
        state = state.with_revealed(*reply.revealed)
        try:
            async with self.db.write() as s:
                turn = await s.get(Turn, ctx.turn_id)
                if turn is None or turn.status != "pending":
                    raise Superseded(texts.SUPERSEDED)
                turn.status = "answered"
                s.add(_assessment_record(ctx.turn_id, assessment))
                s.add(
                    Turn(
                        session_id=ctx.session_id,
                        seq=ctx.turn_seq + 1,
                        role="client",
                        text=reply.text,
                    )
                )
                s.add(
                    ClientStateRecord(
                        session_id=ctx.session_id,
                        exchange_no=ctx.exchange_no,
                        trust=state.trust,
                        revealed=sorted(state.revealed),
                    )
                )
        except IntegrityError:
            # Another exchange on this session got there first; this one is not half-written.
            raise Superseded(texts.SUPERSEDED) from None
        log.info(
            "exchange session=%s no=%s judge=%s engine=%s reason=%s",
            ctx.session_id,
            ctx.exchange_no,
            assessment.judge,
            self.engine.name,
            reply.reason,
        )
        return ExchangeResult(
            session_id=ctx.session_id,
            exchange_no=ctx.exchange_no,
            trainee_text=ctx.text,
            reply=reply.text,
            assessment=assessment,
            feedback=feedback_lines(assessment),
            trust_before=ctx.state.trust,
            trust_after=state.trust,
            mood=state.mood(ctx.persona),
            persona=ctx.persona,
            show_feedback=ctx.feedback_mode == "each",
            revealed=reply.revealed,
        )

    async def retry(self, trainee: str) -> ExchangeResult | RewindResult:
        """Answer a saved message that failed, or else rewind the last exchange and its trust."""
        async with self.db.write() as s:
            ps = await repo.active_session_for_key(s, key=trainee, lock=True)
            if ps is None:
                raise NoActiveSession(texts.NO_ACTIVE_SESSION)
            persona = self.persona(ps.persona_id)
            turns = await repo.turns(s, session_id=ps.id)
            trainee_turns = [t for t in turns if t.role == "trainee"]
            last = trainee_turns[-1] if trainee_turns else None
            if last is not None and last.status == "pending":
                mode = (await s.get_one(Trainee, ps.trainee_id)).feedback_mode
                ctx = await self._context(s, ps, persona, last, mode)
                answered = True
            else:
                answered = False
                rewind = await self._rewind(s, ps, persona, turns)
        if answered:
            return await self._answer(ctx)
        return rewind

    async def _rewind(
        self, s: AsyncSession, ps: PracticeSession, persona: Persona, turns: Sequence[Turn]
    ) -> RewindResult:
        answered = [t for t in turns if t.role == "trainee" and t.status == "answered"]
        if not answered:
            raise NothingToRetry(texts.NOTHING_TO_RETRY)
        last = answered[-1]
        states = await repo.states(s, session_id=ps.id)
        if len(states) < 2:
            raise NothingToRetry(texts.NOTHING_TO_RETRY)
        await repo.delete_turns_from(s, session_id=ps.id, seq=last.seq)
        await repo.delete_state(s, session_id=ps.id, exchange_no=states[-1].exchange_no)
        client_line = next(
            (t.text for t in reversed(turns) if t.role == "client" and t.seq < last.seq), ""
        )
        return RewindResult(
            session_id=ps.id,
            persona=persona,
            removed_text=last.text,
            client_line=client_line,
            trust_before=states[-1].trust,
            trust_after=states[-2].trust,
        )

    # --- ending and reviewing -------------------------------------------------------------

    async def end(self, trainee: str) -> SummaryView:
        """End the active session and summarise it."""
        async with self.db.write() as s:
            ps = await repo.active_session_for_key(s, key=trainee, lock=True)
            if ps is None:
                raise NoActiveSession(texts.NO_ACTIVE_SESSION)
            ps.status, ps.ended_at = "ended", utcnow()
            await repo.supersede_pending(s, session_id=ps.id)
            session_id = ps.id
        return await self.summary(session_id)

    async def summary(self, session_id: int) -> SummaryView:
        async with self.db.read() as s:
            ps = await s.get_one(PracticeSession, session_id)
            scored, trust_start = await _scored_exchanges(s, session_id)
        persona = self.catalog.get(ps.persona_id)
        return SummaryView(
            session_id=session_id,
            persona=persona,
            persona_name=ps.persona_name,
            summary=summarise(scored, trust_start),
            feedback={e.number: feedback_lines(e.assessment) for e in scored},
        )

    async def progress(self, trainee: str) -> ProgressReport:
        """The trainee's rates per dimension, session by session."""
        rows: list[SessionProgress] = []
        async with self.db.read() as s:
            t = await repo.get_trainee(s, key=trainee)
            sessions = await repo.sessions_of(s, trainee_id=t.id) if t else []
            for ps in sessions:
                scored, trust_start = await _scored_exchanges(s, ps.id)
                if not scored:
                    continue
                summary = summarise(scored, trust_start)
                rows.append(
                    SessionProgress(
                        session_id=ps.id,
                        persona_name=ps.persona_name,
                        started_at=ps.started_at,
                        status=ps.status,
                        exchanges=summary.exchanges,
                        rates={d.value: summary.rate(d) for d in DIMENSIONS},
                        trust_start=trust_start,
                        trust_end=summary.trust_curve[-1],
                    )
                )
        total = sum(r.exchanges for r in rows)

        def pooled(subset: list[SessionProgress]) -> dict[str, float]:
            n = sum(r.exchanges for r in subset)
            return {
                d.value: (sum(r.rates[d.value] * r.exchanges for r in subset) / n if n else 0.0)
                for d in DIMENSIONS
            }

        return ProgressReport(
            sessions=rows,
            overall=pooled(rows),
            first=pooled(rows[:1]),
            latest=pooled(rows[-1:]),
            exchanges=total,
        )

    async def set_feedback_mode(self, trainee: str, mode: str) -> FeedbackMode:
        if mode not in texts.FEEDBACK_MODES:
            raise MessageRejected(texts.BAD_FEEDBACK_MODE)
        async with self.db.write() as s:
            t = await repo.get_or_create_trainee(s, key=trainee)
            t.feedback_mode = mode
        return mode  # type: ignore[return-value]


def _assessment_record(turn_id: int, a: Assessment) -> AssessmentRecord:
    return AssessmentRecord(
        turn_id=turn_id,
        invited_input=a.invited_input,
        encouraged_self_advocacy=a.encouraged_self_advocacy,
        overrode_autonomy=a.overrode_autonomy,
        evidence=a.evidence(),
        why=a.whys(),
        suggestion=a.suggestion,
        judge=a.judge,
        fallback_reason=a.fallback_reason,
    )


def assessment_from_record(r: AssessmentRecord) -> Assessment:
    labels = {
        "invited_input": r.invited_input,
        "encouraged_self_advocacy": r.encouraged_self_advocacy,
        "overrode_autonomy": r.overrode_autonomy,
    }
    return Assessment(
        verdicts={
            d: Verdict(labels[d.value], r.evidence.get(d.value, ""), r.why.get(d.value, ""))
            for d in DIMENSIONS
        },
        suggestion=r.suggestion,
        judge=r.judge,
        fallback_reason=r.fallback_reason,
    )


async def _scored_exchanges(s: AsyncSession, session_id: int) -> tuple[list[ScoredExchange], float]:
    turns = await repo.turns(s, session_id=session_id)
    states = await repo.states(s, session_id=session_id)
    records = await repo.assessments(s, session_id=session_id)
    trust = {st.exchange_no: st.trust for st in states}
    answered = [t for t in turns if t.role == "trainee" and t.id in records]
    scored = [
        ScoredExchange(
            number=i,
            trainee_said=t.text,
            assessment=assessment_from_record(records[t.id]),
            trust_before=trust.get(i - 1, 0.0),
            trust_after=trust.get(i, 0.0),
        )
        for i, t in enumerate(answered, start=1)
    ]
    return scored, trust.get(0, 0.0)
