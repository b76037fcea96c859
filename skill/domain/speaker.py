"""Who is speaking, as far as a turn needs to know: a voice Alexa recognises (each recognised
person keeps their own progress: skill.store.base.subject_id) and, when they allowed it, their
first name to greet them by."""

from __future__ import annotations

from typing import Final, NamedTuple

from skill.domain.progress import UserProgress

# The Customer Profile permission for a recognised person's first name (also in skill.json).
GIVEN_NAME_PERMISSION: Final = "alexa::profile:given_name:read"
# Longer is not a first name we would say: a greeting is not the place to read out an essay.
MAX_NAME_CHARS: Final = 40


class Speaker(NamedTuple):
    """`recognised`: Alexa named the voice (context.System.person). `name`: their first name,
    when they allowed us to read it. `name_allowed`: False when the profile API refused for
    want of the permission, None when it was not asked this turn or did not answer."""

    recognised: bool = False
    name: str | None = None
    name_allowed: bool | None = None


def spoken_name(raw: object) -> str | None:
    """A first name fit to say: trimmed, one line, within MAX_NAME_CHARS; None otherwise."""
    if not isinstance(raw, str):
        return None
    name = " ".join(raw.split())
    return name if 0 < len(name) <= MAX_NAME_CHARS else None


def should_ask_for_name(speaker: Speaker, progress: UserProgress) -> bool:
    """At launch, ask a recognised person for their name as they open their first session: the
    moment they meet the skill. Never an unrecognised voice (there is no one to name), never
    anyone with progress (they have met the skill, and were asked then), never when the API
    did not answer (we do not know that the permission is missing)."""
    return speaker.recognised and speaker.name_allowed is False and progress.is_new
