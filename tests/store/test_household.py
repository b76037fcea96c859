"""One household on one account: two recognised voices and an unrecognised one each keep their
own progress through whole routines, on every store; disabling the skill forgets them all."""

from __future__ import annotations

from datetime import UTC, datetime

from skill.config import Config
from skill.domain.history import week_totals
from skill.domain.ids import MoveId
from skill.domain.progress import UserProgress
from skill.store.base import ProgressStore, subject_id
from skill.voice.builder import build_skill
from skill.voice.intents import Intent
from tests.events import load_event
from tests.store.alexa import Conversation, do_routine, speech_of

MORNING = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
ANNA = "amzn1.ask.person.ANNA"
BEN = "amzn1.ask.person.BEN"


def test_each_voice_keeps_its_own_progress_and_disabling_forgets_them_all(
    progress_store: ProgressStore, user_id: str
) -> None:
    skill = build_skill(
        progress_store,
        Config(timezone="UTC"),
        clock=lambda: MORNING,
        time_zone_lookup=lambda _: None,
    )
    # Anna does two whole routines, Ben one, the unrecognised voice none yet.
    do_routine(Conversation(skill, user_id, person=ANNA, session="a1"))
    do_routine(Conversation(skill, user_id, person=ANNA, session="a2"))
    do_routine(Conversation(skill, user_id, person=BEN, session="b1"))
    guest = Conversation(skill, user_id, session="g1")
    # The unrecognised voice hears no one's "you've trained today".
    assert speech_of(guest.launch()) == speech_of(
        Conversation(skill, user_id + "-new", session="n1").launch()
    )
    do_routine(guest)

    anna, ben = subject_id(user_id, ANNA), subject_id(user_id, BEN)
    squats = {s: week_totals(progress_store.load(s), MORNING.date())[MoveId.SQUATS] for s in
              (anna, ben, user_id)}  # fmt: skip
    assert squats[anna] == 2 * squats[ben] == 2 * squats[user_id] > 0

    # A voice that joins a session someone else opened does not move its count to them.
    mixed = Conversation(skill, user_id, person=BEN, session="b2")
    mixed.launch()
    mixed.person = ANNA
    do_routine(mixed)
    assert week_totals(progress_store.load(anna), MORNING.date())[MoveId.SQUATS] == squats[anna]

    disabled = load_event("skill_disabled")
    disabled["context"]["System"]["user"]["userId"] = user_id
    disabled["context"]["System"]["person"] = {"personId": BEN}  # whoever speaks: all go
    Conversation(skill, user_id)._invoke(disabled)
    for subject in (anna, ben, user_id):
        assert progress_store.load(subject) == UserProgress()


def test_forget_my_data_forgets_only_the_speaker_after_confirming(
    progress_store: ProgressStore, user_id: str
) -> None:
    skill = build_skill(
        progress_store,
        Config(timezone="UTC"),
        clock=lambda: MORNING,
        time_zone_lookup=lambda _: None,
    )
    for person, session in ((ANNA, "a"), (BEN, "b"), (None, "g")):
        talk = Conversation(skill, user_id, person=person, session=session)
        talk.launch()
        talk.say(Intent.SET_AGE, age="47")
    anna, ben = subject_id(user_id, ANNA), subject_id(user_id, BEN)

    talk = Conversation(skill, user_id, person=ANNA, session="forget")
    talk.launch()
    talk.say(Intent.FORGET_ME)
    assert progress_store.load(anna).profile.age == 47  # not before the yes
    talk.say(Intent.YES)
    assert progress_store.load(anna) == UserProgress()
    assert progress_store.load(ben).profile.age == 47
    assert progress_store.load(user_id).profile.age == 47
