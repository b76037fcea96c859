"""Looking a sentence up: the phrasebook of a locale, and the one bound to the turn being said."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar, Token
from functools import lru_cache
from types import MappingProxyType

from skill.domain.ids import MomentId, MoveId, Style
from skill.domain.words import en
from skill.domain.words.phrases import MomentWords, MoveWords, Phrase, PhraseId

DEFAULT_LOCALE = "en-US"


class Phrasebook:
    """Every line of one language (or a locale's overrides of it): sentences, number words,
    and what is said about each move and moment."""

    # A plain class, not a NamedTuple: creating one at import costs more than all the ids.
    __slots__ = ("gentle", "lines", "moments", "moves", "numbers")

    def __init__(
        self,
        lines: Mapping[PhraseId, str],
        numbers: tuple[str, ...] = (),
        moves: Mapping[MoveId, MoveWords] | None = None,
        moments: Mapping[MomentId, MomentWords] | None = None,
        gentle: Mapping[MoveId, MoveWords] | None = None,
    ) -> None:
        self.lines = lines
        self.numbers = numbers  # numbers[n] is n as a word
        self.moves: Mapping[MoveId, MoveWords] = moves or {}
        self.moments: Mapping[MomentId, MomentWords] = moments or {}
        self.gentle: Mapping[MoveId, MoveWords] = gentle or {}  # the gentle variants' words

    def say(self, phrase: PhraseId, /, **fields: object) -> str:
        """The line `phrase` with its `{fields}` filled in."""
        return self.lines[phrase].format_map(fields)

    def count_word(self, n: int) -> str:
        """A count as a word ("five"), or as digits where the book has no word for it."""
        return self.numbers[n] if 0 <= n < len(self.numbers) else str(n)

    def spoken_list(self, items: Sequence[str], last: PhraseId = Phrase.LIST_LAST) -> str:
        """'a, b and c' (or with `last=Phrase.LIST_OR`, 'a, b or c')."""
        if len(items) <= 1:
            return "".join(items)
        first = self.lines[Phrase.LIST_SEPARATOR].join(items[:-1])
        return self.say(last, first=first, last=items[-1])


# Keyed by language ("en") or by locale ("en-GB"): a locale's book holds only the lines it says
# differently from its language's book.
_BOOKS: dict[str, Phrasebook] = {
    "en": Phrasebook(en.LINES, en.NUMBERS, en.MOVES, en.MOMENTS, en.GENTLE_MOVES),
    **{locale: Phrasebook(lines) for locale, lines in en.OVERRIDES.items()},
}


_BUILT_IN = frozenset(_BOOKS)


def register(tag: str, book: Phrasebook) -> None:
    """Add (or replace) the book of a language ("fr") or the overrides of a locale ("fr-CA")."""
    _BOOKS[tag] = book
    phrasebook.cache_clear()


def unregister(tag: str) -> None:
    """Remove a book added by `register` (the built-in books stay)."""
    if tag not in _BUILT_IN:
        _BOOKS.pop(tag, None)
        phrasebook.cache_clear()


@lru_cache(maxsize=32)
def phrasebook(locale: str) -> Phrasebook:
    """The book for `locale`: its language's lines under its own overrides; English for a
    language we have no book for. Read-only: one copy serves every turn."""
    language = locale.split("-", maxsplit=1)[0].lower()
    base = _BOOKS.get(language) or _BOOKS[DEFAULT_LOCALE.split("-", maxsplit=1)[0]]
    own = _BOOKS.get(locale, Phrasebook({}))
    return Phrasebook(
        MappingProxyType({**base.lines, **own.lines}),
        own.numbers or base.numbers,
        MappingProxyType({**base.moves, **own.moves}),
        MappingProxyType({**base.moments, **own.moments}),
        MappingProxyType({**base.gentle, **own.gentle}),
    )


# The locale of the turn being answered: bound by `speaking` (the engine's step binds its
# Context's locale; the voice layer binds the request's), so the sentence builders need no
# locale argument. A ContextVar is per thread, so the web server's threads never mix.
_LOCALE: ContextVar[str] = ContextVar("morning_moves_locale", default=DEFAULT_LOCALE)


def speaking(locale: str) -> _Binding:
    """`with speaking("en-GB"):` says every line in en-GB's words until the block ends."""
    return _Binding(locale)


class _Binding:
    __slots__ = ("_locale", "_token")

    def __init__(self, locale: str) -> None:
        self._locale = locale or DEFAULT_LOCALE
        self._token: Token[str] | None = None

    def __enter__(self) -> None:
        self._token = _LOCALE.set(self._locale)

    def __exit__(self, *_: object) -> None:
        if self._token is not None:
            _LOCALE.reset(self._token)


def active_locale() -> str:
    return _LOCALE.get()


def say(phrase: PhraseId, /, **fields: object) -> str:
    """The line `phrase` in the active locale, with its `{fields}` filled in."""
    return phrasebook(_LOCALE.get()).say(phrase, **fields)


def capitalised(text: str) -> str:
    """`text` with its first letter made a capital, to start a sentence (str.capitalize would
    also lower the rest)."""
    return text[:1].upper() + text[1:]


def count_word(n: int) -> str:
    """A count in the active locale's words ("five")."""
    return phrasebook(_LOCALE.get()).count_word(n)


def spoken_list(items: Sequence[str]) -> str:
    """'a, b and c' in the active locale."""
    return phrasebook(_LOCALE.get()).spoken_list(items)


def spoken_choice(items: Sequence[str]) -> str:
    """'a, b or c' in the active locale."""
    return phrasebook(_LOCALE.get()).spoken_list(items, Phrase.LIST_OR)


def move_words(move_id: MoveId, style: Style = Style.STANDARD) -> MoveWords:
    """What is said about a move (or its gentle variant), in the active locale."""
    book = phrasebook(_LOCALE.get())
    return (book.gentle if style is Style.GENTLE else book.moves)[move_id]


def moment_words(moment_id: MomentId) -> MomentWords:
    """What is said around an everyday moment, in the active locale."""
    return phrasebook(_LOCALE.get()).moments[moment_id]
