"""Feedback heard as a user would say it, through the simulator's utterance resolution."""

from __future__ import annotations

from datetime import UTC, datetime

from skill.config import Config
from skill.dev.simulator import Conversation, SkillTransport
from skill.domain.ids import MoveId
from skill.store.memory import MemoryStore
from skill.voice import build_skill
from tests.conftest import TEST_SKILL_ID

MORNING = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)


def test_which_move_then_the_answer_then_once_per_session(config: Config) -> None:
    store = MemoryStore()
    skill = build_skill(store, config, clock=lambda: MORNING, time_zone_lookup=lambda _: None)
    talk = Conversation(SkillTransport(skill), skill_id=TEST_SKILL_ID, clock=lambda: MORNING)
    talk.say("alexa, ask morning moves to start my morning moves")
    asked = talk.say("that was too easy", after=1.0)  # barged in: no move done yet
    assert asked.text.startswith("Which move felt too easy:")
    answer = talk.say("heel rises")
    assert answer.text.startswith("Got it: heel rises get a little harder next time.")
    assert "heel rises" not in answer.text.lower().split("harder", 1)[1], "not started"
    assert talk.say("heel rises were too easy").text.startswith(
        "I've changed heel rises once today already"
    )
    assert store.load(talk.user_id).profile.dose_adjustments == {MoveId.HEEL_RISES: 1}
