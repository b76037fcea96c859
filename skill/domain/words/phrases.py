"""What a phrasebook holds: the id of every sentence the skill says (one attribute of `Phrase`
per line), and the shape of what it says about each move and moment (MoveWords, MomentWords).

Grouped by where they are said. A line's `{fields}` are filled by the code that says it; every
book must use the same fields (tests/domain/test_words.py).

Not an Enum, though it is used like one: creating an Enum of ~190 members costs ~3 ms at import
(Python 3.13), 1.5% of a cold start against a target with little room (README, Performance);
these ids cost a twentieth of that. mypy still rejects a misspelt id, and `say` takes only a
PhraseId, never a bare string.
"""

from __future__ import annotations


class PhraseId:
    """One line of the phrasebook; its `name` is the attribute of `Phrase` that holds it."""

    __slots__ = ("name",)
    name: str  # set by __set_name__ as the class `Phrase` is created (no __init__: cheaper)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Phrase.{self.name}"


def all_phrases() -> tuple[PhraseId, ...]:
    """Every id, in the order they are declared."""
    return tuple(v for v in vars(Phrase).values() if isinstance(v, PhraseId))


class Phrase:
    """A sentence (or a piece of one) the skill can say, looked up in the user's phrasebook."""

    # Lists and numbers
    LIST_SEPARATOR = PhraseId()  # between all but the last two items
    LIST_LAST = PhraseId()  # {first} and {last}
    LIST_OR = PhraseId()  # {first} or {last}: one of the choices

    # Greetings, help and hints (script)
    SEE_YOU = PhraseId()
    NOT_MEDICAL = PhraseId()
    START_HINT = PhraseId()
    HELP_IDLE = PhraseId()
    HELP_COACHING = PhraseId()
    HELP_FEEDBACK = PhraseId()
    HELP_MOMENTS = PhraseId()
    HELP_GENTLE = PhraseId()  # GENTLE_HINT, short enough for help
    HELP_MORE = PhraseId()
    WELCOME_NEW = PhraseId()
    WELCOME_BACK = PhraseId()
    HELLO_NAME = PhraseId()
    YOUR_OWN_PROGRESS = PhraseId()
    NAME_NOT_USED = PhraseId()
    STREAK = PhraseId()
    LAUNCH_STREAK = PhraseId()
    LAUNCH_YESTERDAY = PhraseId()
    TODAYS_SQUATS = PhraseId()
    SHALL_WE_START = PhraseId()

    # A move's dose and introduction
    DOSE_IN_SETS = PhraseId()
    DOSE_SETS_OF = PhraseId()
    REPS_OF = PhraseId()
    DOSE_EACH_LEG = PhraseId()
    DOSE_ALTERNATE = PhraseId()
    DOSE_HOLD = PhraseId()
    INTRO_ONLY = PhraseId()
    INTRO_FIRST = PhraseId()
    INTRO_LAST = PhraseId()
    INTRO_NEXT = PhraseId()
    INTRO_TODAY = PhraseId()
    EXPLAIN_HOW = PhraseId()
    EXPLAIN_WHY = PhraseId()

    # After a set, and how much is left
    BREATHER = PhraseId()
    LAST_SET_OF_MOVE = PhraseId()
    LAST_SET_OF_ROUTINE = PhraseId()
    ONE_MORE_MOVE = PhraseId()
    MORE_MOVES = PhraseId()
    ONE_MORE_SET = PhraseId()
    MORE_SETS = PhraseId()
    LAST_SET_ALL_DONE = PhraseId()
    LAST_SET_MOVES_TO_GO = PhraseId()
    SETS_LEFT_THEN_DONE = PhraseId()
    SETS_LEFT_THEN_MOVES = PhraseId()

    # Progress and age
    NO_STREAK = PhraseId()
    GOOD_TO_HAVE_YOU_BACK = PhraseId()
    LAST_WORKOUT_ON = PhraseId()
    LAST_WORKOUT_DAYS_AGO = PhraseId()
    MONDAY = PhraseId()
    TUESDAY = PhraseId()
    WEDNESDAY = PhraseId()
    THURSDAY = PhraseId()
    FRIDAY = PhraseId()
    SATURDAY = PhraseId()
    SUNDAY = PhraseId()
    TRAINED_YESTERDAY = PhraseId()
    KEEP_STREAK_GOING = PhraseId()
    FIRST_DAY_OF_STREAK = PhraseId()
    STREAK_TODAY_INCLUDED = PhraseId()
    THIS_WEEK = PhraseId()
    SQUAT_TARGET = PhraseId()
    ASK_AGE = PhraseId()
    BIRTHDAY_REACHED = PhraseId()
    BIRTHDAY_AHEAD = PhraseId()
    AGE_SET = PhraseId()
    BIRTHDAY_SET = PhraseId()

    # Feedback
    FEEDBACK_QUESTION = PhraseId()
    FEEDBACK_EASY = PhraseId()
    FEEDBACK_HARD = PhraseId()
    FEEDBACK_RIGHT = PhraseId()
    FEEDBACK_EASY_AT_LIMIT = PhraseId()
    FEEDBACK_HARD_AT_LIMIT = PhraseId()

    # The end of a plan
    ALL_DONE = PhraseId()
    SOME_DONE = PhraseId()
    NONE_DONE = PhraseId()

    # The session (prompts and replies)
    PROMPT_READY = PhraseId()
    PROMPT_COUNTED = PhraseId()
    PROMPT_PAUSED = PhraseId()
    PROMPT_CONFIRM_FORGET = PhraseId()
    HERE_WE_GO = PhraseId()
    WHICH_MOVE = PhraseId()
    WHICH_MOMENT = PhraseId()
    WHICH_MOVE_TO_EXPLAIN = PhraseId()
    AGE_NOT_HEARD = PhraseId()
    HOW_DID_IT_FEEL = PhraseId()
    FEEDBACK_TOO_EARLY = PhraseId()
    CONFIRM_FORGET = PhraseId()
    STOP_UNCOUNTED = PhraseId()
    YOU_DID = PhraseId()
    WELL_DONE = PhraseId()
    NOT_CAUGHT = PhraseId()
    SLOWEST = PhraseId()
    QUICKEST = PhraseId()
    SLOWER = PhraseId()
    QUICKER = PhraseId()
    TAKE_SET_AGAIN = PhraseId()
    EVERYTHING_DONE = PhraseId()
    NOT_STARTED = PhraseId()
    YOUR_MOVES = PhraseId()
    DECLINED = PhraseId()
    LOVELY = PhraseId()
    MOVE_DONE = PhraseId()
    NO_RUSH = PhraseId()
    PAUSED = PhraseId()
    STILL_PAUSED = PhraseId()
    WELCOME_BACK_FROM_PAUSE = PhraseId()
    ONCE_MORE = PhraseId()
    SKIPPING = PhraseId()
    FROM_THE_TOP = PhraseId()
    STARTING_AGAIN = PhraseId()
    NEXT_SET = PhraseId()
    NEXT_DOSE = PhraseId()
    NEXT_MOVE = PhraseId()
    LAST_MOVE = PhraseId()
    IN_A_WORD = PhraseId()
    FORGOTTEN = PhraseId()
    KEPT = PhraseId()

    # Counting a set
    COUNTDOWN_READY = PhraseId()
    COUNTDOWN_NUMBER = PhraseId()
    COUNTDOWN_GO = PhraseId()
    HALFWAY_1 = PhraseId()
    HALFWAY_2 = PhraseId()
    HALFWAY_3 = PhraseId()
    RIGHT = PhraseId()
    LEFT = PhraseId()
    FIRST_BEAT = PhraseId()
    FIRST_BEAT_SIDE = PhraseId()
    SET_OF = PhraseId()
    SET_TOTAL = PhraseId()
    BEAT_LIFT = PhraseId()  # the word said as a phase of a rep starts
    BEAT_LOWER = PhraseId()
    BEAT_DOWN = PhraseId()
    BEAT_UP = PhraseId()
    BEAT_RISE = PhraseId()
    BEAT_HOLD = PhraseId()
    BEAT_BACK = PhraseId()
    BEAT_AND_UP = PhraseId()
    BEAT_LOWER_SLOWLY = PhraseId()
    BEAT_SLOWLY_DOWN = PhraseId()
    BEAT_SIT = PhraseId()
    BEAT_IN = PhraseId()

    # Gentle moves: choosing the style, safety, and the graduation to the standard moves
    GENTLE_HERE_WE_GO = PhraseId()
    GENTLE_SAFETY = PhraseId()
    GENTLE_HINT = PhraseId()
    GENTLE_READY = PhraseId()
    GENTLE_CHOSEN = PhraseId()
    STANDARD_CHOSEN = PhraseId()
    GENTLE_ALREADY = PhraseId()
    STANDARD_ALREADY = PhraseId()
    SWITCHING_TO_GENTLE = PhraseId()
    SWITCHING_TO_STANDARD = PhraseId()
    GRADUATE_OFFER = PhraseId()
    GRADUATE_OFFER_REPROMPT = PhraseId()
    GRADUATE_YES = PhraseId()
    GRADUATE_NO = PhraseId()

    # The home card
    CARD_TITLE = PhraseId()
    CARD_NOT_MEDICAL = PhraseId()
    CARD_ITEM = PhraseId()
    CARD_TODAY = PhraseId()
    CARD_WARM_UP = PhraseId()
    CARD_STREAK = PhraseId()
    CARD_STREAK_FIRST = PhraseId()
    CARD_TOMORROW = PhraseId()
    CARD_PLAN_ITEM = PhraseId()

    # The screen
    APP_TITLE = PhraseId()
    SCREEN_REP = PhraseId()
    SCREEN_REPS = PhraseId()
    SCREEN_SET = PhraseId()
    SCREEN_SIDE = PhraseId()
    SCREEN_MOVE = PhraseId()
    SCREEN_PROGRESS = PhraseId()

    # Reminders
    NOON = PhraseId()
    MIDNIGHT = PhraseId()
    AM = PhraseId()
    PM = PhraseId()
    CLOCK_HOUR = PhraseId()
    CLOCK_MINUTES = PhraseId()
    REMINDER_TEXT = PhraseId()
    REMINDER_OFFER = PhraseId()
    REMINDER_OFFER_REPROMPT = PhraseId()
    REMINDER_DECLINED = PhraseId()
    REMINDER_SET = PhraseId()
    REMINDER_CHANGED = PhraseId()
    REMINDER_NONE_TO_CANCEL = PhraseId()
    REMINDER_CANCELLED = PhraseId()
    REMINDER_NONE = PhraseId()
    REMINDER_ONE = PhraseId()
    REMINDER_MANY = PhraseId()
    REMINDER_WHICH_TIME = PhraseId()
    REMINDER_PERMISSION_CARD = PhraseId()
    REMINDER_PERMISSION_DENIED = PhraseId()
    REMINDER_FAILED = PhraseId()
    REMINDER_CARRY_ON = PhraseId()

    # When something went wrong on our side
    SORRY = PhraseId()
    SORRY_REPROMPT = PhraseId()


# Plain classes, not NamedTuples: creating a NamedTuple class costs more at import than all of
# the phrasebook's ids and lines, and the cold start has little room (README, Performance).


class LevelWords:
    """What is said about one level of a move (one rung of its catalogue ladder)."""

    __slots__ = ("form", "news", "set_cue", "support")

    def __init__(
        self, *, news: str = "", form: str = "", support: str = "", set_cue: str = ""
    ) -> None:
        self.news = news  # "From today, ...": said the first time the plan steps up to it
        self.form = form  # how this level differs, said the first time the user meets it
        self.support = support  # how to stay steady at this level, said as the move starts
        self.set_cue = set_cue  # said before every set: which side first, and a hand on the counter


class MoveWords:
    """Everything said or shown about one move."""

    __slots__ = (
        "cues",
        "levels",
        "name",
        "progression",
        "quick_cue",
        "summary",
        "switch",
        "title",
        "why",
    )

    def __init__(
        self,
        *,
        name: str,
        title: str,
        summary: str,
        cues: tuple[str, ...],
        quick_cue: str,
        why: str,
        levels: tuple[LevelWords, ...],
        progression: str,
        switch: str = "",
    ) -> None:
        self.name = name  # spoken, plural as in "ten squats"
        self.title = title  # for cards and screens
        self.summary = summary  # one breath
        self.cues = cues  # step by step form
        self.quick_cue = quick_cue  # the one thing to remember, said before each set
        self.why = why  # why it helps runners
        self.levels = levels  # one per rung of the move's ladder (catalogue.py), in order
        self.progression = progression  # how it grows
        self.switch = switch  # said between the legs of a one-leg-at-a-time set


class MomentWords:
    """What is said around an everyday moment. Its lines may use {reps} and {both_legs} (the
    moment's reps per leg, and for both legs) and {minutes}, filled in as words."""

    __slots__ = ("ask", "intro", "name", "outro")

    def __init__(self, name: str, *, ask: str, intro: str, outro: str) -> None:
        self.name = name  # "while the kettle boils"
        self.ask = ask  # what to say to start it, as help tells it: "kettle"
        self.intro = intro
        self.outro = outro
