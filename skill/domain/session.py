# ruff: noqa: ARG001  (handlers share one signature so the transition table can hold them)
"""The session state machine: `step(state, event, context) -> Outcome`.

The phases are in skill/domain/state.py, the reminder conversation's handlers in
skill/domain/reminder_talk.py; this module holds the coaching handlers and the one transition
table that routes every event of every phase.

One reply per move: starting a move says its introduction, a get-into-position countdown and
every set, with a spoken rest between sets, then what to say for the next move (or, after the
plan's last move, how it felt); a move too long for Alexa's limits is split at a set boundary.

When a set counts: Alexa does not say how much of a reply was played, but every request carries
the time it was heard. Before any handler runs, `step` credits every set of the reply in flight
whose planned end (`SessionState.set_ends`, seconds into the reply) is no later than the time
since that reply's request: whatever the user says next (next, stop, skip, pause, cancel, ...) or
when Alexa closes the session. When they spoke sooner, the set was cut short (CUT_SHORT): it does
not count, and "next" asks whether they finished it (CHECK_SET) instead of guessing. A move is
done when its last set counts. A reply that ends the session (the moments) counts at once, since
no request comes back. Each done move yields exactly one Completion whose key is
"<run>:<position>:<move>": `run` is the turn id of the request that started the plan, so a
retried request with the same prior state gives the same key.
"""

from __future__ import annotations

from collections.abc import Callable

from skill.domain import feedback, pause, person_talk, reminder_talk, script
from skill.domain.cards import routine_card
from skill.domain.catalogue import (
    MOMENTS,
    ROUTINE,
    Dose,
    Move,
    all_move_names,
    move,
)
from skill.domain.counting import counted_sets, set_speech
from skill.domain.events import Event, EventKind
from skill.domain.gentle import graduation_days
from skill.domain.ids import MomentId, MoveId, Style
from skill.domain.progress import Completion, ForgetUser, ProfileUpdate, ProgressEvent
from skill.domain.progression import (
    change_tempo,
    clamp_tempo,
    fill_dose,
    meeting,
    next_big_birthday,
    squat_target,
    streak,
    todays_dose,
    valid_age,
)
from skill.domain.reminders import completed_routine_dates
from skill.domain.speaker import should_ask_for_name
from skill.domain.speech import MAX_REPLY_SECONDS, MAX_SSML_CHARS, Card, Reply, Speech
from skill.domain.ssml import render
from skill.domain.state import Phase, SessionState, consistent
from skill.domain.turn import Context, Handler, Outcome, end, wait
from skill.domain.words import Phrase, say, speaking, spoken_list

# ---------------------------------------------------------------------------------------------
# Building blocks


def _tempo(state: SessionState, ctx: Context) -> float:
    return state.tempo if state.tempo is not None else clamp_tempo(ctx.progress.profile.tempo)


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
    today = ctx.now.date()
    return Completion(
        key=f"{today.isoformat()}:{state.run}:{state.index}:{current.id}",
        move=current.id,
        reps=dose.total_reps // sets,
        sets=sets,
        local_date=today,
        completed_at=ctx.now,
    )


def _with_done(state: SessionState, move_id: MoveId) -> tuple[MoveId, ...]:
    return state.done if move_id in state.done else (*state.done, move_id)


def _dose_for(
    move_id: MoveId, moment: MomentId | None, ctx: Context, tempo: float, style: Style
) -> Dose:
    dose = todays_dose(move_id, ctx.progress, ctx.now.date(), style)
    if moment is None:
        return dose
    spec = MOMENTS[moment]
    if spec.fill_seconds:
        return fill_dose(move_id, dose, spec.fill_seconds, tempo, style)
    if spec.reps:
        return dose._replace(reps=spec.reps, sets=1, last_set_reps=0)
    return dose


def _enter(state: SessionState, index: int, ctx: Context) -> SessionState:
    """The state at the start of the move at `index` of the plan."""
    move_id = state.plan[index]
    dose = _dose_for(move_id, state.moment, ctx, _tempo(state, ctx), state.style)
    return state._replace(phase=Phase.READY, index=index, sets_done=0, dose=dose, back=None)


def _new_plan(
    state: SessionState,
    plan: tuple[MoveId, ...],
    moment: MomentId | None,
    ctx: Context,
    style: Style | None = None,
) -> SessionState:
    """A plan from its first move, in `style` (None: the user's remembered style)."""
    fresh = state._replace(
        run=_run_id(ctx),
        plan=plan,
        moment=moment,
        style=_style(ctx) if style is None else style,
        tempo=_tempo(state, ctx),
        back=None,
    )
    return _enter(fresh, 0, ctx)


def _style(ctx: Context) -> Style:
    return ctx.progress.profile.style


def _remember_style(outcome: Outcome, style: Style | None, ctx: Context) -> Outcome:
    """`outcome`, also saving `style` as the user's choice when it is a new one."""
    if style is None or style is _style(ctx):
        return outcome
    return outcome._replace(progress=(*outcome.progress, ProfileUpdate(style=style)))


def _intro(state: SessionState, ctx: Context) -> Speech:
    """The current move's introduction, with the news of a rung new to the user."""
    current, dose = _coached(state)
    met = meeting(current.id, ctx.progress, ctx.now.date(), state.style)
    return script.introduce(current, dose, state.index, len(state.plan), met)


def _introduce(state: SessionState, ctx: Context, lead: str = "") -> Outcome:
    intro = _intro(state, ctx)
    return wait(state, Speech.of(lead) + intro if lead else intro)


def _count(state: SessionState, ctx: Context, lead: str = "", *, intro: bool = False) -> Outcome:
    """Count the current move's remaining sets in one reply, as many as Alexa's limits allow:
    its introduction when asked, then `counted_sets`, then what comes next, which after the
    plan's last move is the plan's finish (how did that feel?)."""
    current, dose = _coached(state)
    opening = Speech.of(lead) if lead else Speech()
    if intro:
        opening += _intro(state, ctx)
    more = state.index + 1 < len(state.plan)
    rest_of_move = script.move_ending(current, None)
    if more:
        finishing = None
        ending = script.move_ending(current, move(state.plan[state.index + 1], state.style))
    else:  # said as if the move were done: it is credited once it had time to play
        heard = state._replace(done=_with_done(state, current.id))
        finishing = _finish(heard, ctx, (), "")
        ending = finishing.reply.speech
    fits = _room_for(rest_of_move, ending)
    first = state.sets_done + 1
    counting = counted_sets(current, dose, first, _tempo(state, ctx), opening=opening, fits=fits)
    in_flight = state._replace(
        phase=Phase.COUNTED, counted_at=round(ctx.heard_seconds, 3), set_ends=counting.set_ends
    )
    if state.sets_done + len(counting.set_ends) < dose.sets:
        return wait(in_flight, counting.speech + rest_of_move, prompted=True)
    if finishing is None:
        return wait(in_flight, counting.speech + ending, prompted=True)
    reply = finishing.reply._replace(speech=counting.speech + ending)
    if reply.end_session:  # a moment: no request comes back to credit the set, so it counts now
        return finishing._replace(reply=reply, progress=(_completion(state, ctx),))
    return finishing._replace(state=in_flight._replace(phase=Phase.FEEDBACK), reply=reply)


def _room_for(*endings: Speech) -> Callable[[Speech], bool]:
    """Whether counted speech leaves room, within Alexa's limits, for the longest ending."""
    chars = max(len(_render(e)) for e in endings) - len("<speak></speak>")
    seconds = max(e.planned_seconds() for e in endings)

    def fits(speech: Speech) -> bool:
        within_chars = len(_render(speech)) + chars < MAX_SSML_CHARS
        return within_chars and speech.planned_seconds() + seconds <= MAX_REPLY_SECONDS

    return fits


_render = render.__wrapped__  # candidates are measured once: not worth a place in the cache


def _hear(state: SessionState, ctx: Context) -> tuple[SessionState, tuple[ProgressEvent, ...]]:
    """Credit every set of the reply in flight that had time to play before this request; the
    move is done (one Completion) when its last set is. A set still being counted is cut short."""
    if not state.set_ends or state.counted_at is None:
        return state, ()
    current, dose = _coached(state)
    elapsed = round(ctx.heard_seconds - state.counted_at, 3)  # to the ms: floats add up unevenly
    heard = sum(1 for end in state.set_ends if end <= elapsed)
    credited = state._replace(sets_done=state.sets_done + heard, counted_at=None, set_ends=())
    if heard < len(state.set_ends):
        return credited._replace(phase=Phase.CUT_SHORT), ()
    if credited.sets_done < dose.sets:
        return credited._replace(phase=Phase.READY), ()
    done = (_completion(state, ctx),)
    finished = credited._replace(done=_with_done(state, current.id))
    if state.phase is Phase.COUNTED and state.index + 1 < len(state.plan):
        return _enter(finished, state.index + 1, ctx), done
    return finished._replace(phase=Phase.FEEDBACK, dose=None, sets_done=0), done


def _advance(
    state: SessionState, ctx: Context, done: tuple[ProgressEvent, ...], lead: str
) -> Outcome:
    """Move on to the next move of the plan (counting it straight away), or finish the plan."""
    if state.index + 1 < len(state.plan):
        outcome = _count(_enter(state, state.index + 1, ctx), ctx, lead, intro=True)
        return outcome._replace(progress=done + outcome.progress)
    return _finish(state, ctx, done, lead)


def _finish(
    state: SessionState, ctx: Context, progress: tuple[ProgressEvent, ...], lead: str
) -> Outcome:
    moment = MOMENTS[state.moment] if state.moment is not None else None
    names = [move(m, state.style).name for m in state.plan if m in state.done]
    today = ctx.now.date()
    days = streak(ctx.progress, today, done_today=bool(state.done))
    summary = script.finished(names, moment.outro if moment else "", days)
    words = f"{lead} {summary}" if lead else summary
    # A moment's dose is its own (e.g. 10 toe taps a leg while the kettle boils).
    reps = {c.id: state.dose.total_reps} if moment and (c := state.current) and state.dose else {}
    card = routine_card(state.done, ctx.progress, today, days, reps, style=state.style)
    if moment is not None:
        return end(Speech.of(words, say(Phrase.SEE_YOU)), progress, card)
    if not names:
        return wait(_idle(state), Speech.of(words), progress)
    idle = state._replace(phase=Phase.FEEDBACK, dose=None, sets_done=0)
    return wait(idle, Speech.of(words), progress, card=card)


# ---------------------------------------------------------------------------------------------
# Handlers that work the same in every phase


def _launch(state: SessionState, event: Event, ctx: Context) -> Outcome:
    back = pause.take_up(ctx, opening=True)
    if back is not None:
        return back
    fresh = SessionState(tempo=clamp_tempo(ctx.progress.profile.tempo))
    if should_ask_for_name(ctx.speaker, ctx.progress):
        return person_talk.ask_name(fresh)
    return _welcome(fresh, ctx)


def _name_consent(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """Alexa resumed the session with the person's answer to the name question: the welcome."""
    fresh = SessionState(tempo=clamp_tempo(ctx.progress.profile.tempo))
    return _welcome(fresh, ctx, person_talk.answered(event))


def _welcome(fresh: SessionState, ctx: Context, lead: Speech | None = None) -> Outcome:
    today = ctx.now.date()
    offer = graduation_days(ctx.progress, today)
    greeting = (lead or Speech()) + person_talk.greeting(ctx)
    welcome = greeting + script.welcome(ctx.progress, today, offer)
    if not offer:
        return pause.mention(wait(fresh, welcome, prompted=True), ctx)
    # Remembered as soon as it is asked, so whatever the answer it is not asked again soon.
    offering = fresh._replace(phase=Phase.OFFER_STANDARD)
    outcome = wait(offering, welcome, (ProfileUpdate(style_offered=today),), prompted=True)
    return pause.mention(outcome, ctx)


def _start_routine(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if event.moment is not None:
        return _start_moment(state, event, ctx)
    if event.move is not None:
        return _start_move(state, event, ctx)
    style = event.style or _style(ctx)
    plan = _new_plan(state, ROUTINE, None, ctx, style)
    outcome = _count(plan, ctx, script.here_we_go(style), intro=True)
    return _remember_style(outcome, event.style, ctx)


def _go_on(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """ "Let's go" or "start" while the routine is already under way means carry on, not
    start it again from its first move; naming a move or a moment still starts that."""
    restyled = event.style not in (None, state.style)
    if event.move is not None or event.moment is not None or state.plan != ROUTINE or restyled:
        return _start_routine(state, event, ctx)
    return TRANSITIONS[state.phase][E.NEXT](state, Event(E.NEXT), ctx)


def _start_move(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if event.move is None:
        names = all_move_names(_style(ctx))
        return wait(_idle(state), Speech.of(say(Phrase.WHICH_MOVE, names=names)))
    running = _new_plan(state, (event.move,), None, ctx)
    return _count(running, ctx, script.safety(running.style), intro=True)


def _start_moment(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if event.moment is None:
        return wait(_idle(state), Speech.of(say(Phrase.WHICH_MOMENT, names=script.moment_names())))
    spec = MOMENTS[event.moment]
    # A moment's words name the standard move, so it keeps the standard version.
    running = _new_plan(state, (spec.move,), event.moment, ctx, Style.STANDARD)
    if not spec.hands_free:
        return _count(running, ctx, spec.intro)
    # One reply from start to finish: the user's mouth is busy, so nothing waits for them.
    current, dose = _coached(running)
    speech = set_speech(current, dose, 1, _tempo(running, ctx), spec.intro)
    return end(speech + Speech.of(spec.outro), (_completion(running, ctx),))


def _idle(state: SessionState) -> SessionState:
    return state._replace(phase=Phase.IDLE, plan=(), moment=None, index=0, sets_done=0, dose=None)


def _explain(state: SessionState, event: Event, ctx: Context) -> Outcome:
    style = state.style if state.plan else _style(ctx)
    target = move(event.move, style) if event.move is not None else state.current
    if target is None:
        names = all_move_names(style)
        return wait(state, Speech.of(say(Phrase.WHICH_MOVE_TO_EXPLAIN, names=names)))
    card = Card(target.title, " ".join(target.cues))
    coached = state.dose if state.current is target else None
    return wait(state, script.explain(target, coached), card=card)


def _progress(state: SessionState, event: Event, ctx: Context) -> Outcome:
    report = script.progress_report(ctx.progress, ctx.now.date(), done_today=bool(state.done))
    return wait(state, report)


def _set_age(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """The age, said as "I'm 42", or as the birthday to come ("I'm turning 50"): someone whose
    next birthday is N is N - 1, which also gives the right next big birthday."""
    said_age = event.number is not None or event.big_birthday is None
    number = event.number if said_age else (event.big_birthday or 0) - 1
    age = valid_age(number)
    if age is None:
        return wait(state, Speech.of(say(Phrase.AGE_NOT_HEARD)))
    profile = ctx.progress.profile._replace(age=age)
    target = squat_target(ctx.progress._replace(profile=profile), ctx.now.date())
    words = script.age_set(age if said_age else None, next_big_birthday(age), target)
    return wait(state, words, (ProfileUpdate(age=age),))


def _forget_me(state: SessionState, event: Event, ctx: Context) -> Outcome:
    back = state.back if state.phase is Phase.CONFIRM_FORGET else state.phase
    asking = state._replace(phase=Phase.CONFIRM_FORGET, back=back)
    return wait(
        asking,
        Speech.of(say(Phrase.CONFIRM_FORGET)),
    )


def _help(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if state.coaching:
        where = script.HelpFor.COACHING
    elif state.phase is Phase.FEEDBACK:
        where = script.HelpFor.FEEDBACK
    elif state.phase is Phase.OFFER_REMINDER:
        where = script.HelpFor.END
    else:
        where = script.HelpFor.IDLE
    return wait(state, script.help_for(where))


def _stop(state: SessionState, event: Event, ctx: Context) -> Outcome:
    words = []
    if state.phase is Phase.CUT_SHORT and state.current is not None:
        words.append(say(Phrase.STOP_UNCOUNTED, name=state.current.name))
    if state.done:
        names = spoken_list([move(m, state.style).name for m in state.done])
        words.append(say(Phrase.YOU_DID, names=names))
    words.append(f"{say(Phrase.WELL_DONE)} {say(Phrase.SEE_YOU)}")
    card = None
    if state.done:  # a workout cut short still gets its card
        today = ctx.now.date()
        days = streak(ctx.progress, today, done_today=True)
        card = routine_card(state.done, ctx.progress, today, days, style=state.style)
    return end(Speech.of(" ".join(words)), card=card)


def _session_ended(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """Alexa closed the session: no speech (sets heard in full were credited by `step`). A
    routine left mid-way keeps its place, as a pause does, so opening the skill again soon
    carries on there."""
    kept = pause.keep(state, ctx) if state.coaching and state.moment is None else ()
    return Outcome(SessionState(Phase.ENDED), Reply(Speech(), end_session=True), kept)


def _unknown(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(state, Speech.of(say(Phrase.NOT_CAUGHT)))


def _tempo_change(state: SessionState, event: Event, ctx: Context) -> Outcome:
    slower = event.kind is EventKind.SLOWER
    old = _tempo(state, ctx)
    new = change_tempo(old, slower)
    if new == old:
        limit = say(Phrase.SLOWEST) if slower else say(Phrase.QUICKEST)
        return wait(state._replace(tempo=new), Speech.of(limit))
    changed = state._replace(tempo=new)
    words = say(Phrase.SLOWER) if slower else say(Phrase.QUICKER)
    if state.phase is Phase.CUT_SHORT:
        # Said during a set: take that set again at the new pace.
        outcome = _count(
            changed._replace(phase=Phase.READY), ctx, f"{words} {say(Phrase.TAKE_SET_AGAIN)}"
        )
    else:
        outcome = wait(changed, Speech.of(words))
    return outcome._replace(progress=(ProfileUpdate(tempo=new),))


def _nothing_running(state: SessionState, event: Event, ctx: Context) -> Outcome:
    if state.phase is Phase.FEEDBACK:
        return wait(state, Speech.of(say(Phrase.EVERYTHING_DONE)))
    return wait(state, Speech.of(say(Phrase.NOT_STARTED)))


def _whats_next_idle(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(state, Speech.of(say(Phrase.YOUR_MOVES, names=all_move_names(_style(ctx)))))


def _start_from_menu(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _start_routine(state, Event(EventKind.START_ROUTINE), ctx)


def _carry_on(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """ "Carry on" at the menu: the paused workout, if one is waiting; else, after a "stop"
    earlier today, the routine from its first move not done yet; else the routine."""
    back = pause.take_up(ctx, opening=False)
    if back is not None:
        return back
    today = ctx.now.date()
    done_today = next((d.reps for d in ctx.progress.days if d.local_date == today), {})
    first = next((i for i, m in enumerate(ROUTINE) if m not in done_today), len(ROUTINE))
    if not 0 < first < len(ROUTINE):  # nothing done yet, or all of it: the routine again
        return pause.mention(_start_from_menu(state, event, ctx), ctx)
    rest = _enter(_new_plan(state, ROUTINE, None, ctx), first, ctx)
    # Taken up like a kept place: "Welcome back: you were on squats. Ready?"
    taken_up = rest._replace(phase=Phase.PAUSED, done=ROUTINE[:first])
    current, _ = _coached(taken_up)
    return wait(taken_up, Speech.of(say(Phrase.PAUSE_TAKEN_UP, name=current.name)), prompted=True)


def _decline(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(
        state,
        Speech.of(say(Phrase.DECLINED)),
        prompted=True,
    )


def _repeat_menu(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(state, script.welcome(ctx.progress, ctx.now.date()), prompted=True)


# ---------------------------------------------------------------------------------------------
# Handlers while coaching a move


def _count_set(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _count(state._replace(phase=Phase.READY), ctx, intro=state.sets_done == 0)


def _ask_finished(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """The user moved on while a set was being counted: ask rather than guess."""
    current, _ = _coached(state)
    asking = state._replace(phase=Phase.CHECK_SET)
    return wait(asking, Speech.of(say(Phrase.DID_YOU_FINISH, name=current.name)), prompted=True)


def _finished_set(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """They did finish the set that was cut short: it counts, and on we go as "next" would."""
    current, dose = _coached(state)
    counted = state._replace(sets_done=state.sets_done + 1)
    if counted.sets_done < dose.sets:
        return _count(counted._replace(phase=Phase.READY), ctx, say(Phrase.LOVELY))
    done = (_completion(state, ctx),)
    finished = counted._replace(done=_with_done(state, current.id))
    more = state.index + 1 < len(state.plan)
    return _advance(finished, ctx, done, say(Phrase.MOVE_DONE, name=current.name) if more else "")


def _set_again(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _count(state._replace(phase=Phase.READY), ctx, say(Phrase.TAKE_SET_AGAIN))


def _no_rush(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(state, Speech.of(say(Phrase.NO_RUSH)))


def _still_paused(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(state, Speech.of(say(Phrase.STILL_PAUSED)))


def _resume(state: SessionState, event: Event, ctx: Context) -> Outcome:
    # Only a pause taken up in a later session is PAUSED, and that said "Welcome back" already.
    return _count(state._replace(phase=Phase.READY), ctx, intro=state.sets_done == 0)


def _reintroduce(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _introduce(state, ctx)


def _recount(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return _count(state._replace(phase=Phase.READY), ctx, say(Phrase.ONCE_MORE))


def _skip(state: SessionState, event: Event, ctx: Context) -> Outcome:
    current, _ = _coached(state)
    return _advance(state, ctx, (), say(Phrase.SKIPPING, name=current.name))


def _start_over(state: SessionState, event: Event, ctx: Context) -> Outcome:
    restarted = _new_plan(state, state.plan, state.moment, ctx, state.style)
    if state.moment is not None:
        return _count(restarted, ctx, say(Phrase.FROM_THE_TOP))
    return _count(restarted, ctx, say(Phrase.STARTING_AGAIN), intro=True)


def _how_many_left(state: SessionState, event: Event, ctx: Context) -> Outcome:
    current, dose = _coached(state)
    left = dose.sets - state.sets_done
    later = state.plan[state.index + 1 :]
    return wait(state, Speech.of(script.sets_left_line(current, left, later, state.style)))


def _whats_next(state: SessionState, event: Event, ctx: Context) -> Outcome:
    current, dose = _coached(state)
    next_set = state.sets_done + 1
    if next_set <= dose.sets and dose.sets > 1:
        line = say(Phrase.NEXT_SET, set_no=next_set, sets=dose.sets, name=current.name)
    elif next_set <= dose.sets:
        line = say(Phrase.NEXT_DOSE, dose=script.describe_dose(current, dose))
    elif state.index + 1 < len(state.plan):
        line = say(Phrase.NEXT_MOVE, name=move(state.plan[state.index + 1], state.style).name)
    else:
        line = say(Phrase.LAST_MOVE, name=current.name)
    return wait(state, Speech.of(line))


# ---------------------------------------------------------------------------------------------
# Gentle moves: choosing the style, and the suggestion to try the standard moves


def _choose_style(state: SessionState, event: Event, ctx: Context) -> Outcome:
    """ "Make it gentle" / "back to the standard moves": remembered; a move being coached in
    the other version starts again in the chosen one."""
    style = event.style
    if style is None:
        return wait(state, Speech.of(say(Phrase.GENTLE_HINT)))
    if state.coaching and state.style is not style:
        switched = _enter(state._replace(style=style), state.index, ctx)
        restarted = _count(switched, ctx, script.switching(style), intro=True)
        return _remember_style(restarted, style, ctx)
    outcome = wait(state, Speech.of(script.style_chosen(style, changed=style is not _style(ctx))))
    return _remember_style(outcome, style, ctx)


def _graduate(state: SessionState, event: Event, ctx: Context) -> Outcome:
    lead = f"{say(Phrase.GRADUATE_YES)} {script.here_we_go(Style.STANDARD)}"
    outcome = _count(_new_plan(state, ROUTINE, None, ctx, Style.STANDARD), ctx, lead, intro=True)
    return _remember_style(outcome, Style.STANDARD, ctx)


def _stay_gentle(state: SessionState, event: Event, ctx: Context) -> Outcome:
    line = f"{say(Phrase.GRADUATE_NO)} {say(Phrase.SHALL_WE_START)}"
    return wait(_idle(state), Speech.of(line), prompted=True)


def _reask_standard(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(state, Speech.of(say(Phrase.GRADUATE_OFFER_REPROMPT)), prompted=True)


# ---------------------------------------------------------------------------------------------
# Handlers at the end, and for "forget me"


def _ask_feedback_again(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return wait(state, Speech.of(say(Phrase.IN_A_WORD)))


def _goodbye(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return reminder_talk.farewell(state, ctx, Speech.of(say(Phrase.WELL_DONE)))


def _forget(state: SessionState, event: Event, ctx: Context) -> Outcome:
    return end(
        Speech.of(say(Phrase.FORGOTTEN)),
        (ForgetUser(),),
    )


def _keep(state: SessionState, event: Event, ctx: Context) -> Outcome:
    kept = state._replace(phase=state.back or Phase.IDLE, back=None)
    return wait(kept, Speech.of(say(Phrase.KEPT)))


# ---------------------------------------------------------------------------------------------
# The transition table: phase-specific rows first, then what every phase does.

E = EventKind

TRANSITIONS: dict[Phase, dict[EventKind, Handler]] = {
    Phase.IDLE: {
        E.NEXT: _start_from_menu,
        E.YES: _start_from_menu,
        E.RESUME: _carry_on,
        E.START_OVER: _start_from_menu,
        E.NO: _decline,
        E.REPEAT: _repeat_menu,
    },
    Phase.READY: {
        E.START_ROUTINE: _go_on,
        E.NEXT: _count_set,
        E.DONE: _count_set,
        E.YES: _count_set,
        E.RESUME: _count_set,
        E.NO: _no_rush,
        E.PAUSE: pause.leave,
        E.REPEAT: _reintroduce,
        E.AGAIN: _reintroduce,
        E.SKIP: _skip,
        E.START_OVER: _start_over,
        E.HOW_MANY_LEFT: _how_many_left,
        E.WHATS_NEXT: _whats_next,
    },
    Phase.COUNTED: {},  # never seen by a handler: `step` credits the sets first (_hear)
    Phase.CUT_SHORT: {
        E.START_ROUTINE: _go_on,
        E.NEXT: _ask_finished,
        E.DONE: _ask_finished,
        E.YES: _ask_finished,
        E.RESUME: _ask_finished,
        E.PAUSE: pause.leave,  # the cut-short set is counted again when it is taken up
        E.REPEAT: _recount,
        E.AGAIN: _recount,
        E.SLOWER: _tempo_change,
        E.FASTER: _tempo_change,
        E.STOP: _stop,
        E.FEEDBACK: feedback.take,  # nothing heard in full yet: asks which; still cut short
    },
    Phase.CHECK_SET: {
        E.YES: _finished_set,
        E.DONE: _finished_set,
        E.NEXT: _finished_set,
        E.RESUME: _finished_set,
        E.NO: _set_again,
        E.REPEAT: _ask_finished,
        E.UNKNOWN: _ask_finished,
    },
    Phase.PAUSED: {
        E.START_ROUTINE: _go_on,
        E.NEXT: _resume,
        E.DONE: _resume,
        E.YES: _resume,
        E.RESUME: _resume,
        E.NO: _still_paused,
        E.PAUSE: pause.leave,
    },
    Phase.CONFIRM_FORGET: {
        E.YES: _forget,
        E.NO: _keep,
        E.HELP: _forget_me,
        E.REPEAT: _forget_me,
        E.AGAIN: _forget_me,
        E.UNKNOWN: _forget_me,
    },
    Phase.FEEDBACK: {
        E.YES: _ask_feedback_again,
        E.REPEAT: _ask_feedback_again,
        E.UNKNOWN: _ask_feedback_again,
        E.NO: _goodbye,
        E.NEXT: _goodbye,
        E.DONE: _goodbye,
        E.START_OVER: _start_from_menu,
        E.AGAIN: _start_over,  # the plan just finished, once more
    },
    Phase.OFFER_REMINDER: {
        E.YES: reminder_talk.accept_offer,
        E.NO: reminder_talk.decline_offer,
        E.NEXT: reminder_talk.decline_offer,
        E.DONE: reminder_talk.decline_offer,
        E.UNKNOWN: reminder_talk.reask_offer,
        E.REMINDER: reminder_talk.remind,
        E.HELP: _help,  # then the offer again, as its reprompt
    },
    Phase.OFFER_STANDARD: {
        E.YES: _graduate,
        E.NO: _stay_gentle,
        E.REPEAT: _reask_standard,
        E.UNKNOWN: _reask_standard,
    },
    Phase.ASKING_PERMISSION: {
        E.CONSENT: reminder_talk.consent,
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
    E.AGAIN: _start_from_menu,  # "again" at the menu or after the routine: do it again
    E.DONE: _stop,  # "I'm done" with nothing running: leaving
    E.SLOWER: _tempo_change,
    E.FASTER: _tempo_change,
    E.HOW_MANY_LEFT: _nothing_running,
    E.EXPLAIN: _explain,
    E.WHATS_NEXT: _whats_next_idle,
    E.PROGRESS: _progress,
    E.SET_AGE: _set_age,
    E.FEEDBACK: feedback.take,
    E.FORGET_ME: _forget_me,
    E.HELP: _help,
    E.STOP: _stop,
    E.UNKNOWN: _unknown,
    E.SESSION_ENDED: _session_ended,
    E.REMINDER: reminder_talk.remind,
    E.REMINDER_DONE: reminder_talk.reminder_done,
    E.CONSENT: reminder_talk.consent,
    E.CHOOSE_STYLE: _choose_style,
    E.NAME_CONSENT: _name_consent,
}


def _falls_back_to(state: SessionState) -> SessionState | None:
    """Phases that, for events they have no row for, act like another phase."""
    match state.phase:
        case Phase.PAUSED | Phase.CUT_SHORT:
            return state._replace(phase=Phase.READY)
        case Phase.CHECK_SET:  # anything but an answer: as if it had just been cut short
            return state._replace(phase=Phase.CUT_SHORT)
        case Phase.CONFIRM_FORGET | Phase.ASKING_PERMISSION:  # carry on where we were
            return state._replace(phase=state.back or Phase.IDLE, back=None)
        case Phase.OFFER_REMINDER:  # the user moved on: the goodbye was said already
            return SessionState(Phase.ENDED)
        case Phase.OFFER_STANDARD:  # anything else answers the menu; gentle stays
            return state._replace(phase=Phase.IDLE)
    return None


def step(state: SessionState, event: Event, context: Context) -> Outcome:
    """Advance the conversation by one event, in the words of the context's locale."""
    with speaking(context.locale):
        state = _remembering(state, context)
        if state.phase is Phase.ENDED or not consistent(state):
            state = _with_memory(SessionState(tempo=state.tempo), state)
        state, heard = _hear(state, context)
        state, event = feedback.answering(state, event)
        outcome = pause.settled(context, _dispatch(state, event, context))
    return outcome._replace(
        state=_with_memory(outcome.state, state), progress=heard + outcome.progress
    )


def _dispatch(state: SessionState, event: Event, context: Context) -> Outcome:
    if state.phase is Phase.ENDED or not consistent(state):
        state = _with_memory(SessionState(tempo=state.tempo), state)
    handler = TRANSITIONS[state.phase].get(event.kind)
    if handler is None:
        underlying = _falls_back_to(state)
        if underlying is not None:
            return _dispatch(_with_memory(underlying, state), event, context)
        handler = EVERY_PHASE[event.kind]
    return handler(state, event, context)


def _remembering(state: SessionState, context: Context) -> SessionState:
    """`state` with its session-wide memory filled in on the session's first turn, while the
    progress is still the store's, from before this session."""
    if state.routine_before is not None:
        return state
    return state._replace(routine_before=bool(completed_routine_dates(context.progress)))


def _with_memory(new: SessionState, old: SessionState) -> SessionState:
    """Every state of a session keeps the session-wide memory, whatever a handler built."""
    adjusted = (*old.adjusted, *(m for m in new.adjusted if m not in old.adjusted))
    return new._replace(
        routine_before=old.routine_before, offered=old.offered or new.offered, adjusted=adjusted
    )
