"""The words the sample templates are made of, per locale: fillers, carrier phrases, everyday
words for the workout, and each region's own idiom (en-GB's "shall we", "crack on", "whilst";
en-AU's "righto", "reckon"; en-IN's "kindly", "let us", "one minute"; North America's "gimme",
"take five").

`lexicon(locale)` is what skill.voice.grammar expands `<name>` with: the shared phrases, then
the locale's own. Everything here is lower case, as Alexa wants samples.
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

from skill.voice.grammar import Lexicon

EN_US, EN_GB, EN_AU, EN_CA, EN_IN = "en-US", "en-GB", "en-AU", "en-CA", "en-IN"

SHARED: dict[str, tuple[str, ...]] = {
    # A word said before the request, often while getting into position.
    "lead": ("okay", "ok", "alright", "right", "so", "now", "and", "um okay"),
    # Asking someone to do something.
    "ask": ("can you", "could you", "would you", "will you", "please", "can you please"),
    # Saying what one wants to do.
    "want": ("i want to", "i'd like to", "i would like to", "let's", "can we", "could we"),
    # Said after the request.
    "tail": ("please", "now", "thanks", "for me", "thank you"),
    # The workout as a whole.
    "workout": (
        "routine",
        "workout",
        "exercises",
        "morning moves",
        "moves",
        "session",
        "strength routine",
        "training",
        "daily routine",
    ),
    "start": ("start", "begin", "do", "kick off", "get going with", "run through", "go through"),
    # The one move or set being done right now.
    "this": ("this one", "this move", "this exercise", "that one", "this", "it", "this set"),
    "give_me": ("give me", "just give me"),
    "moment_now": ("now", "right now", "at the moment", "just now"),
    "wait": (
        "hold on",
        "hang on",
        "wait",
        "one moment",
        "one second",
        "one sec",
        "just a second",
        "just a moment",
        "just a minute",
        "wait a second",
        "wait a minute",
        "wait a moment",
        "hold on a second",
        "hang on a second",
        "hang on a sec",
        "hold on a sec",
        "hold on a minute",
        "hang on a minute",
    ),
    "agree": (
        "yeah",
        "yep",
        "yup",
        "okay",
        "ok",
        "alright",
        "all right",
        "of course",
        "definitely",
        "absolutely",
        "certainly",
        "sure thing",
        "yes i am",
        "yes i do",
        "yes go ahead",
        "go ahead",
        "go for it",
        "let's do it",
        "sounds good",
        "why not",
        "okay then",
    ),
    "refuse": (
        "nope",
        "nah",
        "no way",
        "not now",
        "not today",
        "not right now",
        "not yet",
        "no thank you",
        "no not now",
        "no not today",
        "i don't think so",
        "i'd rather not",
        "no i'm fine",
        "not this time",
        "maybe later",
        "no i'm good",
        "no don't",
    ),
    "finish": ("done", "finished", "through", "all done"),
    "slow": ("slower", "more slowly", "a bit slower", "a little slower", "slower than that"),
    "fast": (
        "faster",
        "quicker",
        "more quickly",
        "a bit faster",
        "a little faster",
        "a bit quicker",
    ),
    "data": ("data", "progress", "history", "details", "stats"),
    "erase": ("delete", "erase", "wipe", "clear", "remove", "forget", "reset", "get rid of"),
}

# Each region's own words, added to the shared ones.
REGIONAL: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {
    (EN_US, EN_CA): {
        "lead": ("alrighty", "so um", "okay so"),
        "ask": ("can ya",),
        "want": ("i wanna", "i'm gonna", "let's go ahead and"),
        "wait": ("hold up", "gimme a sec", "gimme a second", "gimme a minute", "one sec"),
        "give_me": ("gimme",),
        "agree": ("you bet", "sure thing", "uh huh", "totally"),
        "refuse": ("no i'm good", "i'm good", "no i'm okay"),
    },
    (EN_CA,): {"lead": ("okay so eh",), "agree": ("for sure",)},
    (EN_GB, EN_AU, EN_IN): {
        "want": ("shall we", "shall i"),
        "tail": ("please mate", "cheers"),
        "wait": ("hang about", "hold on a tick", "half a mo", "one mo", "just a tick"),
        "agree": ("go on then", "yes please do", "lovely"),
        "refuse": ("no ta", "i'll give that a miss"),
    },
    (EN_GB, EN_AU): {
        "lead": ("right then", "go on", "okay then"),
        "start": ("crack on with", "get on with", "have a go at"),
        "agree": ("go on then", "brilliant", "cheers", "yes mate"),
    },
    (EN_AU,): {
        "lead": ("righto", "right oh", "okay mate"),
        "agree": ("righto", "no worries", "yeah nah yeah", "she'll be right"),
        "refuse": ("nah mate", "yeah nah"),
    },
    (EN_IN,): {
        "lead": ("okay so", "see", "now then", "ok so"),
        "ask": ("kindly", "please can you", "can you kindly"),
        "want": ("let us", "i will", "we will"),
        "tail": ("please do", "once", "please do it", "now itself"),
        "wait": ("one minute", "wait one minute", "just one minute", "give me one minute"),
        "agree": ("ya", "haan", "yes yes", "ok ok", "okay fine", "fine"),
        "refuse": ("no no", "not now please", "no need", "leave it"),
    },
}


@cache
def lexicon(locale: str) -> Lexicon:
    """The shared phrases and `locale`'s own, under each fragment name (read-only)."""
    words = {name: list(phrases) for name, phrases in SHARED.items()}
    for locales, extra in REGIONAL.items():
        if locale in locales:
            for name, phrases in extra.items():
                words.setdefault(name, []).extend(p for p in phrases if p not in words[name])
    return MappingProxyType({name: tuple(phrases) for name, phrases in words.items()})
