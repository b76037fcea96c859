"""The phrasebook: every sentence the skill says, looked up by id (`Phrase`) in the user's locale.

`say(Phrase.SEE_YOU)` gives the line in the locale bound for this turn (`speaking(locale)`;
`step` binds its Context's). One book per language (`en.py` serves every English locale);
a locale may override single lines. To add a sentence: a `Phrase` member, its line in every
book, and `say(...)` where it is said.

Why a Python module and not gettext/Babel catalogues: ids are typed (attributes of `Phrase`,
used like an Enum), so mypy catches a misspelt id where gettext's keys are the English
sentences themselves (a reworded sentence silently orphans its translations); tests check that
the book has every line and that overrides keep each line's `{fields}`; there is no compile
step (.po to .mo), no extra dependency in the Lambda artifact and no catalogue file to read in a
cold start. What gettext does better, plural rules, we need in few places, and those have one
id per form (ONE_MORE_SET, MORE_SETS).
"""

from skill.domain.words.book import (
    DEFAULT_LOCALE,
    Phrasebook,
    active_locale,
    capitalised,
    count_word,
    moment_words,
    move_words,
    phrasebook,
    register,
    say,
    speaking,
    spoken_choice,
    spoken_list,
    unregister,
)
from skill.domain.words.phrases import (
    LevelWords,
    MomentWords,
    MoveWords,
    Phrase,
    PhraseId,
    all_phrases,
)

__all__ = [
    "DEFAULT_LOCALE",
    "LevelWords",
    "MomentWords",
    "MoveWords",
    "Phrase",
    "PhraseId",
    "Phrasebook",
    "active_locale",
    "all_phrases",
    "capitalised",
    "count_word",
    "moment_words",
    "move_words",
    "phrasebook",
    "register",
    "say",
    "speaking",
    "spoken_choice",
    "spoken_list",
    "unregister",
]
