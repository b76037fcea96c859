"""What the coach says, composed from the catalogue and progression: every sentence that is not
a count lives here, so the state machine only decides *which* line to say."""

from __future__ import annotations

from datetime import date

from skill.domain.catalogue import (
    ALL_MOVE_NAMES,
    MOMENTS,
    ROUTINE,
    Dose,
    Move,
    Sides,
    move,
)
from skill.domain.catalogue import spoken_list as spoken
from skill.domain.history import active_dates
from skill.domain.ids import Feedback, MoveId
from skill.domain.progress import UserProgress
from skill.domain.progression import (
    next_big_birthday,
    squat_target,
    streak,
    this_week,
)
from skill.domain.speech import Speech

SEE_YOU = "See you tomorrow."
NOT_MEDICAL = "I'm a coach, not a doctor, so stop if anything hurts."
START_HINT = "Say start my morning moves, or name one move, like squats."
MOMENT_HINT = "You can also say kettle, brushing my teeth, or bath, for a quick moment."

HELP_IDLE = Speech.of(
    f"I coach five quick strength moves for runners: {ALL_MOVE_NAMES}. "
    "I explain each one, then count the reps out loud so you can keep your hands free. "
    f"{MOMENT_HINT}"
)
HELP_COACHING = Speech.of(
    "While we train, say next when you're ready, pause for a break, repeat to go again, "
    "skip to move on, slower or faster to change the pace, explain to hear the form, "
    "or how many left. Say stop to finish."
)


def welcome(progress: UserProgress, today: date) -> Speech:
    if progress.is_new:
        return Speech.of(
            f"Welcome to Morning Moves. I coach five quick strength moves for runners: "
            f"{ALL_MOVE_NAMES}, and I count the reps out loud for you. {NOT_MEDICAL} "
            "Shall we start your morning moves?"
        )
    days = streak(progress, today)
    streak_line = f"You're on a {days} day streak. " if days > 1 else ""
    return Speech.of(
        f"Welcome back to Morning Moves. {streak_line}"
        f"Today's squats: {squat_target(progress, today)}. Shall we start your morning moves?"
    )


def describe_dose(m: Move, dose: Dose) -> str:
    """'2 sets of 10 toe taps on each leg', '10 glute bridges, holding for 3 seconds...'."""
    if dose.last_set_reps:
        amount = f"{dose.total_reps} {m.name} in {dose.sets} sets"
    elif dose.sets > 1:
        amount = f"{dose.sets} sets of {dose.reps} {m.name}"
    else:
        amount = f"{dose.reps} {m.name}"
    if dose.sides is Sides.EACH_LEG:
        amount += " on each leg"
    elif dose.sides is Sides.ALTERNATE:
        amount += ", swapping legs each time"
    if dose.hold_seconds:
        amount += f", holding for {dose.hold_seconds:g} seconds at the top"
    return amount


def introduce(m: Move, dose: Dose, position: int, count: int) -> Speech:
    """A move before its first set: what it is and today's dose."""
    if count == 1:
        opener = f"Let's do {m.name}."
    elif position == 0:
        opener = f"First up, {m.name}."
    elif position == count - 1:
        opener = f"Last one, {m.name}."
    else:
        opener = f"Next, {m.name}."
    support = f" {m.support}" if dose.supported else ""
    return Speech.of(f"{opener} {m.summary}{support} Today, {describe_dose(m, dose)}.")


def explain(m: Move) -> Speech:
    return Speech.of(f"Here's how to do {m.name}.", *m.cues, f"Why it helps: {m.why}")


def set_ending(m: Move, dose: Dose, set_no: int, more_moves: bool) -> Speech:
    """What follows the count: a clear end and what to say next."""
    if set_no < dose.sets:
        return Speech.of(f"Have a breather, and say next for set {set_no + 1}.")
    if more_moves:
        return Speech.of(f"That's your last set of {m.name}. Say next when you're ready.")
    return Speech.of("That's the last one. Say next to finish.")


def sets_left_line(m: Move, sets_left: int, later: tuple[MoveId, ...]) -> str:
    names = [move(x).name for x in later]
    to_go = "one more move" if len(names) == 1 else f"{len(names)} more moves"
    if sets_left == 0:
        if not names:
            return f"That was the last set of {m.name}, and the last move. You're done."
        return f"That was the last set of {m.name}. {to_go.capitalize()} to go: {spoken(names)}."
    now = "One more set" if sets_left == 1 else f"{sets_left} more sets"
    if not names:
        return f"{now} of {m.name}, and then you're done."
    return f"{now} of {m.name}, then {to_go}: {spoken(names)}."


def progress_report(progress: UserProgress, today: date, done_today: bool) -> Speech:
    days = streak(progress, today, done_today=done_today)
    # A streak that ended yesterday is still alive; say so rather than claim today is done.
    trained_today = done_today or today in active_dates(progress)
    if not days:
        lines = ["No streak yet. Today is a good day to start one."]
    elif not trained_today:
        lines = [
            "You trained yesterday." if days == 1 else f"You're on a {days} day streak.",
            f"Do today's moves to make it {days + 1} days in a row.",
        ]
    elif days == 1:
        lines = ["You've trained today: that's day one of a streak."]
    else:
        lines = [f"You're on a {days} day streak, today included."]
    totals = this_week(progress, today)
    if totals:
        parts = [f"{n} {move(m).name}" for m, n in totals.items()]
        lines.append(f"This week so far: {spoken(parts)}.")
    target = squat_target(progress, today)
    lines.append(f"Today's squat target is {target}.")
    lines.append(birthday_line(progress.profile.age, target))
    return Speech.of(" ".join(lines))


def birthday_line(age: int | None, target: int) -> str:
    if age is None:
        return "Tell me your age, for example say I'm 42, and I'll set your squat goal."
    goal = next_big_birthday(age)
    gap = goal - target
    if gap <= 0:
        return f"You've reached {goal} squats a day, the number of your next big birthday."
    return f"Your next big birthday is {goal}, so you're {gap} squats a day away from {goal}."


def age_set(age: int | None, goal: int, target: int) -> Speech:
    """Confirm the age (when it was said) and what it means for squats."""
    opener = f"Got it, you're {age}. Your" if age is not None else "Got it: your"
    return Speech.of(
        f"{opener} next big birthday is {goal}, so your squats will build a little each week "
        f"towards {goal} a day. Today's target is {target}."
    )


FEEDBACK_QUESTION = "How did that feel? Say easy, hard, or about right."
FEEDBACK_REPLIES = {
    Feedback.EASY: "Great, I'll make it a little harder next time.",
    Feedback.HARD: "Thanks for telling me. I'll ease off a little next time.",
    Feedback.RIGHT: "Perfect, we'll keep it just like that.",
}
FEEDBACK_AT_LIMIT = {
    Feedback.EASY: "You're already at the top of the plan there, so we'll keep it as it is.",
    Feedback.HARD: "That's already the gentlest version, so we'll keep it as it is. "
    "Do stop if anything hurts.",
    Feedback.RIGHT: FEEDBACK_REPLIES[Feedback.RIGHT],
}


def finished(names: list[str], moment_outro: str, days: int) -> str:
    if len(names) == len(ROUTINE):
        done = "That's all five moves done. Brilliant work."
    elif names:
        done = f"That's {spoken(names)} done. Nice work."
    else:
        done = "That's the end of the list."
    streak_line = f" You're on a {days} day streak." if days > 1 else ""
    outro = f" {moment_outro}" if moment_outro else ""
    return f"{done}{streak_line}{outro}"


def moment_names() -> str:
    return spoken([m.name for m in MOMENTS.values()])
