"""The one source of the interaction model: slot types, intents and the templates their sample
utterances grow from.

`skill.dev.model_build` turns this into `interaction_model/` (one JSON file per locale plus
the manifest); `skill.dev.nlu` resolves typed text against the same data; the handlers use the slot
synonyms to resolve a spoken value that entity resolution missed. Slot value ids are the domain
ids (MoveId, MomentId, Feedback), so a resolved slot becomes an engine value without a table.

Each intent's samples are generated per locale from small templates (skill/voice/grammar.py)
over words shared by every locale and each region's own idiom (skill/voice/idiom.py). They are
lower case, without punctuation other than apostrophes (Alexa's rules), and read naturally after
"Alexa, ask morning moves to ..." so that one-shot requests work. A phrase one of Alexa's built-in
intents already owns ("skip" is AMAZON.NextIntent's) is never a sample; skill/dev/model_lint.py
checks the rest (no phrase in two intents, sizes, slots, locales).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from skill.domain.ids import Feedback, MomentId, MoveId, Style
from skill.voice.grammar import expand
from skill.voice.idiom import EN_AU, EN_CA, EN_GB, EN_IN, EN_US, lexicon
from skill.voice.intents import Intent, SlotName

INVOCATION_NAME = "morning moves"

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
    """One intent: its slots (name -> type), the templates its samples grow from (see
    skill.voice.grammar), more templates for some locales, and, for built-ins, the phrases Alexa
    already knows (never written to the model; the offline NLU knows them, labelled built-in)."""

    intent: Intent
    templates: tuple[str, ...] = ()
    slots: Mapping[SlotName, str] = field(default_factory=dict)
    by_locale: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    builtin_phrases: tuple[str, ...] = ()

    def templates_for(self, locale: str) -> tuple[str, ...]:
        extra = [t for locales, more in self.by_locale.items() if locale in locales for t in more]
        return (*self.templates, *extra)

    def samples_for(self, locale: str) -> tuple[str, ...]:
        """The intent's sample utterances in `locale`, generated from its templates."""
        return _samples(self.intent, locale)


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
                "the toe tap",
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
                "the squat",
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
                "the heel raises",
                "the calf raises",
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
                "the bridges",
                "the glute bridge",
                "the glute bridges",
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
                "the reverse lunge",
                "the reverse lunges",
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
                    "waiting on the tea kettle",
                    "waiting on the kettle",
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

# The version of the moves a routine uses, standard or gentle (README, Gentle moves).
STYLE_TYPE = SlotType(
    "StyleType",
    Style,
    (
        SlotValue(
            Style.STANDARD,
            "standard",
            ("normal", "regular", "usual", "original", "full", "proper", "harder", "ordinary"),
        ),
        SlotValue(
            Style.GENTLE,
            "gentle",
            (
                "gentler",
                "easier",
                "the easier",
                "seated",
                "sitting down",
                "chair",
                "supported",
                "low impact",
                "beginner",
                "beginner's",
                "simpler",
            ),
        ),
    ),
)

SLOT_TYPES: tuple[SlotType, ...] = (MOVE_TYPE, MOMENT_TYPE, FEEDBACK_TYPE, STYLE_TYPE)

_MOVE = {SlotName.MOVE: MOVE_TYPE.name}
_STYLE = {SlotName.STYLE: STYLE_TYPE.name}

# What Alexa's standard built-in intents accept with no samples of ours: the "common utterances"
# of Amazon's built-in intent reference. No sample may repeat one (the built-in owns it), and
# the offline NLU knows them, labelled as built-in, as a device would.
BUILTIN_PHRASES: Mapping[Intent, tuple[str, ...]] = {
    Intent.CANCEL: ("cancel", "never mind", "forget it"),
    Intent.HELP: ("help", "help me", "can you help me"),
    Intent.NEXT: ("next", "skip", "skip forward"),
    Intent.NO: ("no", "no thanks"),
    Intent.PAUSE: ("pause", "pause that"),
    Intent.REPEAT: ("repeat", "say that again", "repeat that"),
    Intent.RESUME: ("resume", "continue", "keep going"),
    Intent.START_OVER: ("start over", "restart", "start again"),
    Intent.STOP: ("stop", "off", "shut up"),
    Intent.YES: ("yes", "yes please", "sure"),
    Intent.NAVIGATE_HOME: ("go home", "home"),
}

INTENTS: tuple[IntentSource, ...] = (
    IntentSource(
        Intent.START_ROUTINE,
        (
            "(<want>|) (start|do) my <workout>",
            "(<want>|) start the (routine|workout|session|exercises)",
            "(<want>|) do the (whole|full) (routine|workout|thing)",
            "<ask> start my <workout>",
            "<start> (my|the) <workout>",
            "(okay|right|alright) begin my <workout>",
            "(start|do) my <workout> (please|now)",
            "(<lead>|) let's (go|start|begin|get started|get going|get moving|do this)",
            "(i'm|i am) ready (to start|to begin|to work out|to exercise|for my workout|for my "
            "routine)",
            "<lead> i'm ready to (start|go)",
            "(<want>|i need to|time to|it's time to) (work out|exercise|train)",
            "(do|start) (my|) (strength training|strength workout)",
            "(take|coach|walk) me through (my|the) (routine|workout|exercises|moves)",
            "(coach me|get me moving|get moving|let's get moving|start moving)",
            "(start|begin|do) (the|all) five moves",
            "(do|run through) all (the|five) moves",
            "(start|begin|do) (everything|the lot|the whole thing|the full routine|all of them)",
            "(time for|ready for) (my|the) <workout>",
            "(start|begin|go|let's start|let's begin)",
            "let's (start|begin|do) (my|the) <workout>",
            "{style} (moves|routine)",
            "(start|do|begin) (my|the) {style} (moves|routine)",
            "(i want to|i'd like to) (start|do) my {style} moves",
            "<ask> start my {style} moves",
            "let's (do|start) my {style} moves",
        ),
        _STYLE,
        by_locale={
            (EN_GB, EN_AU): (
                "(<lead>|) (let's|shall we) crack on",
                "(let's|shall we) (get|make) (a start|started)",
                "(let's|shall we) get on with (it|my <workout>)",
            ),
            (EN_IN,): (
                "let us (start|begin|do) (my|the) <workout>",
                "(please|kindly) start (my|the) <workout>",
                "(shall we|can we) start (the|my) <workout>",
            ),
            (EN_US, EN_CA): ("let's (do this thing|get this going|get it going|roll)",),
        },
    ),
    IntentSource(
        Intent.CHOOSE_STYLE,
        (
            "make (it|them|the moves|my moves|the routine) {style}",
            "make (it|them|the moves|my moves) {style} (please|from now on)",
            "(switch|change|go|swap) (back|) to the {style} (moves|version|routine|exercises|ones)",
            "(switch|change|go|swap) (back|) to my {style} (moves|routine|exercises)",
            "(switch|change|go) (back|) to {style}",
            "back to (the|my) {style} (moves|version|ones|routine|exercises)",
            "(i want|i'd like|i prefer|give me|i'll have) the {style} (version|moves|ones)",
            "the {style} (version|ones)",
            "(use|keep to|stick to|stay on|stay with) the {style} (moves|version|ones)",
            "(can i|could i|can we|could we) (have|do) the {style} (version|ones) (please|)",
            "(can i|could i|can we|could we) have the {style} moves (please|)",
            "(from now on|always) (do|use|give me) the {style} (moves|version)",
            "(i'd|i would) (rather|prefer to) do the {style} (moves|version|ones)",
            "(is there|do you have) (a|an) {style} version",
        ),
        _STYLE,
        by_locale={(EN_GB, EN_AU, EN_IN): ("(shall we|can we) do the {style} (version|ones)",)},
    ),
    IntentSource(
        Intent.START_MOVE,
        (
            "{move}",
            "{move} (please|now|next|first|then|today)",
            "(<want>|) (do|start) (some|the|) {move}",
            "<ask> (do|start) (some|a few|a set of|) {move}",
            "(let's|i'll|i will) (do|try) (some|) {move}",
            "<lead> let's do (some|) {move}",
            "(can i|could i|i'd like to|i want to) (do|try|start) (some|) {move}",
            "(start|begin) with {move}",
            "(just|only) (do|) {move} (today|please|)",
            "(coach|take) me through (some|) {move}",
            "count (my|some|) {move} (for me|)",
            "(time for|ready for|how about|what about) (some|) {move}",
            "(go|jump|skip|switch|move) (on|) to {move}",
            "give me (some|a set of) {move}",
            "(i feel like|i'm in the mood for) (doing|) (some|) {move}",
        ),
        _MOVE,
        by_locale={
            (EN_GB, EN_AU, EN_IN): ("(shall we|shall i) (do|start) (some|) {move}",),
            (EN_GB, EN_AU): ("(let's|i'll) have a go at (some|) {move}",),
            (EN_IN,): ("let us do (some|) {move}", "(i will|i want to) do {move} (now|only)"),
        },
    ),
    IntentSource(
        Intent.START_MOMENT,
        (
            "{moment}",
            "(<lead>|) (i'm|i am) (just|) {moment}",
            "(i'm|i am) {moment} <moment_now>",
            "(<moment_now>|) (i'm|i am) {moment}",
            "(while|when) (i'm|i am) {moment}",
            "(coach me|count for me|keep me busy|keep me moving) while (i'm|i am) {moment}",
            "what (can|should|could) i do while (i'm|i am) {moment}",
            "give me (something|a move|an exercise) (to do|) while (i'm|i am) {moment}",
            "(i've got|i have) (a minute|a few minutes|some time) while (i'm|i am) {moment}",
            "(do|start) (my|the) {moment} (move|moves|routine|exercise)",
            "(it's|) {moment} time",
            "(what's|what is) (the|my) {moment} (move|exercise)",
        ),
        {SlotName.MOMENT: MOMENT_TYPE.name},
        by_locale={
            (EN_GB, EN_AU, EN_IN): (
                "whilst (i'm|i am) {moment}",
                "what (can|should|could) i do whilst (i'm|i am) {moment}",
                "give me (something|a move) (to do|) whilst (i'm|i am) {moment}",
                "(coach me|count for me|keep me busy) whilst (i'm|i am) {moment}",
            ),
        },
    ),
    IntentSource(
        Intent.EXPLAIN,
        (
            "how (do|should|can) (i|you|we) do (a|an|the|) {move}",
            "how (do|should) (i|you|we) do <this>",
            "(<ask>|) (explain|describe|demonstrate) (the|) {move}",
            "(<ask>|) explain (<this>|the move|the exercise)",
            "describe (<this>|the move|how it works)",
            "(tell|show|remind) me how to do (a|the|) {move}",
            "(tell|show|remind) me how to do (<this>|it right|it properly)",
            "(what's|what is) (the|the right|the correct|the proper) (form|technique) (for "
            "{move}|)",
            "(what are|what's|what is) (a|an|) {move}",
            "(talk|walk) me through (the|) {move}",
            "(talk|walk) me through (<this>|the move|the form)",
            "(give me|what are) the (form|) (cues|tips|pointers) (for {move}|)",
            "(form|) (cues|tips) for {move}",
            "(i don't know|i'm not sure|i forgot) how to do (the|) {move}",
            "(i don't know|i'm not sure|i forgot) how to do (<this>|it)",
            "(what am i|what are we) (supposed|meant) to (do|be doing)",
            "how does (this one|this move|this exercise|the move|that one|this set) work",
            "(am i doing it right|how do i get the form right|what's the technique)",
        ),
        _MOVE,
        by_locale={(EN_IN,): ("what is the (method|procedure) (for {move}|)",)},
    ),
    IntentSource(
        Intent.WHATS_NEXT,
        (
            "(<lead>|) (what's|what is) (next|coming up|coming next|up next|after this|the plan)",
            "what (comes|happens|do we do|do i do|are we doing) (next|after this|after that)",
            "(what's|what is) the next (move|exercise|one|set)",
            "(which|what) (move|exercise|one) (is|comes) next",
            "tell me (what's|what is|what comes) next",
            "(what have i got|what have we got|what do i have) (next|coming up|after this)",
            "(what's|what is) after {move}",
        ),
        _MOVE,
        by_locale={(EN_IN,): ("what is the next (one|exercise) please", "next what")},
    ),
    IntentSource(
        Intent.HOW_MANY_LEFT,
        (
            "how (many|much) (more|) (is|are|) (left|to go|remaining)",
            "how many (more|) (reps|moves|exercises|sets|of these) (are|) (left|to go|remaining|)",
            "how (many|much) more (to go|)",
            "how far (am i|are we|along am i|along are we)",
            "how (much|) (longer|long) (is|) (left|to go|)",
            "how (far|long) (have i got|have we got|do i have|is there) (left|to go|)",
            "(am i|are we) (nearly|almost) (done|there|finished|through)",
            "(is it|is this) (nearly|almost) (over|done|the end)",
            "(how many|how much) (have i got|have we got|do i have) (left|to go)",
            "(what's|what is) left",
            "how many (more|) {move} (are|) (left|to go)",
        ),
        _MOVE,
        by_locale={(EN_IN,): ("how much more is there", "how much is balance", "what all is left")},
    ),
    IntentSource(
        Intent.SLOWER,
        (
            "(<lead>|) (<slow>|slow down|slow it down|slow the count|slow the pace down)",
            "(<slow>|slow down|slow it down) (<tail>|a bit|a little|a bit please)",
            "(can you|could you|please) (slow down|go <slow>|count <slow>|slow it down)",
            "(go|count|take it) <slow>",
            "(that's|it's|you're going|you're) (too|way too|a bit) (fast|quick)",
            "(too fast|too quick|not so fast|not so quick|not that fast|easy there)",
            "(give me|i need|) more time",
            "(a|the|) (slower|gentler) pace",
            "(ease off|ease up on) the pace",
            "(i can't keep up|i can't keep up with you|i can't keep up with that)",
        ),
        by_locale={(EN_GB, EN_AU, EN_IN): ("(steady on|not so quick please)",)},
    ),
    IntentSource(
        Intent.FASTER,
        (
            "(<lead>|) (<fast>|speed up|speed it up|pick up the pace|hurry up)",
            "(<fast>|speed up|speed it up) (<tail>|a bit|a little|a bit please)",
            "(can you|could you|please) (speed up|go <fast>|count <fast>|speed it up)",
            "(go|count) <fast>",
            "(that's|it's|you're going|you're) (too|way too|a bit) slow",
            "(too slow|this is too slow|not so slow)",
            "(quicken|up) the pace",
            "(a|the|) (faster|quicker) pace",
            "speed (the count|the pace|things) up",
            "(less time|less waiting|don't wait so long|you don't have to wait so long)",
        ),
        by_locale={(EN_US, EN_CA): ("(step on it|let's pick it up)",)},
    ),
    IntentSource(
        Intent.SKIP,
        (
            "skip (<this>|{move}|the {move}|{move} today|this one today)",
            "<lead> skip (this one|this|it|{move})",
            "(i'll|i will|let's|i want to|i'd like to|can we|can i|could we) skip (<this>|{move})",
            "(miss|leave) (<this>|{move}) out",
            "(leave out|miss out) (<this>|{move})",
            "(not|no) {move} (today|)",
            "not this one",
            "i (don't|do not) want to do (<this>|{move}) (today|)",
            "(i'll|i will|let me|) pass on (<this>|{move})",
            "(i'll pass|pass|i'd rather skip it|drop this one|move past this one)",
            "(i can't|i cannot) do (<this>|{move}) (today|)",
        ),
        _MOVE,
        by_locale={(EN_GB, EN_AU, EN_IN): ("(i'll|let's) give (<this>|{move}) a miss",)},
    ),
    IntentSource(
        Intent.PROGRESS,
        (
            "how (am i|have i been|are we) (doing|getting on|progressing|going)",
            "(what's|what is|tell me|how's|how is) my (progress|streak|record|score|total)",
            "(my|check my|show me my|give me my|what are my) "
            "(progress|streak|stats|statistics|numbers)",
            "how long is my streak",
            "how many days (in a row|running|straight) (have i done|is it|)",
            "how many (days|workouts|sessions|reps|times) have i (done|managed|completed) (this "
            "week|so far|)",
            "what (have i done|did i do) (this week|yesterday|today|so far|lately)",
            "how many {move} have i done (today|this week|so far|)",
            "how many (reps|moves|workouts) (today|this week)",
            "(am i|have i been) (improving|getting better|getting stronger|on track)",
            "(give me|i want) (a|my) (progress|) (report|update|summary)",
        ),
        _MOVE,
        by_locale={(EN_AU,): ("how (am i|are we) going (so far|)",)},
    ),
    IntentSource(
        Intent.SET_AGE,
        (
            "(i'm|i am) (now|) {age} (now|years old|years young|years|years of age|this year|)",
            "(i'm|i am) aged {age}",
            "(my age is|my age's|age) {age}",
            "{age} years (old|of age)",
            "(i|i've|i have) (just|) turned {age} (this year|recently|)",
            "(set|change|update|put) my age (to|as|at) {age}",
            "(remember|note|you should know) (that|) (i'm|i am) {age}",
            "(set|change|update|tell you|) my age",
            "(i'll|let me) tell you my age",
            "(i'm|i am) {age} and a half",
        ),
        {SlotName.AGE: NUMBER_TYPE},
    ),
    IntentSource(
        Intent.BIG_BIRTHDAY,
        (
            "my (next|) big (birthday|one) (is|will be) {birthday}",
            "my (next|) big (birthday's|one's) {birthday}",
            "next big birthday (is|) {birthday}",
            "(set|change) my (next|) big birthday (to {birthday}|)",
            "my next big birthday",
            "(i'll|i will) be {birthday} (next|soon|next year|this year|)",
            "i turn {birthday} (soon|next|next year|this year|)",
            "(i'm|i am) (turning|going to be|heading for|nearly|almost|coming up to|getting close "
            "to) {birthday} (soon|next|next year|this year|)",
            "(i'm|i am) turning the big {birthday}",
            "(work up|build up|get me up) to {birthday}",
            "my (target|goal) is {birthday}",
        ),
        {SlotName.BIRTHDAY: NUMBER_TYPE},
    ),
    IntentSource(
        Intent.FEEDBACK,
        (
            "{feedback}",
            "(that|it|this|that one|this one|that set|the last one) (was|felt|seemed) "
            "(quite|really|pretty|) {feedback}",
            "(it|this|this one) (is|feels) {feedback}",
            "(that's|it's|this is) (a bit|quite|very|really|pretty|) {feedback}",
            "(these|those|they) (are|were|felt) (a bit|quite|really|pretty|) {feedback}",
            "i found (that|it|this|them) {feedback}",
            "i found {move} {feedback}",
            "(the|) {move} (was|were|felt|are|is) (a bit|quite|very|really|pretty|) {feedback}",
            "(i thought|i think|i reckon) (that|it) was {feedback}",
            "(honestly|to be honest) (that was|it was) {feedback}",
        ),
        {SlotName.FEEDBACK: FEEDBACK_TYPE.name, SlotName.MOVE: MOVE_TYPE.name},
    ),
    IntentSource(
        Intent.FORGET_ME,
        (
            "(<want>|) (delete|erase|wipe) my (<data>|account)",
            "<ask> (delete|erase) my <data>",
            "clear my (<data>|account|profile)",
            "(remove|reset|clear out) (all|) my <data>",
            "(<ask>|) forget (me|everything|about me|all about me|everything about me|my <data>)",
            "(i want you to|please|i'd like you to) forget (me|everything about me)",
            "(delete|erase|wipe|remove) everything (you know|you have|you've got|you keep) (about "
            "me|on me)",
            "(reset|wipe|clear) everything",
            "(start|begin) (fresh|from scratch) and (delete|forget|wipe) (my <data>|everything)",
            "(get rid of|bin) my <data>",
            "i want my (data|history) (deleted|erased|removed|gone)",
        ),
    ),
    IntentSource(
        Intent.SET_REMINDER,
        (
            "remind me (to do my <workout>|to exercise|) (every day|every morning|daily|) "
            "at {time}",
            "remind me at {time} (every day|each day|every morning)",
            "remind me (to do my <workout>|) (every day|every morning|daily)",
            "remind me to do my <workout>",
            "(set|set up|create|add) (a|my) (daily|) reminder (for|at) {time}",
            "(set|set up|create|add|schedule) (a|my) (daily|) reminder",
            "(give me|i'd like|i want) a (daily|) reminder (every day|) at {time}",
            "(at|every day at|every morning at|each day at) {time}",
            "(can you|could you|please) remind me (every day|every morning|) at {time}",
        ),
        {SlotName.TIME: TIME_TYPE},
    ),
    IntentSource(
        Intent.CHANGE_REMINDER,
        (
            "(change|move|update|reschedule|switch|push|shift) (my|the) (daily|) reminder (time|) "
            "to {time}",
            "(change|move|update|reschedule) (my|the) (daily|) reminder (time|)",
            "set my reminder to {time} instead",
            "make (my reminder|the reminder|it) {time} instead",
            "make my reminder {time}",
            "remind me at {time} (instead|from now on)",
            "(my|the) reminder should be (at|for) {time}",
            "i want my reminder (at|for) {time}",
            "can you (change|move) my reminder to {time}",
        ),
        {SlotName.TIME: TIME_TYPE},
    ),
    IntentSource(
        Intent.CANCEL_REMINDER,
        (
            "(cancel|delete|remove|disable|clear|stop) (my|the) (daily|) (reminder|reminders)",
            "(turn|switch) off (my|the) (daily|) reminder",
            "(turn|switch) (my|the) (daily|) reminder off",
            "stop (reminding me|the reminders|my reminders)",
            "(no more|i don't want) (reminders|a reminder|any reminders) (anymore|)",
            "get rid of (my|the) reminder",
            "i don't want a reminder anymore",
        ),
    ),
    IntentSource(
        Intent.LIST_REMINDERS,
        (
            "(what|which) (reminder|reminders) do i have",
            "(what's|what is|when's|when is|what time is) my reminder",
            "(what are|list|tell me|read|check) my reminders",
            "check my reminder",
            "when will you remind me",
            "what time will you remind me",
            "(do i have|have i got|is there) (a|any) (reminder|reminders) (set|)",
            "is my reminder (set|on)",
        ),
    ),
    IntentSource(
        Intent.AGAIN,
        (
            "(<lead>|) (again|once more|one more time|one more go) (please|)",
            "(do|let's do|can we do) (it|that|this) (again|once more|one more time)",
            "(same again|go again|let's go again|another go|from the beginning again)",
        ),
    ),
    IntentSource(
        Intent.HELP,
        (
            "(<lead>|) (what can you do|what are my options|what else can you do)",
            "what (can|do|should) i say (now|here|)",
            "how does (this|this skill|it|morning moves) work",
            "(i'm|i am) (lost|confused|stuck|not sure what to do)",
            "(i need|give me|get me) (some|a bit of|) help",
            "(<lead>|) (help|help me) (please|out|)",
            "what (do|can) i do (now|here|)",
            "(how do i use this|how do i use morning moves|what is this|what is morning moves)",
            "i (don't|do not) (know|understand) what to do",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.HELP],
    ),
    IntentSource(
        Intent.STOP,
        (
            "(that's|that is|that'll be|that'll do) (enough|all|it) (for today|for now|)",
            "(i'm|i am) (done|finished|stopping) for (today|now|the day)",
            "(stop|end|finish|quit|close|exit) (the|this|my) (workout|session|routine|skill)",
            "(quit|exit|goodbye|bye|bye bye|good bye|i'm off|see you|see you tomorrow)",
            "(i'm|i am) (all done for today|out of here|off now|outta here)",
            "(let's|i want to|i'd like to|i need to) (stop|finish|call it a day|quit) (now|here|)",
            "(stop now|stop please|please stop|stop it|stop stop|be quiet|enough)",
            "(i've had enough|i've had enough for today|that's me done|call it a day)",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.STOP],
    ),
    IntentSource(
        Intent.CANCEL,
        ("(cancel it|cancel that|never mind that|forget about it|actually never mind)",),
        builtin_phrases=BUILTIN_PHRASES[Intent.CANCEL],
    ),
    IntentSource(
        Intent.NAVIGATE_HOME,
        ("(go to|take me to) the home (screen|page)", "go to home screen"),
        builtin_phrases=BUILTIN_PHRASES[Intent.NAVIGATE_HOME],
    ),
    IntentSource(Intent.FALLBACK),
    IntentSource(
        Intent.PAUSE,
        (
            "(okay|right|so|just|please|) <wait>",
            "(just|) <wait> please",
            "(<give_me>|i need) (a|one) (second|sec|minute|moment|breather|break|rest)",
            "pause (the workout|the count|counting|for a second|for a minute|for a "
            "moment|there|it|please)",
            "stop for a (second|minute|moment|bit)",
            "(let's|can we|i need to|i want to) (take|have) a (break|breather|rest|minute)",
            "(take|have) a (break|breather|rest)",
            "(wait for me|let me catch my breath|i need a breather|i need to catch my breath)",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.PAUSE],
    ),
    IntentSource(
        Intent.RESUME,
        (
            "(<lead>|) (carry on|keep going|go on|on we go|continue) (please|now|)",
            "(let's|we can|you can) (carry on|keep going|continue|resume|go on)",
            "(i'm|i am) (back|ready again|good to go again)",
            "(back again|unpause|start counting again|pick up where we left off|where were we)",
            "(continue|resume) (the workout|the count|counting|my workout|from where we were)",
            "(okay|alright) i'm back",
            "(pick up|carry on|continue) (from|) where i (left off|stopped|paused)",
            "(carry on|continue|go on) with (my|the) (workout|moves|morning moves)",
            "(take up|finish) my paused workout",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.RESUME],
    ),
    IntentSource(
        Intent.REPEAT,
        (
            "(<lead>|) (say|tell me) (that|it) (again|one more time|once more)",
            "(sorry|pardon|) (what did you say|what was that|come again)",
            "(sorry|pardon|pardon me|excuse me)",
            "(can you|could you|please) (repeat|say) (that|it) (again|)",
            "(repeat|say) (that|it|the last bit) (please|again please)",
            "i (didn't|did not) (catch|hear) (that|you|it)",
            "(sorry|) (what|huh) (was that|)",
            "(sorry|) what was that (again|)",
        ),
        by_locale={
            (EN_IN,): ("(please|can you|) tell (that|it|me|) (once more|again|one more time)",)
        },
        builtin_phrases=BUILTIN_PHRASES[Intent.REPEAT],
    ),
    IntentSource(
        Intent.NEXT,
        (
            "(<lead>|righto|right then|) next (one|move|exercise|set|please|one please)",
            "(on to|onto|go to|move on to|let's do) the next (one|move|exercise|set)",
            "(move on|moving on|go on to the next|let's move on)",
            "(i'm|i am|we're) ready (for the next one|for more|)",
            "<lead> i'm ready",
            "(okay|ok|alright|right|) (ready|ready now|good to go|ready when you are)",
            "(bring on the next one|give me the next one)",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.NEXT],
    ),
    IntentSource(
        Intent.DONE,
        (
            "(i'm|i am|that's|we're) <finish>",
            "<lead> i'm <finish>",
            "(i've|i have) (finished|done it|done that|done them)",
            "(okay|ok|alright|right|) <finish>",
            "(i did it|did it|that's that|that's them done|that's all of them)",
        ),
    ),
    IntentSource(
        Intent.START_OVER,
        (
            "(start|begin|go) (again|over) (from the top|from the start|from the beginning)",
            "(from the top|from the beginning|from the start|back to the start|back to the "
            "beginning)",
            "(restart|start over) (the|my) <workout>",
            "(let's|can we) (start over|start again|begin again|restart)",
            "(begin again|start from scratch|start from the beginning|take it from the top)",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.START_OVER],
    ),
    IntentSource(
        Intent.YES,
        (
            "<agree>",
            "(yes|yeah|yep) (please|let's go|let's do it|i am|i do|go ahead|that's right|why not)",
            "(yes|yeah) (sure|of course|definitely|absolutely|okay|ok)",
            "(that's right|correct|that's correct)",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.YES],
    ),
    IntentSource(
        Intent.NO,
        (
            "<refuse>",
            "(no|nope|nah) (thanks|thank you|not now|not today|not yet|i'm fine|maybe later)",
            "(no|nope) (i don't|i do not|i'm not|i am not)",
        ),
        builtin_phrases=BUILTIN_PHRASES[Intent.NO],
    ),
)

# Intents that must carry a generous sample set (GUIDE: at least 20 each).
MIN_MAIN_SAMPLES = 20


def intent_source(intent: Intent) -> IntentSource:
    return next(src for src in INTENTS if src.intent is intent)


@cache
def _samples(intent: Intent, locale: str) -> tuple[str, ...]:
    """Every phrase the intent's templates stand for in `locale`, each once, less the phrases
    a built-in intent owns (an optional word often leaves one: "(please|) pause")."""
    words = lexicon(locale)
    generated = (p for t in intent_source(intent).templates_for(locale) for p in expand(t, words))
    return tuple(dict.fromkeys(p for p in generated if p not in _OWNED_BY_BUILTINS))


_OWNED_BY_BUILTINS = frozenset(p for phrases in BUILTIN_PHRASES.values() for p in phrases)


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
