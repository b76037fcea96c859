"""When to suggest the standard moves to someone on the gentle ones (README, Gentle moves).

Rules (documented choices):
- A day counts towards graduating when every move's reps reached the top rung of its gentle
  ladder (catalogue.GENTLE_MOVES), whichever version was done: the store keeps reps per pattern.
- The suggestion comes at the welcome once GRADUATION_DAYS of the loaded days count (the store
  loads the latest history.LOADED_DAYS active days), and not again for OFFER_PAUSE_DAYS after it
  was made, whatever the answer: "yes" switches the remembered style, "no" keeps gentle.
"""

from __future__ import annotations

from datetime import date, timedelta

from skill.domain.catalogue import GENTLE_MOVES
from skill.domain.ids import MoveId, Style
from skill.domain.progress import UserProgress

GRADUATION_DAYS = 5
OFFER_PAUSE_DAYS = 14

_TOP_REPS: dict[MoveId, int] = {m.id: m.ladder[-1].total_reps for m in GENTLE_MOVES.values()}


def top_days(progress: UserProgress) -> int:
    """Loaded days on which every move reached the top of its gentle ladder."""
    return sum(1 for d in progress.days if all(d.reps.get(m, 0) >= n for m, n in _TOP_REPS.items()))


def graduation_days(progress: UserProgress, today: date) -> int:
    """The number of top days to mention when the standard moves are due to be suggested
    today; 0 when they are not (not on gentle, too few days, or suggested lately)."""
    profile = progress.profile
    if profile.style is not Style.GENTLE:
        return 0
    offered = profile.style_offered
    if offered is not None and today - offered < timedelta(days=OFFER_PAUSE_DAYS):
        return 0
    days = top_days(progress)
    return days if days >= GRADUATION_DAYS else 0
