"""The one source of the interaction model: slot types, intents and sample utterances.

`skill.dev.model_build` turns this into `interaction_model/` (one JSON file per locale plus
the manifest); `skill.dev.nlu` resolves typed text against the same data; the handlers use the slot
synonyms to resolve a spoken value that entity resolution missed. Slot value ids are the domain
ids (MoveId, MomentId, Feedback), so a resolved slot becomes an engine value without a table.

Samples are written lower case, without punctuation other than apostrophes (Alexa's rules), and
read naturally after "Alexa, ask morning moves to ..." so that one-shot requests work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from skill.domain.ids import Feedback, MomentId, MoveId
from skill.voice.intents import Intent, SlotName

INVOCATION_NAME = "morning moves"

EN_US, EN_GB, EN_AU, EN_CA, EN_IN = "en-US", "en-GB", "en-AU", "en-CA", "en-IN"
LOCALES: tuple[str, ...] = (EN_US, EN_GB, EN_AU, EN_CA, EN_IN)
# Where people say "tub", "tea kettle" and "butt"; elsewhere "bath", "kettle" and "bum".
NORTH_AMERICA: tuple[str, ...] = (EN_US, EN_CA)
COMMONWEALTH: tuple[str, ...] = (EN_GB, EN_AU, EN_IN)

NUMBER_TYPE = "AMAZON.NUMBER"
TIME_TYPE = "AMAZON.TIME"


@dataclass(frozen=True)
class SlotValue:
    """One slot value: its id (a domain id), its canonical name and what else people say."""

    id: str
    name: str
    synonyms: tuple[str, ...] = ()
    by_locale: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def synonyms_for(self, locale: str) -> tuple[str, ...]:
        extra = [s for locales, words in self.by_locale.items() if locale in locales for s in words]
        return (*self.synonyms, *extra)


@dataclass(frozen=True)
class SlotType:
    """A custom slot type whose value ids are the members of one domain enum."""

    name: str
    ids: type[StrEnum]
    values: tuple[SlotValue, ...]


@dataclass(frozen=True)
class IntentSource:
    """One intent: its slots (name -> type), samples and, for built-ins, phrases Alexa already
    knows (used by the offline NLU only, never written to the model)."""

    intent: Intent
    samples: tuple[str, ...] = ()
    slots: Mapping[SlotName, str] = field(default_factory=dict)
    by_locale: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    builtin_phrases: tuple[str, ...] = ()

    def samples_for(self, locale: str) -> tuple[str, ...]:
        extra = [s for locales, words in self.by_locale.items() if locale in locales for s in words]
        return (*self.samples, *extra)


MOVE_TYPE = SlotType(
    "MoveType",
    MoveId,
    (
        SlotValue(
            MoveId.TOE_TAPS,
            "toe taps",
            (
                "toe tap",
                "toe tapping",
                "tapping toes",
                "tap my toes",
                "knee lifts",
                "knee raises",
                "the toe taps",
                "balance taps",
                "hip flexor drill",
            ),
        ),
        SlotValue(
            MoveId.SQUATS,
            "squats",
            (
                "squat",
                "squatting",
                "the squats",
                "body weight squats",
                "bodyweight squats",
                "air squats",
                "chair squats",
            ),
        ),
        SlotValue(
            MoveId.HEEL_RISES,
            "heel rises",
            (
                "heel rise",
                "heel raises",
                "heel raise",
                "calf raises",
                "calf raise",
                "calf rises",
                "tiptoes",
                "tip toes",
                "rising onto my tiptoes",
                "the heel rises",
            ),
        ),
        SlotValue(
            MoveId.GLUTE_BRIDGE,
            "glute bridge",
            (
                "glute bridges",
                "bridge",
                "bridges",
                "the bridge",
                "hip bridge",
                "hip bridges",
                "hip lifts",
            ),
            {NORTH_AMERICA: ("butt lifts",), COMMONWEALTH: ("bum lifts",)},
        ),
        SlotValue(
            MoveId.REVERSE_LUNGE,
            "reverse lunge",
            (
                "reverse lunges",
                "lunge",
                "lunges",
                "the lunges",
                "back lunges",
                "backward lunges",
                "step back lunges",
            ),
        ),
    ),
)

MOMENT_TYPE = SlotType(
    "MomentType",
    MomentId,
    (
        SlotValue(
            MomentId.KETTLE,
            "kettle",
            (
                "the kettle",
                "the kettle's on",
                "the kettle is on",
                "kettle's on",
                "the kettle is boiling",
                "boiling the kettle",
                "putting the kettle on",
                "waiting for the kettle",
                "waiting for the kettle to boil",
                "boiling water",
                "making tea",
                "making a cup of tea",
                "making coffee",
                "making a coffee",
            ),
            {
                NORTH_AMERICA: (
                    "tea kettle",
                    "the tea kettle",
                    "the tea kettle's on",
                    "the tea kettle is on",
                    "waiting for the tea kettle",
                ),
                (EN_GB, EN_AU): ("making a brew", "making a cuppa", "the kettle's boiling"),
                (EN_IN,): ("making chai", "making a cup of chai", "the kettle's boiling"),
            },
        ),
        SlotValue(
            MomentId.BRUSHING_TEETH,
            "brushing my teeth",
            (
                "brushing teeth",
                "brushing",
                "my teeth",
                "teeth",
                "doing my teeth",
                "tooth brushing",
                "teeth brushing",
            ),
            {COMMONWEALTH: ("cleaning my teeth", "cleaning teeth")},
        ),
        SlotValue(
            MomentId.BATH,
            "bath",
            (
                "the bath",
                "a bath",
                "running a bath",
                "running the bath",
                "the bath is running",
                "the bath's running",
                "filling the bath",
                "waiting for the bath",
                "waiting for the bath to fill",
                "bath time",
            ),
            {
                NORTH_AMERICA: (
                    "tub",
                    "the tub",
                    "running the tub",
                    "filling the tub",
                    "the tub is filling",
                    "drawing a bath",
                    "filling the bathtub",
                ),
                COMMONWEALTH: ("waiting for the bath to run", "the bath's filling"),
            },
        ),
    ),
)

FEEDBACK_TYPE = SlotType(
    "FeedbackType",
    Feedback,
    (
        SlotValue(
            Feedback.EASY,
            "easy",
            ("too easy", "really easy", "a bit easy", "very easy", "simple", "a breeze"),
        ),
        SlotValue(
            Feedback.HARD,
            "hard",
            (
                "too hard",
                "really hard",
                "very hard",
                "a bit hard",
                "difficult",
                "too difficult",
                "tough",
                "a struggle",
                "exhausting",
                "too much",
            ),
        ),
        SlotValue(
            Feedback.RIGHT,
            "just right",
            ("about right", "right", "perfect", "spot on", "manageable", "comfortable"),
        ),
    ),
)

SLOT_TYPES: tuple[SlotType, ...] = (MOVE_TYPE, MOMENT_TYPE, FEEDBACK_TYPE)

_MOVE = {SlotName.MOVE: MOVE_TYPE.name}

INTENTS: tuple[IntentSource, ...] = (
    IntentSource(
        Intent.START_ROUTINE,
        (
            "start my morning moves",
            "do my morning moves",
            "start my routine",
            "start the routine",
            "begin my routine",
            "do my routine",
            "start my workout",
            "begin my workout",
            "start the workout",
            "do my workout",
            "start my exercises",
            "do my exercises",
            "let's do my exercises",
            "start my strength routine",
            "do my strength training",
            "start strength training",
            "start the session",
            "let's get moving",
            "let's go",
            "let's start",
            "let's begin",
            "get me moving",
            "start the five moves",
            "do all five moves",
            "run through all the moves",
            "take me through my routine",
            "coach me through my routine",
            "coach me",
            "i'm ready to work out",
            "i want to work out",
            "i want to exercise",
            "time to work out",
            "start",
            "begin",
        ),
    ),
    IntentSource(
        Intent.START_MOVE,
        (
            "{move}",
            "{move} please",
            "start {move}",
            "do {move}",
            "do some {move}",
            "let's do {move}",
            "let's do some {move}",
            "i want to do {move}",
            "i want to do some {move}",
            "i'd like to do {move}",
            "can we do {move}",
            "start with {move}",
            "begin with {move}",
            "just {move}",
            "just do {move}",
            "only {move}",
            "coach me through {move}",
            "count my {move}",
            "count {move} for me",
            "take me through {move}",
            "time for {move}",
            "time for some {move}",
            "go to {move}",
            "jump to {move}",
            "skip to {move}",
            "switch to {move}",
            "give me some {move}",
        ),
        _MOVE,
    ),
    IntentSource(
        Intent.START_MOMENT,
        (
            "{moment}",
            "i'm {moment}",
            "i am {moment}",
            "i'm just {moment}",
            "i'm {moment} now",
            "i'm {moment} right now",
            "right now i'm {moment}",
            "while i'm {moment}",
            "coach me while i'm {moment}",
            "count for me while i'm {moment}",
            "what can i do while i'm {moment}",
            "what should i do while i'm {moment}",
            "give me something to do while i'm {moment}",
            "give me a move while i'm {moment}",
            "keep me busy while i'm {moment}",
            "i've got a minute while i'm {moment}",
            "do my {moment} moves",
            "do the {moment} moves",
            "start the {moment} move",
            "start my {moment} routine",
            "{moment} time",
            "it's {moment} time",
        ),
        {SlotName.MOMENT: MOMENT_TYPE.name},
        {
            COMMONWEALTH: (
                "whilst i'm {moment}",
                "what can i do whilst i'm {moment}",
                "give me something to do whilst i'm {moment}",
            )
        },
    ),
    IntentSource(
        Intent.EXPLAIN,
        (
            "how do i do {move}",
            "how do i do a {move}",
            "how do you do {move}",
            "how do you do a {move}",
            "how should i do {move}",
            "explain {move}",
            "explain this move",
            "explain this one",
            "explain the move",
            "how do i do this one",
            "how do i do this",
            "how do i do it",
            "how does this one work",
            "tell me how to do {move}",
            "tell me how to do this one",
            "remind me how to do {move}",
            "remind me how to do this",
            "what's the right form for {move}",
            "what's the form for {move}",
            "what's the form",
            "what is the form",
            "what are {move}",
            "what is a {move}",
            "describe {move}",
            "describe this move",
            "talk me through {move}",
            "talk me through this move",
            "give me the form cues",
            "form cues for {move}",
            "what am i supposed to do",
            "i don't know how to do {move}",
        ),
        _MOVE,
    ),
    IntentSource(
        Intent.WHATS_NEXT,
        (
            "what's next",
            "what is next",
            "what comes next",
            "what's coming up",
            "what is coming up",
            "what's coming next",
            "what comes after this",
            "what's after this",
            "what's the next move",
            "what is the next move",
            "what's the next exercise",
            "what's the next one",
            "which move is next",
            "which exercise is next",
            "which one is next",
            "what move is next",
            "what do we do next",
            "what do i do next",
            "what are we doing next",
            "what's up next",
            "tell me what's next",
            "what have i got next",
            "what's the plan",
        ),
    ),
    IntentSource(
        Intent.HOW_MANY_LEFT,
        (
            "how many left",
            "how many are left",
            "how many more",
            "how many more to go",
            "how many to go",
            "how many reps left",
            "how many reps are left",
            "how many more reps",
            "how many reps to go",
            "how many moves left",
            "how many moves are left",
            "how many more moves",
            "how many exercises left",
            "how many more exercises",
            "how many sets left",
            "how many more sets",
            "how much longer",
            "how much more",
            "how long left",
            "how long to go",
            "how much is left",
            "how far am i",
            "am i nearly done",
            "am i almost done",
            "are we nearly there",
            "are we almost done",
        ),
    ),
    IntentSource(
        Intent.SLOWER,
        (
            "slower",
            "slow down",
            "go slower",
            "slower please",
            "slow it down",
            "count slower",
            "count more slowly",
            "that's too fast",
            "too fast",
            "you're going too fast",
            "can you slow down",
            "please slow down",
            "give me more time",
            "more time",
            "take it slower",
            "a bit slower",
            "a little slower",
            "slower pace",
            "ease off the pace",
            "not so fast",
            "that's too quick",
            "too quick",
            "slow the count",
            "slow the pace down",
        ),
    ),
    IntentSource(
        Intent.FASTER,
        (
            "faster",
            "speed up",
            "go faster",
            "faster please",
            "speed it up",
            "count faster",
            "count more quickly",
            "that's too slow",
            "too slow",
            "you're going too slow",
            "can you speed up",
            "please speed up",
            "quicker",
            "go quicker",
            "a bit faster",
            "a little faster",
            "pick up the pace",
            "quicken the pace",
            "less time",
            "hurry up",
            "speed the count up",
            "faster pace",
            "don't wait so long",
        ),
    ),
    IntentSource(
        Intent.SKIP,
        (
            "skip",
            "skip this",
            "skip this one",
            "skip this move",
            "skip this exercise",
            "skip it",
            "skip {move}",
            "skip the {move}",
            "skip {move} today",
            "i'll skip this one",
            "let's skip this one",
            "i want to skip this one",
            "can we skip this",
            "can i skip this one",
            "miss this one out",
            "leave this one out",
            "leave out {move}",
            "not this one",
            "not {move}",
            "no {move} today",
            "i don't want to do this one",
            "i don't want to do {move}",
            "pass on this one",
            "i'll pass on this one",
            "i'll pass",
            "pass",
        ),
        _MOVE,
    ),
    IntentSource(
        Intent.PROGRESS,
        (
            "how am i doing",
            "how am i getting on",
            "how am i progressing",
            "how's my progress",
            "what's my progress",
            "what is my progress",
            "tell me my progress",
            "my progress",
            "what's my streak",
            "what is my streak",
            "how long is my streak",
            "my streak",
            "what's my record",
            "how many days in a row",
            "how many days in a row have i done",
            "how many days have i done",
            "what have i done this week",
            "what did i do this week",
            "what did i do yesterday",
            "how many reps have i done",
            "how many reps today",
            "how many workouts have i done",
            "how many {move} have i done",
            "give me my stats",
            "what are my stats",
            "am i improving",
            "am i getting better",
        ),
        _MOVE,
    ),
    IntentSource(
        Intent.SET_AGE,
        (
            "i'm {age}",
            "i am {age}",
            "i'm now {age}",
            "i'm {age} now",
            "i'm {age} years old",
            "i am {age} years old",
            "{age} years old",
            "i'm aged {age}",
            "age {age}",
            "my age is {age}",
            "my age",
            "i just turned {age}",
            "i've just turned {age}",
            "i turned {age}",
            "i'm {age} this year",
            "i am {age} this year",
            "set my age",
            "set my age to {age}",
            "change my age to {age}",
            "update my age to {age}",
            "remember i'm {age}",
            "you should know i'm {age}",
            "i'll tell you my age",
        ),
        {SlotName.AGE: NUMBER_TYPE},
    ),
    IntentSource(
        Intent.BIG_BIRTHDAY,
        (
            "my next big birthday is {birthday}",
            "my next big birthday's {birthday}",
            "my big birthday is {birthday}",
            "my next big one is {birthday}",
            "next big birthday {birthday}",
            "my next big birthday",
            "set my next big birthday",
            "set my next big birthday to {birthday}",
            "set my big birthday to {birthday}",
            "i'll be {birthday} next",
            "i'll be {birthday} soon",
            "i turn {birthday} soon",
            "i'm turning {birthday}",
            "i'm turning {birthday} next",
            "i'm going to be {birthday}",
            "i'm heading for {birthday}",
            "i'm nearly {birthday}",
            "i'm almost {birthday}",
            "i'm coming up to {birthday}",
            "i'm getting close to {birthday}",
            "work up to {birthday}",
            "my target is {birthday}",
        ),
        {SlotName.BIRTHDAY: NUMBER_TYPE},
    ),
    IntentSource(
        Intent.FEEDBACK,
        (
            "{feedback}",
            "that was {feedback}",
            "that's {feedback}",
            "that felt {feedback}",
            "that one was {feedback}",
            "that set was {feedback}",
            "it was {feedback}",
            "it's {feedback}",
            "it felt {feedback}",
            "this is {feedback}",
            "this one is {feedback}",
            "these are {feedback}",
            "those were {feedback}",
            "they were {feedback}",
            "i found that {feedback}",
            "i found it {feedback}",
            "i found {move} {feedback}",
            "{move} was {feedback}",
            "{move} were {feedback}",
            "{move} felt {feedback}",
            "the {move} were {feedback}",
            "the {move} felt {feedback}",
        ),
        {SlotName.FEEDBACK: FEEDBACK_TYPE.name, SlotName.MOVE: MOVE_TYPE.name},
    ),
    IntentSource(
        Intent.FORGET_ME,
        (
            "forget me",
            "forget my data",
            "forget my progress",
            "forget everything",
            "forget everything about me",
            "please forget my data",
            "i want you to forget me",
            "delete my data",
            "delete my progress",
            "delete my history",
            "delete my account",
            "delete everything you know about me",
            "erase my data",
            "erase my progress",
            "erase my history",
            "wipe my data",
            "wipe my progress",
            "clear my data",
            "clear my progress",
            "reset my progress",
            "reset everything",
            "remove my data",
            "remove my progress",
        ),
    ),
    IntentSource(
        Intent.SET_REMINDER,
        (
            "remind me to do my morning moves every day at {time}",
            "remind me to do my morning moves at {time}",
            "remind me to do my morning moves",
            "remind me to do my moves every day at {time}",
            "remind me to do my exercises every day at {time}",
            "remind me every day at {time}",
            "remind me every morning at {time}",
            "remind me daily at {time}",
            "remind me at {time}",
            "remind me at {time} every day",
            "remind me every day",
            "remind me every morning",
            "set a reminder",
            "set a reminder for {time}",
            "set a daily reminder",
            "set a daily reminder for {time}",
            "set a daily reminder at {time}",
            "set my reminder for {time}",
            "set up a reminder",
            "create a reminder for {time}",
            "add a reminder for {time}",
            "give me a reminder every day at {time}",
            "i'd like a reminder at {time}",
            "i want a reminder every day at {time}",
            "at {time}",
            "every day at {time}",
        ),
        {SlotName.TIME: TIME_TYPE},
    ),
    IntentSource(
        Intent.CHANGE_REMINDER,
        (
            "change my reminder to {time}",
            "change my reminder time to {time}",
            "change the reminder to {time}",
            "change my daily reminder to {time}",
            "change my reminder",
            "change the reminder time",
            "move my reminder to {time}",
            "move the reminder to {time}",
            "move my reminder",
            "update my reminder to {time}",
            "update my reminder",
            "reschedule my reminder to {time}",
            "reschedule my reminder",
            "set my reminder to {time} instead",
            "make my reminder {time}",
            "make it {time} instead",
            "remind me at {time} instead",
            "remind me at {time} from now on",
            "switch my reminder to {time}",
            "push my reminder to {time}",
            "my reminder should be at {time}",
            "i want my reminder at {time}",
        ),
        {SlotName.TIME: TIME_TYPE},
    ),
    IntentSource(
        Intent.CANCEL_REMINDER,
        (
            "cancel my reminder",
            "cancel my reminders",
            "cancel my daily reminder",
            "cancel the reminder",
            "delete my reminder",
            "delete my reminders",
            "delete the reminder",
            "remove my reminder",
            "remove the reminder",
            "turn off my reminder",
            "turn off the reminder",
            "turn my reminder off",
            "switch off my reminder",
            "stop my reminder",
            "stop reminding me",
            "stop the reminders",
            "no more reminders",
            "i don't want a reminder anymore",
            "i don't want reminders",
            "get rid of my reminder",
            "clear my reminder",
            "disable my reminder",
        ),
    ),
    IntentSource(
        Intent.LIST_REMINDERS,
        (
            "what reminders do i have",
            "which reminders do i have",
            "what reminder do i have",
            "what are my reminders",
            "what's my reminder",
            "what is my reminder",
            "when is my reminder",
            "when's my reminder",
            "when will you remind me",
            "do i have a reminder",
            "do i have any reminders",
            "have i got a reminder",
            "have i got any reminders",
            "is my reminder set",
            "is there a reminder",
            "list my reminders",
            "tell me my reminders",
            "read my reminders",
            "check my reminder",
            "check my reminders",
            "what time is my reminder",
            "what time will you remind me",
        ),
    ),
    IntentSource(
        Intent.HELP,
        (
            "what can i say",
            "what can you do",
            "how does this work",
            "i'm lost",
            "i'm confused",
        ),
        builtin_phrases=("help", "help me", "i need help"),
    ),
    IntentSource(
        Intent.STOP,
        (
            "that's enough",
            "that's enough for today",
            "that's all for today",
            "i'm done for today",
            "i'm finished for today",
            "stop the workout",
            "end the workout",
        ),
        builtin_phrases=("stop", "stop it", "quit", "exit", "goodbye", "bye", "be quiet", "off"),
    ),
    IntentSource(Intent.CANCEL, builtin_phrases=("cancel", "cancel that", "never mind")),
    IntentSource(Intent.NAVIGATE_HOME, builtin_phrases=("go home", "home", "go to home screen")),
    IntentSource(Intent.FALLBACK),
    IntentSource(
        Intent.PAUSE,
        (
            "hold on",
            "hang on",
            "wait",
            "wait a moment",
            "give me a minute",
            "give me a second",
            "pause the workout",
            "take a break",
        ),
        builtin_phrases=("pause", "pause it"),
    ),
    IntentSource(
        Intent.RESUME,
        (
            "carry on",
            "keep going",
            "let's carry on",
            "i'm back",
            "back again",
            "continue the workout",
            "unpause",
        ),
        builtin_phrases=("resume", "continue"),
    ),
    IntentSource(
        Intent.REPEAT,
        ("say that again", "what did you say", "come again", "repeat that"),
        builtin_phrases=("repeat", "again", "say it again", "repeat it"),
    ),
    IntentSource(
        Intent.NEXT,
        (
            "next move",
            "next one",
            "next exercise",
            "on to the next one",
            "move on",
            "done",
            "i'm done",
            "finished",
            "i'm finished",
            "i've finished",
            "that's done",
            "ready",
            "i'm ready",
        ),
        builtin_phrases=("next",),
    ),
    IntentSource(
        Intent.START_OVER,
        ("start again from the top", "from the top", "restart the routine"),
        builtin_phrases=("start over", "restart", "start again", "begin again"),
    ),
    IntentSource(
        Intent.YES,
        ("yes please", "go ahead", "let's do it", "sounds good"),
        builtin_phrases=("yes", "yeah", "yep", "sure", "okay", "ok", "alright", "correct"),
    ),
    IntentSource(
        Intent.NO,
        ("no thanks", "no thank you", "not now", "not today"),
        builtin_phrases=("no", "nope", "nah"),
    ),
)

# Intents that must carry a generous sample set (GUIDE: at least 20 each).
MIN_MAIN_SAMPLES = 20


def intent_source(intent: Intent) -> IntentSource:
    return next(src for src in INTENTS if src.intent is intent)


def slot_type(name: str) -> SlotType | None:
    return next((t for t in SLOT_TYPES if t.name == name), None)


def normalize(text: str) -> str:
    """Lower case, straight apostrophes, no punctuation, single spaces: how typed or spoken
    text is compared with samples and synonyms."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = re.sub(r"(?<![a-z])'|'(?![a-z])", " ", text)  # quotes, not apostrophes
    return " ".join(text.split())


@cache
def phrase_table(type_name: str, locale: str) -> Mapping[str, tuple[str, str]]:
    """Every name and synonym of a slot type in a locale (normalised) -> (value id, name).

    Read-only: every caller shares the one cached table.
    """
    found = slot_type(type_name)
    if found is None:
        raise KeyError(f"unknown slot type {type_name}")
    table: dict[str, tuple[str, str]] = {}
    for value in found.values:
        for phrase in (value.name, *value.synonyms_for(locale)):
            table.setdefault(normalize(phrase), (value.id, value.name))
    return MappingProxyType(table)
