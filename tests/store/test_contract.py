"""The ProgressStore contract: every store behaves the same (SQLite file, DynamoDB over a socket
to dynalite, and the in-memory store the simulator uses)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest

from skill.domain.ids import MoveId, Style
from skill.domain.progress import DayTotal, KnownZone, Profile, ProfileUpdate, UserProgress
from skill.store.base import ProgressStore, subject_id
from tests.store.conftest import completion

MONDAY = date(2026, 11, 23)
TUESDAY = date(2026, 11, 24)


def test_a_new_user_has_empty_progress(progress_store: ProgressStore, user_id: str) -> None:
    progress = progress_store.load(user_id)
    assert progress == UserProgress()
    assert progress.is_new


def test_a_completion_counts_reps_times_sets_on_its_local_date(
    progress_store: ProgressStore, user_id: str
) -> None:
    assert progress_store.record(user_id, completion("k1", MoveId.GLUTE_BRIDGE, reps=10, sets=2))
    progress = progress_store.load(user_id)
    assert progress.days == (DayTotal(date(2026, 11, 25), {MoveId.GLUTE_BRIDGE: 20}),)
    assert progress.first_active == date(2026, 11, 25)
    assert not progress.is_new


def test_a_retried_completion_counts_once(progress_store: ProgressStore, user_id: str) -> None:
    first = progress_store.record(user_id, completion("turn-7"))
    retried = progress_store.record(user_id, completion("turn-7"))
    assert (first, retried) == (True, False)
    assert progress_store.load(user_id).days[0].reps == {MoveId.SQUATS: 10}


@pytest.mark.parametrize(
    ("recorded", "counted", "reps_by_day"),
    [
        pytest.param(
            [("run-1:0:squats", TUESDAY), ("run-1:0:squats", TUESDAY)],
            [True, False],
            {TUESDAY: 10},
            id="a retried request counts once",
        ),
        pytest.param(
            [("run-1:0:squats", TUESDAY), ("run-2:0:squats", TUESDAY)],
            [True, True],
            {TUESDAY: 20},
            id="two routines on the same day both count",
        ),
        pytest.param(
            [("run-1:0:squats", MONDAY), ("run-2:0:squats", TUESDAY)],
            [True, True],
            {MONDAY: 10, TUESDAY: 10},
            id="routines on different days each count",
        ),
        pytest.param(
            [("run-1:0:squats", MONDAY), ("run-1:0:squats", TUESDAY)],
            [True, True],
            {MONDAY: 10, TUESDAY: 10},
            id="the same key on another day is another completion",
        ),
    ],
)
def test_every_store_dedupes_a_key_within_its_local_day(
    progress_store: ProgressStore,
    user_id: str,
    recorded: list[tuple[str, date]],
    counted: list[bool],
    reps_by_day: dict[date, int],
) -> None:
    """One rule on every store: a key counts once per local day. (SQLite and the memory store
    used to dedupe a key forever, DynamoDB within its day.)"""
    assert [progress_store.record(user_id, completion(k, on=d)) for k, d in recorded] == counted
    days = progress_store.load(user_id).days
    assert {day.local_date: day.reps[MoveId.SQUATS] for day in days} == reps_by_day


def test_completions_add_up_per_move_and_day(progress_store: ProgressStore, user_id: str) -> None:
    recorded = [
        completion("a", MoveId.SQUATS, reps=10, on=TUESDAY),
        completion("b", MoveId.SQUATS, reps=12, on=MONDAY),
        completion("c", MoveId.TOE_TAPS, reps=20, on=MONDAY),
        completion("d", MoveId.SQUATS, reps=11, on=TUESDAY),
    ]
    for c in recorded:
        assert progress_store.record(user_id, c)
    progress = progress_store.load(user_id)
    assert progress.days == (
        DayTotal(MONDAY, {MoveId.SQUATS: 12, MoveId.TOE_TAPS: 20}),
        DayTotal(TUESDAY, {MoveId.SQUATS: 21}),
    )
    assert progress.first_active == MONDAY


def test_the_same_key_on_another_user_is_another_completion(
    progress_store: ProgressStore, user_id: str
) -> None:
    other = user_id + "-other"
    assert progress_store.record(user_id, completion("same"))
    assert progress_store.record(other, completion("same"))
    assert progress_store.load(other).days == progress_store.load(user_id).days


def test_profile_updates_change_only_the_fields_that_are_set(
    progress_store: ProgressStore, user_id: str
) -> None:
    progress_store.update_profile(user_id, ProfileUpdate(age=47))
    progress_store.update_profile(user_id, ProfileUpdate(tempo=1.25))
    progress_store.update_profile(
        user_id, ProfileUpdate(dose_adjustments={MoveId.SQUATS: 2, MoveId.HEEL_RISES: -1})
    )
    progress_store.update_profile(user_id, ProfileUpdate(dose_adjustments={MoveId.SQUATS: 3}))
    progress_store.update_profile(user_id, ProfileUpdate())
    assert progress_store.load(user_id).profile == Profile(
        age=47, tempo=1.25, dose_adjustments={MoveId.SQUATS: 3, MoveId.HEEL_RISES: -1}
    )


def test_the_chosen_style_and_the_last_suggestion_are_remembered(
    progress_store: ProgressStore, user_id: str
) -> None:
    assert progress_store.load(user_id).profile.style is Style.STANDARD
    progress_store.update_profile(user_id, ProfileUpdate(age=60, style=Style.GENTLE))
    progress_store.update_profile(user_id, ProfileUpdate(style_offered=TUESDAY))
    progress_store.update_profile(user_id, ProfileUpdate(tempo=1.5))  # keeps the style
    assert progress_store.load(user_id).profile == Profile(
        age=60, tempo=1.5, style=Style.GENTLE, style_offered=TUESDAY
    )
    progress_store.update_profile(user_id, ProfileUpdate(style=Style.STANDARD))
    profile = progress_store.load(user_id).profile
    assert (profile.style, profile.style_offered) == (Style.STANDARD, TUESDAY)
    assert progress_store.load(user_id + "-other").profile == Profile()


def test_a_profile_alone_does_not_make_a_user_active(
    progress_store: ProgressStore, user_id: str
) -> None:
    progress_store.update_profile(user_id, ProfileUpdate(age=30))
    progress = progress_store.load(user_id)
    assert progress.first_active is None
    assert progress.days == ()


def test_delete_user_forgets_everything_and_only_that_user(
    progress_store: ProgressStore, user_id: str
) -> None:
    other = user_id + "-other"
    for who in (user_id, other):
        progress_store.update_profile(
            who, ProfileUpdate(age=40, dose_adjustments={MoveId.SQUATS: 1})
        )
        for n in range(5):  # several days, so the DynamoDB delete pages and batches
            progress_store.record(who, completion(f"k{n}", on=date(2026, 11, 1 + n)))

    progress_store.delete_user(user_id)
    progress_store.delete_user(user_id + "-never-seen")

    assert progress_store.load(user_id) == UserProgress()
    assert len(progress_store.load(other).days) == 5
    assert progress_store.record(user_id, completion("k0", on=date(2026, 11, 1))), (
        "a forgotten user's keys are forgotten too"
    )


def test_two_devices_of_one_user_finishing_together_both_count(
    progress_store: ProgressStore, user_id: str
) -> None:
    """Two writers (threads), same user, same day: each records every completion, half of them
    twice (as a retried request would), so nothing may be lost or counted twice."""
    per_writer = 12
    results: dict[str, list[bool]] = {"kitchen": [], "bedroom": []}
    barrier = threading.Barrier(2)

    def writer(device: str) -> None:
        barrier.wait()
        for n in range(per_writer):
            c = completion(f"{device}-{n}", MoveId.HEEL_RISES, reps=1)
            results[device].append(progress_store.record(user_id, c))
            if n % 2 == 0:
                results[device].append(progress_store.record(user_id, c))

    threads = [threading.Thread(target=writer, args=(d,)) for d in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    for outcomes in results.values():
        assert outcomes.count(True) == per_writer
        assert outcomes.count(False) == per_writer // 2
    assert progress_store.load(user_id).days[0].reps == {MoveId.HEEL_RISES: 2 * per_writer}


# --- the remembered time zone ----------------------------------------------------------------

# Stores keep confirmation times to the second.
SUNDAY_NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
PARIS = KnownZone("Europe/Paris", SUNDAY_NOON)
PARIS_LATER = KnownZone("Europe/Paris", SUNDAY_NOON + timedelta(days=8, seconds=1))
NEW_YORK = KnownZone("America/New_York", SUNDAY_NOON + timedelta(days=1))


@pytest.mark.parametrize(
    ("recorded", "remembered"),
    [
        pytest.param([], None, id="no completions"),
        pytest.param([("a", MONDAY, None)], None, id="completions without a zone"),
        pytest.param([("a", MONDAY, PARIS)], PARIS, id="one zone"),
        pytest.param(
            [("a", MONDAY, PARIS), ("b", MONDAY, None)], PARIS, id="a zone-less write keeps it"
        ),
        pytest.param(
            [("a", MONDAY, PARIS), ("b", MONDAY, NEW_YORK)], NEW_YORK, id="newer confirmation"
        ),
        pytest.param(
            [("a", TUESDAY, NEW_YORK), ("b", MONDAY, PARIS_LATER)],
            PARIS_LATER,
            id="latest confirmation, not latest day",
        ),
        pytest.param(
            [("a", MONDAY, NEW_YORK), ("b", TUESDAY, PARIS)],
            NEW_YORK,
            id="an older confirmation re-used later does not win",
        ),
    ],
)
def test_the_zone_with_the_latest_confirmation_is_remembered(
    progress_store: ProgressStore,
    user_id: str,
    recorded: list[tuple[str, date, KnownZone | None]],
    remembered: KnownZone | None,
) -> None:
    for key, day, zone in recorded:
        assert progress_store.record(user_id, completion(key, on=day, zone=zone))
    assert progress_store.load(user_id).time_zone == remembered


def test_a_refused_retry_does_not_change_the_zone(
    progress_store: ProgressStore, user_id: str
) -> None:
    assert progress_store.record(user_id, completion("k", zone=PARIS))
    assert not progress_store.record(user_id, completion("k", zone=NEW_YORK))
    assert progress_store.load(user_id).time_zone == PARIS


def test_delete_user_forgets_the_zone(progress_store: ProgressStore, user_id: str) -> None:
    progress_store.record(user_id, completion("k", zone=PARIS))
    progress_store.delete_user(user_id)
    assert progress_store.load(user_id).time_zone is None


# One household on one account: two recognised voices and an unrecognised one.
ANNA = "amzn1.ask.person.ANNA"
BEN = "amzn1.ask.person.BEN"


def test_persons_and_the_account_keep_their_own_progress(
    progress_store: ProgressStore, user_id: str
) -> None:
    anna, ben = subject_id(user_id, ANNA), subject_id(user_id, BEN)
    assert subject_id(user_id, None) == user_id  # an unrecognised voice is the account
    progress_store.record(user_id, completion("k", MoveId.TOE_TAPS, reps=20))
    progress_store.record(anna, completion("k", MoveId.SQUATS, reps=30))  # same key: own count
    progress_store.update_profile(anna, ProfileUpdate(age=61, tempo=0.75))
    progress_store.update_profile(ben, ProfileUpdate(dose_adjustments={MoveId.SQUATS: -1}))
    progress_store.record(
        ben, completion("b", MoveId.HEEL_RISES, zone=KnownZone("Europe/Paris", datetime.now(UTC)))
    )

    account, a, b = (progress_store.load(s) for s in (user_id, anna, ben))
    assert [d.reps for d in account.days] == [{MoveId.TOE_TAPS: 20}]
    assert account.profile == Profile()
    assert account.time_zone is None
    assert [d.reps for d in a.days] == [{MoveId.SQUATS: 30}]
    assert a.profile == Profile(age=61, tempo=0.75)
    assert [d.reps for d in b.days] == [{MoveId.HEEL_RISES: 10}]
    assert b.profile == Profile(dose_adjustments={MoveId.SQUATS: -1})
    assert b.time_zone is not None
    assert b.time_zone.name == "Europe/Paris"


def test_forgetting_a_subject_forgets_only_them(
    progress_store: ProgressStore, user_id: str
) -> None:
    anna, ben = subject_id(user_id, ANNA), subject_id(user_id, BEN)
    for subject in (user_id, anna, ben):
        progress_store.record(subject, completion("k"))
        progress_store.update_profile(subject, ProfileUpdate(age=40))
    progress_store.delete_user(anna)
    assert progress_store.load(anna) == UserProgress()
    assert not progress_store.load(ben).is_new
    progress_store.delete_user(user_id)  # the unrecognised voice forgets the account's own
    assert progress_store.load(user_id) == UserProgress()
    assert progress_store.load(ben).profile.age == 40


def test_deleting_an_account_forgets_every_person_on_it_and_no_other_account(
    progress_store: ProgressStore, user_id: str
) -> None:
    other = user_id + "-other"
    subjects = [user_id, subject_id(user_id, ANNA), subject_id(user_id, BEN)]
    kept = [other, subject_id(other, ANNA)]
    for subject in subjects + kept:
        progress_store.record(subject, completion("k"))
        progress_store.update_profile(subject, ProfileUpdate(age=40))
    progress_store.update_profile(subject_id(user_id, "amzn1.ask.person.C"), ProfileUpdate(age=9))
    progress_store.delete_account(user_id)
    for subject in [*subjects, subject_id(user_id, "amzn1.ask.person.C")]:
        assert progress_store.load(subject) == UserProgress()
    for subject in kept:
        assert progress_store.load(subject).profile.age == 40
    progress_store.delete_account(user_id)  # nothing left: still fine
