"""Keep Alexa user ids out of logs: refer to a user by a short one-way hash instead."""

from __future__ import annotations

import traceback

from skill.digest import sha256_hex


def user_ref(user_id: str | None) -> str:
    """A stable, non-reversible reference to a user for log lines ("u:3f2a...")."""
    if not user_id:
        return "u:anonymous"
    return "u:" + sha256_hex(user_id)[:16]


def scrub(exception: BaseException, user_id: str | None) -> str:
    """The exception's traceback with every occurrence of the user id replaced by its ref."""
    text = "".join(traceback.format_exception(exception)).rstrip()
    return text.replace(user_id, user_ref(user_id)) if user_id else text
