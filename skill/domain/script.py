"""What the coach says, composed from the catalogue, progression and the phrasebook: the state
machine decides *which* line to say, these functions fill it in (the words are in
skill/domain/words/)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from skill.domain.catalogue import (
    MOMENTS,
    ROUTINE,
    Dose,
    Move,
    Sides,
    all_move_names,
    move,
)
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
from skill.domain.words import Phrase, PhraseId, capitalised, count_word, say, spoken_list


def routine_size() -> str:
    """How many moves the routine has, as a word: the count comes from the routine itself."""
    return count_word(len(ROUTINE))


def help_idle() -> Speech:
    moves = all_move_names()
    return Speech.of(
        say(Phrase.HELP_IDLE, count=routine_size(), moves=moves, hint=say(Phrase.MOMENT_HINT))
    )


def help_coaching() -> Speech:
    return Speech.of(say(Phrase.HELP_COACHING))


def welcome(progress: UserProgress, today: date) -> Speech:
    if progress.is_new:
        intro = say(Phrase.WELCOME_NEW, count=routine_size(), moves=all_move_names())
        return Speech.of(" ".join((intro, say(Phrase.NOT_MEDICAL), say(Phrase.SHALL_WE_START))))
    days = streak(progress, today)
    lines = [say(Phrase.WELCOME_BACK)]
    if days > 1:
        lines.append(say(Phrase.STREAK, days=days))
    lines += [
        say(Phrase.TODAYS_SQUATS, target=squat_target(progress, today)),
        say(Phrase.SHALL_WE_START),
    ]
    return Speech.of(" ".join(lines))


def describe_dose(m: Move, dose: Dose) -> str:
    """'2 sets of 10 toe taps on each leg', '10 glute bridges, holding for 3 seconds...'."""
    if dose.last_set_reps:
        amount = say(Phrase.DOSE_IN_SETS, total=dose.total_reps, name=m.name, sets=dose.sets)
    elif dose.sets > 1:
        amount = say(Phrase.DOSE_SETS_OF, sets=dose.sets, reps=dose.reps, name=m.name)
    else:
        amount = say(Phrase.REPS_OF, reps=dose.reps, name=m.name)
    if dose.sides is Sides.EACH_LEG:
        amount = say(Phrase.DOSE_EACH_LEG, amount=amount)
    elif dose.sides is Sides.ALTERNATE:
        amount = say(Phrase.DOSE_ALTERNATE, amount=amount)
    if dose.hold_seconds:
        amount = say(Phrase.DOSE_HOLD, amount=amount, seconds=dose.hold_seconds)
    return amount


def introduce(m: Move, dose: Dose, position: int, count: int) -> Speech:
    """A move before its first set: what it is and today's dose."""
    if count == 1:
        opener = Phrase.INTRO_ONLY
    elif position == 0:
        opener = Phrase.INTRO_FIRST
    elif position == count - 1:
        opener = Phrase.INTRO_LAST
    else:
        opener = Phrase.INTRO_NEXT
    lines = [say(opener, name=m.name), m.summary]
    if dose.supported:
        lines.append(m.support)
    lines.append(say(Phrase.INTRO_TODAY, dose=describe_dose(m, dose)))
    return Speech.of(" ".join(lines))


def explain(m: Move) -> Speech:
    return Speech.of(
        say(Phrase.EXPLAIN_HOW, name=m.name), *m.cues, say(Phrase.EXPLAIN_WHY, why=m.why)
    )


def move_ending(m: Move, next_move: Move | None) -> Speech:
    """What follows a move's count in the same reply: what to say for the next move, or (for
    a move too long for one reply, `next_move` None) for the rest of this one."""
    if next_move is None:
        return Speech.of(say(Phrase.REST_OF_MOVE, name=m.name))
    return Speech.of(say(Phrase.NEXT_UP, name=m.name, next=next_move.name))


def sets_left_line(m: Move, sets_left: int, later: tuple[MoveId, ...]) -> str:
    names = [move(x).name for x in later]
    one_more = len(names) == 1
    to_go = say(Phrase.ONE_MORE_MOVE) if one_more else say(Phrase.MORE_MOVES, count=len(names))
    if sets_left == 0:
        if not names:
            return say(Phrase.LAST_SET_ALL_DONE, name=m.name)
        to_go = capitalised(to_go)  # it starts a sentence here
        return say(Phrase.LAST_SET_MOVES_TO_GO, name=m.name, to_go=to_go, names=spoken_list(names))
    now = say(Phrase.ONE_MORE_SET) if sets_left == 1 else say(Phrase.MORE_SETS, count=sets_left)
    if not names:
        return say(Phrase.SETS_LEFT_THEN_DONE, sets_left=now, name=m.name)
    return say(
        Phrase.SETS_LEFT_THEN_MOVES,
        sets_left=now,
        name=m.name,
        to_go=to_go,
        names=spoken_list(names),
    )


def progress_report(progress: UserProgress, today: date, done_today: bool) -> Speech:
    days = streak(progress, today, done_today=done_today)
    # A streak that ended yesterday is still alive; say so rather than claim today is done.
    trained_today = done_today or today in active_dates(progress)
    if not days:
        lines = [say(Phrase.NO_STREAK)]
    elif not trained_today:
        lines = [
            say(Phrase.TRAINED_YESTERDAY) if days == 1 else say(Phrase.STREAK, days=days),
            say(Phrase.KEEP_STREAK_GOING, days=days + 1),
        ]
    elif days == 1:
        lines = [say(Phrase.FIRST_DAY_OF_STREAK)]
    else:
        lines = [say(Phrase.STREAK_TODAY_INCLUDED, days=days)]
    totals = this_week(progress, today)
    if totals:
        parts = [say(Phrase.REPS_OF, reps=n, name=move(m).name) for m, n in totals.items()]
        lines.append(say(Phrase.THIS_WEEK, totals=spoken_list(parts)))
    target = squat_target(progress, today)
    lines.append(say(Phrase.SQUAT_TARGET, target=target))
    lines.append(birthday_line(progress.profile.age, target))
    return Speech.of(" ".join(lines))


def birthday_line(age: int | None, target: int) -> str:
    if age is None:
        return say(Phrase.ASK_AGE)
    goal = next_big_birthday(age)
    gap = goal - target
    if gap <= 0:
        return say(Phrase.BIRTHDAY_REACHED, goal=goal)
    return say(Phrase.BIRTHDAY_AHEAD, goal=goal, gap=gap)


def age_set(age: int | None, goal: int, target: int) -> Speech:
    """Confirm the age (when it was said) and what it means for squats."""
    if age is None:
        return Speech.of(say(Phrase.BIRTHDAY_SET, goal=goal, target=target))
    return Speech.of(say(Phrase.AGE_SET, age=age, goal=goal, target=target))


FEEDBACK_REPLIES: Mapping[Feedback, PhraseId] = {
    Feedback.EASY: Phrase.FEEDBACK_EASY,
    Feedback.HARD: Phrase.FEEDBACK_HARD,
    Feedback.RIGHT: Phrase.FEEDBACK_RIGHT,
}
FEEDBACK_AT_LIMIT: Mapping[Feedback, PhraseId] = {
    Feedback.EASY: Phrase.FEEDBACK_EASY_AT_LIMIT,
    Feedback.HARD: Phrase.FEEDBACK_HARD_AT_LIMIT,
    Feedback.RIGHT: Phrase.FEEDBACK_RIGHT,
}


def finished(names: list[str], moment_outro: str, days: int) -> str:
    if len(names) == len(ROUTINE):
        lines = [say(Phrase.ALL_DONE, count=routine_size())]
    elif names:
        lines = [say(Phrase.SOME_DONE, names=spoken_list(names))]
    else:
        lines = [say(Phrase.NONE_DONE)]
    if days > 1:
        lines.append(say(Phrase.STREAK, days=days))
    if moment_outro:
        lines.append(moment_outro)
    return " ".join(lines)


def moment_names() -> str:
    return spoken_list([m.name for m in MOMENTS.values()])
