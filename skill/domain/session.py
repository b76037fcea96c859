# ruff: noqa: ARG001  (handlers share one signature so the transition table can hold them)
"""The session state machine: `step(state, event, context) -> Outcome`.

Phases (what the coach is waiting for):
    IDLE            the menu: what shall we do?
    READY           a move was introduced (or a set interrupted): "say next" counts a set
    COUNTED         a set was just counted out in full: "say next" confirms it
    PAUSED          on a break; behaves like READY, but says so
    CONFIRM_FORGET  asked "delete everything?"; anything but yes or no carries on where we were
    FEEDBACK        the plan is finished: "how did that feel?"
    ENDED           the session is over

When a move counts as done: a set counts once it has been counted out in full AND the user
then moves on ("next"/"yes"); pause, stop, repeat, slower or faster straight after a set mean
it was interrupted, so it does not count and is counted out again. A move is done when its last
set counts, or when the session times out (SESSION_ENDED) straight after its last set was
counted out, since nobody interrupted it. The brushing-teeth moment is one reply that ends the
session and counts at once. Each done move yields exactly one Completion whose key is
"<run>:<position>:<move>": `run` is the turn id of the request that started the plan, so a
retried request with the same prior state gives the same key.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from skill.domain import script
from skill.domain.bounds import MAX_HOLD_SECONDS, MAX_REPS_PER_SET, MAX_SETS, TEMPO_BOUNDS, within
from skill.domain.cards import routine_card
from skill.domain.catalogue import (
    ALL_MOVE_NAMES,
    MOMENTS,
    ROUTINE,
    Dose,
    Move,
    Sides,
    move,
    spoken_list,
)
from skill.domain.counting import set_speech
from skill.domain.events import Event, EventKind
from skill.domain.ids import MomentId, MoveId
from skill.domain.progress import Completion, ForgetUser, ProfileUpdate, ProgressEvent, UserProgress
from skill.domain.progression import (
    adjust_for_feedback,
    change_tempo,
    clamp_tempo,
    fill_dose,
    next_big_birthday,
    squat_target,
    streak,
    todays_dose,
    valid_age,
)
from skill.domain.speech import Card, Reply, Speech

STATE_VERSION = 2
MAX_RUN_CHARS = 200  # a turn id: Alexa's request ids are under 100 characters
_T = TypeVar("_T")


class Phase(StrEnum):
    """What the coach is waiting for (see the module docstring)."""

    IDLE = "idle"
    READY = "ready"
    COUNTED = "counted"
    PAUSED = "paused"
    CONFIRM_FORGET = "confirm_forget"
    FEEDBACK = "feedback"
    ENDED = "ended"


class SessionState(NamedTuple):
    """Everything carried between turns in session attributes: small, versioned, JSON-safe."""

    phase: Phase = Phase.IDLE
    version: int = STATE_VERSION
    run: str = ""  # turn id of the request that started the current plan
    plan: tuple[MoveId, ...] = ()
    moment: MomentId | None = None
    # The current move's position in `plan`; as a field it hides tuple.index, never used here.
    index: int = 0  # type: ignore[assignment]
    sets_done: int = 0  # sets of the current move that count
    dose: Dose | None = None  # the current move's dose, fixed when the move starts
    tempo: float | None = None  # None: the user's saved tempo
    back: Phase | None = None  # where CONFIRM_FORGET returns to
    done: tuple[MoveId, ...] = ()  # moves completed this session

    @property
    def current(self) -> Move | None:
        in_plan = self.plan and 0 <= self.index < len(self.plan)
        return move(self.plan[self.index]) if in_plan else None

    @property
    def coaching(self) -> bool:
        return self.phase in (Phase.READY, Phase.COUNTED, Phase.PAUSED)

    def to_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["plan"] = list(self.plan)
        data["done"] = list(self.done)
        if self.dose is not None:
            data["dose"] = self.dose._asdict()
        return data

    @classmethod
    def from_json(cls, data: object) -> SessionState:
        """Parse session attributes; anything unknown, stale or inconsistent starts afresh."""
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return cls()
        try:
            state = _parse(data)
        except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
            return cls()
        return state if _consistent(state) else cls()


def _parse(data: dict[str, Any]) -> SessionState:
    dose = data.get("dose")
    tempo = data.get("tempo")
    return SessionState(
        phase=Phase(data["phase"]),
        run=_typed(data.get("run", ""), str),
        plan=tuple(MoveId(m) for m in data.get("plan", ())),
        moment=MomentId(data["moment"]) if data.get("moment") is not None else None,
        index=_typed(data.get("index", 0), int),
        sets_done=_typed(data.get("sets_done", 0), int),
        dose=_parse_dose(dose) if dose is not None else None,
        tempo=_bounded_tempo(tempo) if tempo is not None else None,
        back=Phase(data["back"]) if data.get("back") is not None else None,
        done=tuple(MoveId(m) for m in data.get("done", ())),
    )


def _bounded_tempo(value: object) -> float:
    """A tempo read back must be one the engine could have set (forged `inf` is not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    tempo = float(value)
    if not (math.isfinite(tempo) and within(tempo, TEMPO_BOUNDS)):
        raise ValueError(tempo)
    return tempo


def _parse_dose(data: dict[str, Any]) -> Dose:
    return Dose(
        reps=_typed(data["reps"], int),
        sets=_typed(data["sets"], int),
        sides=Sides(data["sides"]),
        supported=_typed(data["supported"], bool),
        hold_seconds=float(data["hold_seconds"]),
        last_set_reps=_typed(data["last_set_reps"], int),
    )


def _typed(value: object, kind: type[_T]) -> _T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(value)
    return value


def _consistent(s: SessionState) -> bool:
    """Within the engine's bounds (skill.domain.bounds) and internally coherent: session
    attributes come back from the device and can be forged."""
    if len(s.run) > MAX_RUN_CHARS or len(s.plan) > len(ROUTINE) or len(s.done) > len(ROUTINE):
        return False
    if not 0 <= s.index <= len(s.plan) or s.sets_done < 0:
        return False
    if s.dose is not None and not _dose_in_bounds(s.dose):
        return False
    if s.coaching:
        if s.current is None or s.dose is None:
            return False
        if not 0 <= s.sets_done < s.dose.sets:
            return False
    return (s.phase is Phase.CONFIRM_FORGET) == (s.back is not None) and s.back not in (
        Phase.CONFIRM_FORGET,
        Phase.ENDED,
    )


def _dose_in_bounds(dose: Dose) -> bool:
    return (
        1 <= dose.reps <= MAX_REPS_PER_SET
        and 1 <= dose.sets <= MAX_SETS
        and 0 <= dose.last_set_reps <= MAX_REPS_PER_SET
        and math.isfinite(dose.hold_seconds)
        and 0 <= dose.hold_seconds <= MAX_HOLD_SECONDS
    )


class Context(NamedTuple):
    """Facts about this turn that the engine needs but must not fetch itself."""

    now: datetime
    progress: UserProgress = UserProgress()
    turn_id: str = ""


class Outcome(NamedTuple):
    """The result of one step: the next state, what to say, what progress to record."""

    state: SessionState
    reply: Reply
    progress: tuple[ProgressEvent, ...] = ()


Handler = Callable[[SessionState, Event, Context], Outcome]


# ---------------------------------------------------------------------------------------------
# Building blocks


def _tempo(state: SessionState, ctx: Context) -> float:
    return state.tempo if state.tempo is not None else clamp_tempo(ctx.progress.profile.tempo)


def prompt(state: SessionState) -> Speech:
    """What to say to carry on from `state`; a side conversation (reminders) ends with it."""
    return _prompt(state)


def _prompt(state: SessionState) -> Speech:
    """What to say now: the reprompt of every reply that waits."""
    current = state.current
    match state.phase:
        case Phase.READY if current is not None:
            return Speech.of(f"Say next when you're ready for {current.name}, or skip.")
        case Phase.COUNTED:
            return Speech.of("Say next when you're ready, or repeat to do that set again.")
        case Phase.PAUSED:
            return Speech.of("Say resume when you're ready to carry on, or stop to finish.")
        case Phase.CONFIRM_FORGET:
            return Speech.of("Say yes to delete everything, or no to keep it.")
        case Phase.FEEDBACK:
            return Speech.of(script.FEEDBACK_QUESTION)
        case _:
            return Speech.of(script.START_HINT)


def _wait(
    state: SessionState,
    speech: Speech,
    progress: tuple[ProgressEvent, ...] = (),
    *,
    prompted: bool = False,
    card: Card | None = None,
) -> Outcome:
    """A reply that waits for the user; unless `prompted`, it ends by saying what to say."""
    prompt = _prompt(state)
    said = speech if prompted else speech + prompt
    return Outcome(state, Reply(said, reprompt=prompt, card=card), progress)


def _end(
    speech: Speech, progress: tuple[ProgressEvent, ...] = (), card: Card | None = None
) -> Outcome:
    return Outcome(SessionState(Phase.ENDED), Reply(speech, end_session=True, card=card), progress)


def _coached(state: SessionState) -> tuple[Move, Dose]:
    """The move being coached and its dose; only called in coaching phases."""
    current, dose = state.current, state.dose
    if current is None or dose is None:
        raise ValueError(f"no move is being coached in {state.phase}")
    return current, dose


def _run_id(ctx: Context) -> str:
    return ctx.turn_id or ctx.now.isoformat()


def _completion(state: SessionState, ctx: Context) -> Completion:
    current, dose = _coached(state)
    # The store adds reps x sets to the day, so report an even split, or one set of the total.
    sets = dose.sets if dose.total_reps % dose.sets == 0 else 1
    return Completion(
        key=f"{state.run}:{state.index}:{current.id}",
        move=current.id,
        reps=dose.total_reps // sets,
        sets=sets,
        local_date=ctx.now.date(),
        completed_at=ctx.now,
    )


def _with_done(state: SessionState, move_id: MoveId) -> tuple[MoveId, ...]:
    return state.done if move_id in state.done else (*state.done, move_id)


def _dose_for(move_id: MoveId, moment: MomentId | None, ctx: Context, tempo: float) -> Dose:
    dose = todays_dose(move_id, ctx.progress, ctx.now.date())
    if moment is None:
        return dose
    spec = MOMENTS[moment]
    if spec.fill_seconds:
        return fill_dose(move_id, dose, spec.fill_seconds, tempo)
    if spec.reps:
        return dose._replace(reps=spec.reps, sets=1, last_set_reps=0)
    return dose


def _enter(state: SessionState, index: int, ctx: Context) -> SessionState:
    """The state at the start of the move at `index` of the plan."""
    move_id = state.plan[index]
    dose = _dose_for(move_id, state.moment, ctx, _tempo(state, ctx))
    return state._replace(phase=Phase.READY, index=index, sets_done=0, dose=dose, back=None)


def _new_plan(
    state: SessionState, plan: tuple[MoveId, ...], moment: MomentId | None, ctx: Context
) -> SessionState:
    fresh = state._replace(
        run=_run_id(ctx), plan=plan, moment=moment, tempo=_tempo(state, ctx), back=None
    )
    return _enter(fresh, 0, ctx)


def _introduce(state: SessionState, lead: str = "") -> Outcome:
    current, dose = _coached(state)
    intro = script.introduce(current, dose, state.index, len(state.plan))
    return _wait(state, Speech.of(lead) + intro if lead else intro)


def _count(state: SessionState, ctx: Context, lead: str = "") -> Outcome:
    """Count out the next set of the current move in one reply."""
    current, dose = _coached(state)
    set_no = state.sets_done + 1
    counted = state._replace(phase=Phase.COUNTED)
    more_moves = state.index + 1 < len(state.plan)
    speech = set_speech(current, dose, set_no, _tempo(state, ctx), lead) + script.set_ending(
        current, dose, set_no, more_moves
    )
    return _wait(counted, speech, prompted=True)


def _advance(
    state: SessionState, ctx: Context, done: tuple[ProgressEvent, ...], lead: str
) -> Outcome:
    """Move on to the next move of the plan, or finish it."""
    if state.index + 1 < len(state.plan):
        return _introduce(_enter(state, state.index + 1, ctx), lead)._replace(progress=done)
    return _finish(state, ctx, done, lead)


def _finish(
    state: SessionState, ctx: Context, progress: tuple[ProgressEvent, ...], lead: str
) -> Outcome:
    moment = MOMENTS[state.moment] if state.moment is not None else None
    names = [move(m).name for m in state.plan if m in state.done]
    today = ctx.now.date()
    days = streak(ctx.progress, today, done_today=bool(state.done))
    summary = script.finished(names, moment.outro if moment else "", days)
    words = f"{lead} {summary}" if lead else summary
    # A moment's dose is its own (e.g. 10 toe taps a leg while the kettle boils).
    reps = {c.id: state.dose.total_reps} if moment and (c := state.current) and state.dose else {}
    card = routine_card(state.done, ctx.progress, today, days, reps)
    if moment is not None:
        return _end(Speech.of(words, script.SEE_YOU), progress, card)
    if not names:
        return _wait(_idle(state), Speech.of(words), progress)
    idle = state._replace(phase=Phase.FEEDBACK, dose=None, sets_done=0)
    return _wait(idle, Speech.of(words), progress, card=card)


# ---------------------------------------------------------------------------------------------
# Handlers that work the same in every phase


def _launch(state: SessionState, event: Event, ctx: Context) -> Outcome:
    fresh = SessionState(tempo=clamp_tempo(ctx.progress.profile.tempo))
    return _wait(fresh, script.welcome(ctx.progress, ctx.now.date()), prompted=True)


def _start_routine(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if event.moment is not None:
        return _start_moment(state, event, ctx)
    if event.move is not None:
        return _start_move(state, event, ctx)
    return _introduce(_new_plan(state, ROUTINE, None, ctx), "Here we go: five moves.")


def _start_move(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if event.move is None:
        names = ALL_MOVE_NAMES
        return _wait(_idle(state), Speech.of(f"Which move would you like? {names}?"))
    return _introduce(_new_plan(state, (event.move,), None, ctx))


def _start_moment(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if event.moment is None:
        return _wait(_idle(state), Speech.of(f"Which moment? {script.moment_names()}?"))
    spec = MOMENTS[event.moment]
    running = _new_plan(state, (spec.move,), event.moment, ctx)
    if not spec.hands_free:
        return _count(running, ctx, spec.intro)
    # One reply from start to finish: the user's mouth is busy, so nothing waits for them.
    current, dose = _coached(running)
    speech = set_speech(current, dose, 1, _tempo(running, ctx), spec.intro)
    return _end(speech + Speech.of(spec.outro), (_completion(running, ctx),))


def _idle(state: SessionState) -> SessionState:
    return state._replace(phase=Phase.IDLE, plan=(), moment=None, index=0, sets_done=0, dose=None)


def _explain(state: SessionState, event: Event, ctx: Context) -> Outcome:
    target = move(event.move) if event.move is not None else state.current
    if target is None:
        return _wait(state, Speech.of(f"Which move shall I explain? {ALL_MOVE_NAMES}?"))
    card = Card(target.title, " ".join(target.cues))
    return _wait(state, script.explain(target), card=card)


def _progress(state: SessionState, event: Event, ctx: Context) -> Outcome:
    report = script.progress_report(ctx.progress, ctx.now.date(), done_today=bool(state.done))
    return _wait(state, report)


def _set_age(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """The age, said as "I'm 42", or as the birthday to come ("I'm turning 50"): someone whose
    next birthday is N is N - 1, which also gives the right next big birthday."""
    said_age = event.number is not None or event.big_birthday is None
    number = event.number if said_age else (event.big_birthday or 0) - 1
    age = valid_age(number)
    if age is None:
        return _wait(state, Speech.of("Sorry, I didn't get your age. Say, for example, I'm 42."))
    profile = ctx.progress.profile._replace(age=age)
    target = squat_target(ctx.progress._replace(profile=profile), ctx.now.date())
    words = script.age_set(age if said_age else None, next_big_birthday(age), target)
    return _wait(state, words, (ProfileUpdate(age=age),))


def _feedback(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if event.feedback is None:
        return _wait(state, Speech.of("How did it feel?"))
    if event.move is not None:
        moves: tuple[MoveId, ...] = (event.move,)
    elif state.current is not None and state.coaching:
        moves = (state.current.id,)
    else:
        moves = state.done
    if not moves:
        return _wait(state, Speech.of("Thanks. Tell me again after a move, and I'll adjust it."))
    update = adjust_for_feedback(ctx.progress, moves, event.feedback)
    lines = script.FEEDBACK_REPLIES if update else script.FEEDBACK_AT_LIMIT
    reply = Speech.of(lines[event.feedback])
    changes: tuple[ProgressEvent, ...] = (update,) if update else ()
    if state.phase is Phase.FEEDBACK:
        return _end(reply + Speech.of(script.SEE_YOU), changes)
    return _wait(state, reply, changes)


def _forget_me(state: SessionState, event: Event, ctx: Context) -> Outcome:
    back = state.back if state.phase is Phase.CONFIRM_FORGET else state.phase
    asking = state._replace(phase=Phase.CONFIRM_FORGET, back=back)
    return _wait(
        asking,
        Speech.of(
            "That deletes your streak, your age and all your history, and it can't be undone. "
            "Are you sure?"
        ),
    )


def _help(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(state, script.HELP_COACHING if state.coaching else script.HELP_IDLE)


def _stop(state: SessionState, event: Event, ctx: Context) -> Outcome:
    words = []
    if state.phase is Phase.COUNTED and state.current is not None:
        words.append(f"Stopping there, so I won't count that set of {state.current.name}.")
    if state.done:
        words.append(f"You did {spoken_list([move(m).name for m in state.done])}.")
    words.append(f"Well done today. {script.SEE_YOU}")
    card = None
    if state.done:  # a workout cut short still gets its card
        today = ctx.now.date()
        days = streak(ctx.progress, today, done_today=True)
        card = routine_card(state.done, ctx.progress, today, days)
    return _end(Speech.of(" ".join(words)), card=card)


def _session_ended(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """Alexa closed the session: no speech. A last set that was counted out in full and not
    interrupted still counts."""
    dose = state.dose
    last_set_heard = (
        state.phase is Phase.COUNTED and dose is not None and state.sets_done + 1 == dose.sets
    )
    progress = (_completion(state, ctx),) if last_set_heard else ()
    return Outcome(SessionState(Phase.ENDED), Reply(Speech(), end_session=True), progress)


def _unknown(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(state, Speech.of("Sorry, I didn't catch that."))


def _tempo_change(state: SessionState, event: Event, ctx: Context) -> Outcome:
    slower = event.kind is EventKind.SLOWER
    old = _tempo(state, ctx)
    new = change_tempo(old, slower)
    if new == old:
        limit = "That's as slow as I go." if slower else "That's as quick as I go."
        return _wait(state._replace(tempo=new), Speech.of(limit))
    changed = state._replace(tempo=new)
    words = "Slower it is." if slower else "A bit quicker, then."
    if state.phase is Phase.COUNTED:
        # Said during or just after a set: take that set again at the new pace.
        outcome = _count(
            changed._replace(phase=Phase.READY), ctx, f"{words} Let's take that set again."
        )
    else:
        outcome = _wait(changed, Speech.of(words))
    return outcome._replace(progress=(ProfileUpdate(tempo=new),))


def _nothing_running(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if state.phase is Phase.FEEDBACK:
        return _wait(state, Speech.of("That's everything for today."))
    return _wait(state, Speech.of("We haven't started a move yet."))


def _whats_next_idle(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(state, Speech.of(f"Your morning moves are {ALL_MOVE_NAMES}."))


def _start_from_menu(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _start_routine(state, Event(EventKind.START_ROUTINE), ctx)


def _decline(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(
        state,
        Speech.of(
            "No problem. You can pick a single move, like squats, or a moment, like "
            "brushing my teeth. Or say stop."
        ),
        prompted=True,
    )


def _repeat_menu(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(state, script.welcome(ctx.progress, ctx.now.date()), prompted=True)


# ---------------------------------------------------------------------------------------------
# Handlers while coaching a move


def _count_set(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _count(state._replace(phase=Phase.READY), ctx)


def _confirm_set(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """The user moved on after a counted set: it counts; the move is done after its last."""
    current, dose = _coached(state)
    counted = state._replace(sets_done=state.sets_done + 1)
    if counted.sets_done < dose.sets:
        return _count(counted._replace(phase=Phase.READY), ctx, "Lovely.")
    done = (_completion(state, ctx),)
    finished = counted._replace(done=_with_done(state, current.id))
    more = state.index + 1 < len(state.plan)
    return _advance(finished, ctx, done, f"That's {current.name} done." if more else "")


def _no_rush(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(state, Speech.of("No rush."))


def _pause(state: SessionState, event: Event, ctx: Context) -> Outcome:
    # A pause straight after a counted set means it was interrupted: it will be counted again.
    return _wait(state._replace(phase=Phase.PAUSED), Speech.of("Paused. Take your time."))


def _still_paused(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(state, Speech.of("Still paused."))


def _resume(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _count(state._replace(phase=Phase.READY), ctx, "Welcome back.")


def _reintroduce(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _introduce(state)


def _recount(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _count(state._replace(phase=Phase.READY), ctx, "Once more.")


def _skip(state: SessionState, event: Event, ctx: Context) -> Outcome:
    current, _ = _coached(state)
    return _advance(state, ctx, (), f"Skipping {current.name}.")


def _start_over(state: SessionState, event: Event, ctx: Context) -> Outcome:
    restarted = _new_plan(state, state.plan, state.moment, ctx)
    if state.moment is not None:
        return _count(restarted, ctx, "From the top.")
    return _introduce(restarted, "Starting again from the top.")


def _how_many_left(state: SessionState, event: Event, ctx: Context) -> Outcome:
    current, dose = _coached(state)
    in_hand = 1 if state.phase is Phase.COUNTED else 0  # the set just counted
    left = dose.sets - state.sets_done - in_hand
    later = state.plan[state.index + 1 :]
    return _wait(state, Speech.of(script.sets_left_line(current, left, later)))


def _whats_next(state: SessionState, event: Event, ctx: Context) -> Outcome:
    current, dose = _coached(state)
    next_set = state.sets_done + (2 if state.phase is Phase.COUNTED else 1)
    if next_set <= dose.sets and dose.sets > 1:
        line = f"Next is set {next_set} of {dose.sets} of {current.name}."
    elif next_set <= dose.sets:
        line = f"Next is {script.describe_dose(current, dose)}."
    elif state.index + 1 < len(state.plan):
        line = f"Next is {move(state.plan[state.index + 1]).name}."
    else:
        line = f"This is the last move. After {current.name}, you're done."
    return _wait(state, Speech.of(line))


# ---------------------------------------------------------------------------------------------
# Handlers at the end, and for "forget me"


def _ask_feedback_again(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _wait(state, Speech.of("Tell me in a word."))


def _goodbye(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _end(Speech.of("Well done today.", script.SEE_YOU))


def _forget(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _end(
        Speech.of(
            "Done. I've deleted your progress and settings. If you come back, we'll start "
            "fresh. Goodbye."
        ),
        (ForgetUser(),),
    )


def _keep(state: SessionState, event: Event, ctx: Context) -> Outcome:
    kept = state._replace(phase=state.back or Phase.IDLE, back=None)
    return _wait(kept, Speech.of("Okay, I've kept everything."))


# ---------------------------------------------------------------------------------------------
# The transition table: phase-specific rows first, then what every phase does.

E = EventKind

TRANSITIONS: dict[Phase, dict[EventKind, Handler]] = {
    Phase.IDLE: {
        E.NEXT: _start_from_menu,
        E.YES: _start_from_menu,
        E.RESUME: _start_from_menu,
        E.START_OVER: _start_from_menu,
        E.NO: _decline,
        E.REPEAT: _repeat_menu,
    },
    Phase.READY: {
        E.NEXT: _count_set,
        E.YES: _count_set,
        E.RESUME: _count_set,
        E.NO: _no_rush,
        E.PAUSE: _pause,
        E.REPEAT: _reintroduce,
        E.SKIP: _skip,
        E.START_OVER: _start_over,
        E.HOW_MANY_LEFT: _how_many_left,
        E.WHATS_NEXT: _whats_next,
    },
    Phase.COUNTED: {
        E.NEXT: _confirm_set,
        E.YES: _confirm_set,
        E.RESUME: _confirm_set,
        E.NO: _no_rush,
        E.PAUSE: _pause,
        E.REPEAT: _recount,
        E.SKIP: _skip,
        E.START_OVER: _start_over,
        E.HOW_MANY_LEFT: _how_many_left,
        E.WHATS_NEXT: _whats_next,
    },
    Phase.PAUSED: {
        E.NEXT: _resume,
        E.YES: _resume,
        E.RESUME: _resume,
        E.NO: _still_paused,
        E.PAUSE: _still_paused,
    },
    Phase.CONFIRM_FORGET: {
        E.YES: _forget,
        E.NO: _keep,
        E.HELP: _forget_me,
        E.REPEAT: _forget_me,
        E.UNKNOWN: _forget_me,
    },
    Phase.FEEDBACK: {
        E.YES: _ask_feedback_again,
        E.REPEAT: _ask_feedback_again,
        E.UNKNOWN: _ask_feedback_again,
        E.NO: _goodbye,
        E.NEXT: _goodbye,
        E.START_OVER: _start_from_menu,
    },
    Phase.ENDED: {},
}

EVERY_PHASE: dict[EventKind, Handler] = {
    E.LAUNCH: _launch,
    E.START_ROUTINE: _start_routine,
    E.START_MOVE: _start_move,
    E.START_MOMENT: _start_moment,
    E.NEXT: _nothing_running,
    E.YES: _nothing_running,
    E.NO: _nothing_running,
    E.PAUSE: _nothing_running,
    E.RESUME: _nothing_running,
    E.REPEAT: _nothing_running,
    E.SKIP: _nothing_running,
    E.START_OVER: _start_from_menu,
    E.SLOWER: _tempo_change,
    E.FASTER: _tempo_change,
    E.HOW_MANY_LEFT: _nothing_running,
    E.EXPLAIN: _explain,
    E.WHATS_NEXT: _whats_next_idle,
    E.PROGRESS: _progress,
    E.SET_AGE: _set_age,
    E.FEEDBACK: _feedback,
    E.FORGET_ME: _forget_me,
    E.HELP: _help,
    E.STOP: _stop,
    E.UNKNOWN: _unknown,
    E.SESSION_ENDED: _session_ended,
}


def _falls_back_to(state: SessionState) -> SessionState | None:
    """Phases that, for events they have no row for, act like another phase."""
    if state.phase is Phase.PAUSED:
        return state._replace(phase=Phase.READY)
    if state.phase is Phase.CONFIRM_FORGET:  # anything but yes or no: carry on, keep the data
        return state._replace(phase=state.back or Phase.IDLE, back=None)
    return None


def step(state: SessionState, event: Event, context: Context) -> Outcome:
    """Advance the conversation by one event."""
    if state.phase is Phase.ENDED or not _consistent(state):
        state = SessionState(tempo=state.tempo)
    handler = TRANSITIONS[state.phase].get(event.kind)
    if handler is None:
        underlying = _falls_back_to(state)
        if underlying is not None:
            return step(underlying, event, context)
        handler = EVERY_PHASE[event.kind]
    return handler(state, event, context)
