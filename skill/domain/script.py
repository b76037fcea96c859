"""What the coach says, composed from the catalogue, progression and the phrasebook: the state
machine decides *which* line to say, these functions fill it in (the words are in
skill/domain/words/)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

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
from skill.domain.ids import MoveId, Style
from skill.domain.progress import UserProgress
from skill.domain.progression import (
    Meeting,
    next_big_birthday,
    squat_target,
    streak,
    this_week,
)
from skill.domain.speech import Speech
from skill.domain.words import (
    Phrase,
    capitalised,
    count_word,
    moment_words,
    say,
    spoken_choice,
    spoken_list,
)


def routine_size() -> str:
    """How many moves the routine has, as a word: the count comes from the routine itself."""
    return count_word(len(ROUTINE))


class HelpFor(StrEnum):
    """Which help fits where the conversation is."""

    IDLE = "idle"  # the menu: what the skill does
    COACHING = "coaching"  # mid-move: what to say while training
    FEEDBACK = "feedback"  # the plan is done and we asked how it felt
    END = "end"  # the plan is done and answered for


def help_for(where: HelpFor) -> Speech:
    """Help that fits the phase, each kept short enough to hear in one go (under 25 s with
    its reprompt: tests/domain/test_help.py). Away from a move it also names the moments,
    progress, age and reminders; at the menu, the gentle moves too."""
    if where is HelpFor.COACHING:
        return Speech.of(say(Phrase.HELP_COACHING))
    moments = say(
        Phrase.HELP_MOMENTS, moments=spoken_choice([moment_words(m).ask for m in MOMENTS])
    )
    if where is HelpFor.IDLE:
        lines = [say(Phrase.HELP_IDLE, count=routine_size()), moments, say(Phrase.HELP_GENTLE)]
    elif where is HelpFor.FEEDBACK:
        lines = [say(Phrase.HELP_FEEDBACK), moments]
    else:
        lines = [moments]
    return Speech.of(*lines, say(Phrase.HELP_MORE))


def welcome(progress: UserProgress, today: date, offer_days: int = 0) -> Speech:
    """The greeting; with `offer_days`, it ends by suggesting the standard moves to someone who
    did the top of the gentle moves on that many days."""
    if progress.is_new:
        intro = say(Phrase.WELCOME_NEW, count=routine_size(), moves=all_move_names())
        # The article invites anyone who wants to stay mobile: say at once there is a gentle way.
        gentle = say(Phrase.GENTLE_HINT)
        start = say(Phrase.SHALL_WE_START)
        return Speech.of(" ".join((intro, say(Phrase.NOT_MEDICAL), gentle, start)))
    lines = [say(Phrase.WELCOME_BACK)]
    if line := streak_at_launch(progress, today):
        lines.append(line)
    if progress.profile.style is Style.GENTLE:
        lines.append(say(Phrase.GENTLE_READY))
    else:
        lines.append(say(Phrase.TODAYS_SQUATS, target=squat_target(progress, today)))
    if offer_days:
        lines.append(say(Phrase.GRADUATE_OFFER, days=offer_days))
    else:
        lines.append(say(Phrase.SHALL_WE_START))
    return Speech.of(" ".join(lines))


def streak_at_launch(progress: UserProgress, today: date) -> str:
    """The streak in one short sentence, for a returning user's launch ("" if they have never
    trained)."""
    trained_today = today in active_dates(progress)
    days = streak(progress, today)
    if days > 1:
        if trained_today:
            return say(Phrase.STREAK_TODAY_INCLUDED, days=days)
        return say(Phrase.LAUNCH_STREAK, days=days, next=days + 1)
    if days == 1:
        return say(Phrase.FIRST_DAY_OF_STREAK if trained_today else Phrase.LAUNCH_YESTERDAY)
    return last_workout(progress, today)


WEEKDAYS = (
    Phrase.MONDAY,
    Phrase.TUESDAY,
    Phrase.WEDNESDAY,
    Phrase.THURSDAY,
    Phrase.FRIDAY,
    Phrase.SATURDAY,
    Phrase.SUNDAY,
)
WEEKDAY_NAMED_WITHIN = 6  # days back: a weekday name says which day without doubt


def last_workout(progress: UserProgress, today: date) -> str:
    """When a lapsed user last trained ("on Tuesday", "12 days ago"); "" if they never did."""
    dates = [d for d in active_dates(progress) if d < today]
    if not dates:
        return ""
    gap = (today - max(dates)).days
    if gap <= WEEKDAY_NAMED_WITHIN:
        return say(Phrase.LAST_WORKOUT_ON, weekday=say(WEEKDAYS[max(dates).weekday()]))
    return say(Phrase.LAST_WORKOUT_DAYS_AGO, days=count_word(gap))


def here_we_go(style: Style) -> str:
    """The lead of a whole routine; the gentle one carries its safety words."""
    if style is Style.GENTLE:
        return f"{say(Phrase.GENTLE_HERE_WE_GO, count=routine_size())} {safety(style)}"
    return say(Phrase.HERE_WE_GO, count=routine_size())


def safety(style: Style) -> str:
    """What to watch for, said as a gentle plan starts; nothing extra for the standard moves
    (the welcome says NOT_MEDICAL to everyone)."""
    return say(Phrase.GENTLE_SAFETY) if style is Style.GENTLE else ""


def switching(style: Style) -> str:
    if style is Style.GENTLE:
        return f"{say(Phrase.SWITCHING_TO_GENTLE)} {safety(style)}"
    return say(Phrase.SWITCHING_TO_STANDARD)


def style_chosen(style: Style, *, changed: bool) -> str:
    gentle = style is Style.GENTLE
    if not changed:
        return say(Phrase.GENTLE_ALREADY) if gentle else say(Phrase.STANDARD_ALREADY)
    if gentle:
        return f"{say(Phrase.GENTLE_CHOSEN, count=routine_size())} {safety(style)}"
    return say(Phrase.STANDARD_CHOSEN)


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


def introduce(
    m: Move, dose: Dose, position: int, count: int, meeting: Meeting = Meeting.AGAIN
) -> Speech:
    """A move before its first set: what it is, what is new about today's level (when the plan
    has stepped up since last time, or the user meets a level above the first for the first
    time), how to keep steady at it, and today's dose."""
    if count == 1:
        opener = Phrase.INTRO_ONLY
    elif position == 0:
        opener = Phrase.INTRO_FIRST
    elif position == count - 1:
        opener = Phrase.INTRO_LAST
    else:
        opener = Phrase.INTRO_NEXT
    level = m.level_words(dose)
    lines = [say(opener, name=m.name), m.summary]
    if meeting is Meeting.STEPPED_UP and level.news:
        lines.append(level.news)
    if meeting is not Meeting.AGAIN and level.form:
        lines.append(level.form)
    if level.support and (dose.supported or meeting is not Meeting.AGAIN):
        lines.append(level.support)
    lines.append(say(Phrase.INTRO_TODAY, dose=describe_dose(m, dose)))
    return Speech.of(" ".join(lines))


def explain(m: Move, dose: Dose | None = None) -> Speech:
    """The move's form step by step; with the dose being coached, also its level's form and
    support (one-foot heel rises are not done as the two-feet cues say)."""
    level = m.level_words(dose) if dose is not None else None
    extra = [x for x in (level.form, level.support) if x] if level and dose and dose.level else []
    return Speech.of(
        say(Phrase.EXPLAIN_HOW, name=m.name), *m.cues, *extra, say(Phrase.EXPLAIN_WHY, why=m.why)
    )


def move_ending(m: Move, next_move: Move | None) -> Speech:
    """What follows a move's count in the same reply: what to say for the next move, or (for
    a move too long for one reply, `next_move` None) for the rest of this one."""
    if next_move is None:
        return Speech.of(say(Phrase.REST_OF_MOVE, name=m.name))
    return Speech.of(say(Phrase.NEXT_UP, name=m.name, next=next_move.name))


def sets_left_line(
    m: Move, sets_left: int, later: tuple[MoveId, ...], style: Style = Style.STANDARD
) -> str:
    names = [move(x, style).name for x in later]
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
    lapsed = last_workout(progress, today)
    if not days and lapsed:
        lines = [say(Phrase.GOOD_TO_HAVE_YOU_BACK), lapsed]
    elif not days:
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
