"""What a request says, read one way: `ask_sdk_core.utils.request_util` where it has a getter,
and these few helpers for what it lacks (its getters are annotated AnyStr and raise on the
requests that carry no session)."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import request_util

from skill.store.base import PERSON_SEPARATOR, subject_id


def text(value: str | bytes | None) -> str | None:
    """request_util annotates its getters as AnyStr; the JSON they come from holds text."""
    return value.decode() if isinstance(value, bytes) else value


def user_id(handler_input: HandlerInput) -> str:
    """The Alexa user id: context.System.user (on every request), else the session's user."""
    envelope = handler_input.request_envelope
    found = text(request_util.get_user_id(handler_input)) if envelope.context else None
    if not found and envelope.session is not None and envelope.session.user is not None:
        found = envelope.session.user.user_id
    if not found:
        raise ValueError("request carries no user id")
    return str(found)


# A person id longer than this is not Alexa's (they are about 200 characters): the voice is
# then treated as unrecognised rather than filed under a key no one can name.
MAX_PERSON_ID_CHARS = 1024


def person_id(handler_input: HandlerInput) -> str | None:
    """The recognised speaker (`context.System.person.personId`); None for an unrecognised
    voice, or a device without voice profiles."""
    context = handler_input.request_envelope.context
    system = getattr(context, "system", None) if context is not None else None
    person = getattr(system, "person", None)
    return valid_person(getattr(person, "person_id", None))


def valid_person(found: object) -> str | None:
    """`found` when it can be a person id (non-empty text within bounds); None otherwise."""
    if not isinstance(found, str) or not found or len(found) > MAX_PERSON_ID_CHARS:
        return None
    return None if PERSON_SEPARATOR in found else found


def subject(handler_input: HandlerInput, person: str | None) -> str:
    """Whose kept data this request speaks for: `person` (the recognised speaker who opened the
    session) on the request's account, else the account itself. Every store call is keyed by
    it, so each voice keeps its own progress, profile and time zone, and an unrecognised voice
    keeps the account's (the data it always had). The account always comes from the request,
    so a session's attributes can never point at another account's data."""
    return subject_id(user_id(handler_input), person)


def request_id(handler_input: HandlerInput) -> str:
    """This request's id ("" when it has none)."""
    request = handler_input.request_envelope.request
    return str(getattr(request, "request_id", None) or "")


def locale(handler_input: HandlerInput) -> str | None:
    return text(request_util.get_locale(handler_input))


def opens_session(handler_input: HandlerInput) -> bool:
    """Whether this request opened its session ("Alexa, ask morning moves to …"): a one-shot.
    Requests without a session count as one."""
    try:
        return bool(request_util.is_new_session(handler_input))
    except TypeError:  # request_util's way of saying there is no session
        return True
