"""Offline NLU: typed text -> intent and slots, resolved against the interaction model."""

from __future__ import annotations

import pytest

from skill.dev.nlu import Nlu, nlu_for
from skill.voice.intents import Intent, SlotName
from skill.voice.model_source import LOCALES

M, MO, F, A, B = SlotName.MOVE, SlotName.MOMENT, SlotName.FEEDBACK, SlotName.AGE, SlotName.BIRTHDAY


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("Alexa, ask Morning Moves to start my morning moves", Intent.START_ROUTINE, {}),
        ("start my morning moves", Intent.START_ROUTINE, {}),
        ("Let's go!", Intent.START_ROUTINE, {}),
        ("I'm brushing my teeth", Intent.START_MOMENT, {MO: "brushing_teeth"}),
        ("The kettle\u2019s on.", Intent.START_MOMENT, {MO: "kettle"}),
        ("tell morning moves I'm running a bath", Intent.START_MOMENT, {MO: "bath"}),
        ("do some calf raises", Intent.START_MOVE, {M: "heel_rises"}),
        ("TIPTOES", Intent.START_MOVE, {M: "heel_rises"}),
        ("let's do bridges", Intent.START_MOVE, {M: "glute_bridge"}),
        ("lunges please", Intent.START_MOVE, {M: "reverse_lunge"}),
        ("how do I do a squat?", Intent.EXPLAIN, {M: "squats"}),
        ("explain this one", Intent.EXPLAIN, {}),
        ("what's next", Intent.WHATS_NEXT, {}),
        ("how many left?", Intent.HOW_MANY_LEFT, {}),
        ("slow down", Intent.SLOWER, {}),
        ("speed it up", Intent.FASTER, {}),
        ("skip the lunges", Intent.SKIP, {M: "reverse_lunge"}),
        ("skip", Intent.NEXT, {}),  # AMAZON.NextIntent owns "skip"
        ("skip this one", Intent.SKIP, {}),
        ("how am I doing", Intent.PROGRESS, {}),
        ("what's my streak", Intent.PROGRESS, {}),
        ("I'm forty-two", Intent.SET_AGE, {A: "42"}),
        ("I am 57 years old", Intent.SET_AGE, {A: "57"}),
        ("my next big birthday is fifty", Intent.BIG_BIRTHDAY, {B: "50"}),
        ("that was too easy", Intent.FEEDBACK, {F: "easy"}),
        ("tell morning moves that was hard", Intent.FEEDBACK, {F: "hard"}),
        ("squats were just right", Intent.FEEDBACK, {F: "right", M: "squats"}),
        ("forget my data", Intent.FORGET_ME, {}),
        ("help", Intent.HELP, {}),
        ("stop", Intent.STOP, {}),
        ("never mind", Intent.CANCEL, {}),
        ("go home", Intent.NAVIGATE_HOME, {}),
        ("hang on", Intent.PAUSE, {}),
        ("carry on", Intent.RESUME, {}),
        ("say that again", Intent.REPEAT, {}),
        ("next", Intent.NEXT, {}),
        ("I'm done", Intent.DONE, {}),
        ("start over", Intent.START_OVER, {}),
        ("yes", Intent.YES, {}),
        ("no thanks", Intent.NO, {}),
        ("what's the weather like", Intent.FALLBACK, {}),
        ("", Intent.FALLBACK, {}),
        ("ask morning moves to order a pizza", Intent.FALLBACK, {}),
    ],
)
def test_resolves_text_to_intent_and_slots(
    text: str, intent: Intent, slots: dict[SlotName, str]
) -> None:
    resolution = nlu_for("en-US").resolve(text)
    assert resolution.kind == "intent"
    assert resolution.intent is intent, resolution.label
    got = {name: match.id or match.spoken for name, match in resolution.slots.items()}
    assert got == slots


@pytest.mark.parametrize(
    "text",
    ["open morning moves", "Alexa, launch Morning Moves", "ask morning moves", "morning moves"],
)
def test_invocation_alone_is_a_launch(text: str) -> None:
    assert nlu_for("en-US").resolve(text).kind == "launch"


def test_one_shot_requests_are_marked() -> None:
    nlu = nlu_for("en-US")
    assert nlu.resolve("ask morning moves how am I doing").one_shot
    assert not nlu.resolve("how am I doing").one_shot


def test_resolved_slot_keeps_what_was_said_and_the_canonical_name() -> None:
    match = nlu_for("en-US").resolve("do some calf raises").slots[M]
    assert (match.spoken, match.id, match.name) == ("calf raises", "heel_rises", "heel rises")


@pytest.mark.parametrize(
    ("locale", "text", "moment"),
    [
        ("en-US", "the tub is filling", "bath"),
        ("en-CA", "the tea kettle's on", "kettle"),
        ("en-GB", "I'm making a cuppa", "kettle"),
        ("en-AU", "making a brew", "kettle"),
        ("en-IN", "I'm making chai", "kettle"),
        ("en-GB", "what can I do whilst I'm running a bath", "bath"),
    ],
)
def test_regional_phrasing(locale: str, text: str, moment: str) -> None:
    resolution = nlu_for(locale).resolve(text)
    assert resolution.intent is Intent.START_MOMENT
    assert resolution.slots[MO].id == moment


def test_regional_words_stay_in_their_region() -> None:
    assert nlu_for("en-GB").resolve("the tub is filling").intent is Intent.FALLBACK


def test_unknown_locale_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported locale"):
        Nlu("fr-FR")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_understands_the_core_commands(locale: str) -> None:
    nlu = nlu_for(locale)
    for text, intent in [
        ("start my morning moves", Intent.START_ROUTINE),
        ("I'm brushing my teeth", Intent.START_MOMENT),
        ("running a bath", Intent.START_MOMENT),
        ("the kettle's on", Intent.START_MOMENT),
        ("pause", Intent.PAUSE),
        ("stop", Intent.STOP),
    ]:
        assert nlu.resolve(text).intent is intent, (locale, text)


@pytest.mark.parametrize(
    ("text", "via"),
    [
        ("skip", "built-in"),
        ("never mind", "built-in"),
        ("can you help me", "built-in"),
        ("skip this one", "sample"),
        ("give me a second", "sample"),
    ],
)
def test_phrases_a_built_in_knows_are_labelled(text: str, via: str) -> None:
    resolution = nlu_for("en-US").resolve(text)
    assert resolution.via == via
    assert resolution.label.endswith("(built-in phrase)") == (via == "built-in")


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("I'm 42", A, "42"),
        ("I'm forty-two", A, "42"),
        ("I'm forty two years old", A, "42"),
        ("I am sixty five", A, "65"),
        ("set my age to a hundred and one", A, "101"),
        ("I just turned 38", A, "38"),
        ("I'm turning fifty", B, "50"),
        ("I'm turning the big five oh", B, "50"),
        ("my next big birthday is sixty", B, "60"),
        ("my next big birthday is 70", B, "70"),
        ("I'll be forty soon", B, "40"),
    ],
)
def test_ages_said_every_way(text: str, slot: SlotName, value: str) -> None:
    resolution = nlu_for("en-GB").resolve(text)
    assert resolution.slots[slot].spoken == value, resolution.label


@pytest.mark.parametrize(
    "text",
    [
        "Alexa, ask Morning Moves to skip this one",
        "alexa tell morning moves to skip this one",
        "Alexa, please ask morning moves to skip this one",
        "hey alexa, ask morning moves to skip this one",
        "ask morning moves skip this one",
        "open morning moves and skip this one",
        "use morning moves to skip this one",
    ],
)
def test_leading_invocation_forms(text: str) -> None:
    resolution = nlu_for("en-IN").resolve(text)
    assert (resolution.intent, resolution.one_shot) == (Intent.SKIP, True)


@pytest.mark.parametrize(
    ("locale", "text", "intent"),
    [
        ("en-US", "gimme a sec", Intent.PAUSE),
        ("en-GB", "shall we crack on", Intent.START_ROUTINE),
        ("en-AU", "righto next one", Intent.NEXT),
        ("en-IN", "kindly start my routine", Intent.START_ROUTINE),
        ("en-IN", "let us start the workout", Intent.START_ROUTINE),
        ("en-US", "again", Intent.AGAIN),
        ("en-US", "one more time", Intent.AGAIN),
    ],
)
def test_regional_idiom_and_again(locale: str, text: str, intent: Intent) -> None:
    assert nlu_for(locale).resolve(text).intent is intent
