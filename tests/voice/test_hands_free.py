"""The coaching conversation through the whole skill, as a user would have it: the things said in
a routine, the size of the longest replies, and sets that count because they had time to be
heard (the simulator stamps each request once the reply before it has played)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from skill.config import Config, StoreKind
from skill.dev.simulator import ECHO_SHOW, Conversation, Device, SkillTransport, Turn
from skill.domain.speech import MAX_RESPONSE_BYTES, MAX_SSML_CHARS
from skill.store.memory import MemoryStore
from skill.voice import build_skill
from tests.conftest import TEST_SKILL_ID

DAY_ONE = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
FIRST_DAY_MOST_SAID = 7  # the opening, between moves, how it felt, the reminder offer
LATER_DAY_MOST_SAID = 6  # no reminder offer


class Household:
    """One user's store and clock, shared by conversations on several days."""

    def __init__(self) -> None:
        self.store = MemoryStore()
        self.now = DAY_ONE
        config = Config(skill_id=TEST_SKILL_ID, store=StoreKind.MEMORY, verify=False)
        self.skill = build_skill(self.store, config, clock=lambda: self.now)

    def conversation(self, device: Device | None = None) -> Conversation:
        return Conversation(
            SkillTransport(self.skill),
            skill_id=TEST_SKILL_ID,
            clock=lambda: self.now,
            device=device,
        )


def _whole_routine(talk: Conversation, feeling: str = "about right") -> list[Turn]:
    """Start the routine and answer as a user would until the session ends."""
    turns = [talk.say("Alexa, ask morning moves to start my morning moves")]
    while turns[-1].phase in ("counted", "ready"):
        turns.append(talk.say("next"))
        assert len(turns) < 20
    assert turns[-1].phase == "feedback"
    turns.append(talk.say(feeling))
    if turns[-1].phase == "offer_reminder":
        turns.append(talk.say("no thanks"))
    assert turns[-1].ended
    return turns


def _response_bytes(turn: Turn) -> int:
    return len(json.dumps(turn.response).encode())


def test_a_first_day_and_a_later_day_take_few_things_said() -> None:
    home = Household()
    first = _whole_routine(home.conversation())
    assert len(first) <= FIRST_DAY_MOST_SAID
    report = home.conversation().say("ask morning moves how am I doing")
    assert "20 toe taps, 10 squats, 10 heel rises, 20 glute bridges and 10 reverse lunges" in (
        report.text
    )
    home.now += timedelta(days=1)
    later = _whole_routine(home.conversation())
    assert len(later) <= LATER_DAY_MOST_SAID


def test_every_reply_of_a_routine_fits_alexas_limits_on_a_screen() -> None:
    turns = _whole_routine(Household().conversation(Device(supported_interfaces=ECHO_SHOW)))
    assert max(len(t.ssml) for t in turns) < MAX_SSML_CHARS
    assert max(_response_bytes(t) for t in turns) < MAX_RESPONSE_BYTES


def test_eighty_squats_split_across_replies_that_fit() -> None:
    """Aged 79 and training for over a year: 80 squats, more than one reply may hold."""
    home = Household()
    _whole_routine(home.conversation())
    home.conversation().say("tell morning moves I'm seventy nine")
    home.now += timedelta(weeks=60)
    talk = home.conversation(Device(supported_interfaces=ECHO_SHOW))
    turns = [talk.say("ask morning moves to do some squats")]
    assert "4 sets of 20 squats" in turns[0].text
    while turns[-1].phase == "counted":
        turns.append(talk.say("next"))
    assert len(turns) > 1
    assert max(len(t.ssml) for t in turns) < MAX_SSML_CHARS
    assert max(_response_bytes(t) for t in turns) < MAX_RESPONSE_BYTES
    talk.say("about right")
    report = home.conversation().say("ask morning moves how am I doing")
    assert "80 squats" in report.text


def test_a_set_heard_in_full_then_stopped_counts_in_a_later_session() -> None:
    home = Household()
    talk = home.conversation()
    talk.say("Alexa, ask morning moves to start my morning moves")
    stopped = talk.say("stop")
    assert "won't count" not in stopped.text
    report = home.conversation().say("ask morning moves how am I doing")
    assert "This week so far: 20 toe taps." in report.text


def test_a_set_cut_short_is_asked_about_and_counts_only_when_done() -> None:
    home = Household()
    talk = home.conversation()
    talk.say("Alexa, ask morning moves to start my morning moves")
    asked = talk.say("next", after=10)
    assert "Did you finish those toe taps?" in asked.text
    again = talk.say("no")
    assert "take that set again" in again.text
    stopped = talk.say("stop", after=5)
    assert "won't count that set of toe taps" in stopped.text
    report = home.conversation().say("ask morning moves how am I doing")
    assert "toe taps" not in report.text


class Stamped(SkillTransport):
    """Stamps every request with one timestamp, however absurd."""

    def __init__(self, home: Household, stamp: str):
        super().__init__(home.skill)
        self.stamp = stamp

    def send(self, envelope: dict[str, Any]) -> dict[str, Any]:
        envelope["request"]["timestamp"] = self.stamp
        return super().send(envelope)


@pytest.mark.parametrize(
    "stamp", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-25T07:00:00", "1970-01-01"]
)
def test_a_forged_timestamp_breaks_nothing(stamp: str) -> None:
    home = Household()
    talk = Conversation(Stamped(home, stamp), skill_id=TEST_SKILL_ID, clock=lambda: home.now)
    started = talk.say("Alexa, ask morning moves to start my morning moves")
    assert "First up, toe taps" in started.text
    went_on = talk.say("next")
    assert "Sorry" not in went_on.text
    assert went_on.phase in ("check_set", "counted")
