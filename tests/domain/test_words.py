"""The phrasebook: complete books, consistent fields, lookups by locale, and a fake locale's
words heard in every reply the engine gives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from skill.domain.cards import routine_card
from skill.domain.catalogue import ROUTINE, move
from skill.domain.events import Event, EventKind
from skill.domain.ids import Feedback, MomentId, MoveId
from skill.domain.progress import UserProgress
from skill.domain.reminders import ReminderWords, reminder_text, say_time
from skill.domain.screen import screen_for
from skill.domain.session import step
from skill.domain.speech import Card, Reply
from skill.domain.state import Phase, SessionState
from skill.domain.turn import Context
from skill.domain.words import (
    DEFAULT_LOCALE,
    Phrase,
    Phrasebook,
    active_locale,
    all_phrases,
    en,
    phrasebook,
    register,
    say,
    speaking,
    unregister,
)
from tests.domain.engine_driver import MORNING, routine_turns
from tests.fakes.phrasebook import MARK, english_in, fake_locale, fields

ENGLISH_LOCALES = ("en-US", "en-GB", "en-AU", "en-CA", "en-IN")


def test_the_english_book_has_every_line_move_and_moment() -> None:
    assert set(en.LINES) == set(all_phrases())
    assert set(en.MOVES) == set(MoveId)
    assert set(en.GENTLE_MOVES) == set(MoveId)
    assert set(en.MOMENTS) == set(MomentId)
    assert len(en.NUMBERS) > len(ROUTINE)


def test_ids_are_distinct_and_named_after_their_attribute() -> None:
    ids = all_phrases()
    assert len(set(ids)) == len(ids) == len({p.name for p in ids})
    assert all(getattr(Phrase, p.name) is p for p in ids)


def test_an_override_keeps_the_fields_of_the_line_it_replaces() -> None:
    for locale, lines in en.OVERRIDES.items():
        assert locale in ENGLISH_LOCALES
        for phrase, line in lines.items():
            assert sorted(fields(line)) == sorted(fields(en.LINES[phrase])), phrase


@pytest.mark.parametrize("locale", ENGLISH_LOCALES)
def test_one_english_book_serves_every_english_locale(locale: str) -> None:
    book = phrasebook(locale)
    assert all(
        book.lines[p] == en.OVERRIDES.get(locale, en.LINES).get(p, en.LINES[p])
        for p in all_phrases()
    )
    assert book.moves == en.MOVES
    assert book.gentle == en.GENTLE_MOVES


def test_a_locale_override_replaces_only_its_own_lines() -> None:
    register("en-GB", Phrasebook({Phrase.SEE_YOU: "Cheerio."}))
    try:
        with speaking("en-GB"):
            assert say(Phrase.SEE_YOU) == "Cheerio."
            assert say(Phrase.WELL_DONE) == en.LINES[Phrase.WELL_DONE]
        with speaking("en-US"):
            assert say(Phrase.SEE_YOU) == en.LINES[Phrase.SEE_YOU]
    finally:
        unregister("en-GB")


def test_a_language_without_a_book_is_said_in_english() -> None:
    with speaking("xx-YY"):
        assert say(Phrase.SEE_YOU) == en.LINES[Phrase.SEE_YOU]


def test_books_are_read_only() -> None:
    with pytest.raises(TypeError):
        phrasebook("en-US").lines[Phrase.SEE_YOU] = "changed"  # type: ignore[index]


def test_speaking_binds_a_locale_for_a_block_and_restores_the_one_before() -> None:
    assert active_locale() == DEFAULT_LOCALE
    with speaking("en-GB"):
        with speaking("en-IN"):
            assert active_locale() == "en-IN"
        assert active_locale() == "en-GB"
    assert active_locale() == DEFAULT_LOCALE


def test_counts_are_said_from_the_routine() -> None:
    launch = step(SessionState(), Event(EventKind.LAUNCH), Context(now=MORNING))
    assert f"I coach {en.NUMBERS[len(ROUTINE)]} quick" in launch.reply.speech.text
    assert reminder_text().split(". ")[1].startswith(en.NUMBERS[len(ROUTINE)].title())


# --- A fake locale: its words in every reply ----------------------------------------------


@pytest.fixture
def fake() -> Iterator[Context]:
    with fake_locale() as locale:
        yield Context(now=MORNING, turn_id="turn-1", locale=locale)


def _assert_fake(reply: Reply) -> None:
    for text in (reply.speech.text, reply.reprompt.text if reply.reprompt else ""):
        assert not english_in(text), text
    if reply.speech.segments:
        assert MARK in reply.speech.text
    if isinstance(reply.card, Card):
        assert not english_in(reply.card.title + reply.card.text), reply.card


def test_a_whole_routine_is_said_in_the_fake_locale(fake: Context) -> None:
    for _, _, outcome in routine_turns(fake):
        _assert_fake(outcome.reply)
        with speaking(fake.locale):  # as the voice layer shows it: in the request's locale
            screen = screen_for(outcome.state, outcome.reply)
            shown = " ".join((screen.title, screen.cue, screen.counter, screen.step))
        assert not english_in(shown)


MENU = SessionState(tempo=1.0)


def _states(ctx: Context) -> dict[str, SessionState]:
    started = step(MENU, Event(EventKind.START_ROUTINE), ctx).state
    counted = step(started, Event(EventKind.NEXT), ctx).state
    forget = step(started, Event(EventKind.FORGET_ME), ctx).state
    paused = step(started, Event(EventKind.PAUSE), ctx).state
    *_, (_, _, last) = routine_turns(ctx)
    return {
        "menu": MENU,
        "ready": started,
        "counted": counted,
        "paused": paused,
        "confirm_forget": forget,
        "feedback": last.state,
    }


EVENTS = [
    Event(kind)
    for kind in EventKind
    if kind not in (EventKind.SESSION_ENDED, EventKind.FEEDBACK, EventKind.SET_AGE)
] + [
    Event(EventKind.START_MOVE, move=MoveId.SQUATS),
    Event(EventKind.START_MOMENT, moment=MomentId.KETTLE),
    Event(EventKind.START_MOMENT, moment=MomentId.BRUSHING_TEETH),
    Event(EventKind.START_MOMENT, moment=MomentId.BATH),
    Event(EventKind.EXPLAIN, move=MoveId.GLUTE_BRIDGE),
    Event(EventKind.FEEDBACK, feedback=Feedback.EASY),
    Event(EventKind.FEEDBACK, feedback=Feedback.HARD, move=MoveId.SQUATS),
    Event(EventKind.SET_AGE, number=42),
    Event(EventKind.SET_AGE, big_birthday=50),
    Event(EventKind.SET_AGE, number=400),
]


def test_every_event_in_every_phase_is_answered_in_the_fake_locale(fake: Context) -> None:
    progress = UserProgress()
    for name, state in _states(fake).items():
        for event in EVENTS:
            for ctx in (fake, fake._replace(progress=progress)):
                outcome = step(state, event, ctx)
                assert outcome.state.phase in Phase, name
                _assert_fake(outcome.reply)


def test_reminder_words_cards_and_times_are_said_in_the_fake_locale(fake: Context) -> None:
    at = datetime(2026, 11, 25, 7, 30).time()
    with speaking(fake.locale):
        words = [
            ReminderWords.offer(at),
            ReminderWords.offer_reprompt(at),
            ReminderWords.offer_declined(),
            ReminderWords.set_done(at),
            ReminderWords.changed(at),
            ReminderWords.cancelled(0),
            ReminderWords.cancelled(1),
            ReminderWords.listing([]),
            ReminderWords.listing([at]),
            ReminderWords.listing([at, at.replace(hour=19)]),
            ReminderWords.which_time(),
            ReminderWords.permission_card_sent(),
            ReminderWords.permission_denied(),
            ReminderWords.failed(),
            ReminderWords.carry_on(),
        ]
        for speech in words:
            _assert_fake(Reply(speech))
        assert not english_in(reminder_text() + say_time(at) + say_time(at.replace(hour=0)))
        card = routine_card(ROUTINE, UserProgress(), date(2026, 11, 25), 3)
        assert not english_in(card.title + card.text)
        assert not english_in(" ".join(move(m).title for m in ROUTINE))
