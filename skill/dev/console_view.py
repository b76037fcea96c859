"""What the console shows of a turn beyond the words: the intent and slots, the decoded session
attributes, a counted set as a timeline, the screen and the home card, and the progress panel.

Everything here reads the request and response envelopes (or the stored progress) the way a
developer would, so what the console shows is what Alexa would have sent and received.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from skill.domain.catalogue import ROUTINE, move
from skill.domain.progress import UserProgress
from skill.domain.progression import squat_ceiling, squat_target, streak, todays_dose, week_number
from skill.domain.script import describe_dose
from skill.domain.speech import speaking_seconds
from skill.voice import session_codec

_BREAK_OR_TEXT = re.compile(r'<break\s+time="(\d+(?:\.\d+)?)(ms|s)"\s*/>|([^<]+)|<[^>]*>')
# A rep's first beat starts with its number ("3, down", "3, right leg, lift"); a countdown's
# numbers ("3,") carry no beat after them.
_REP_START = re.compile(r"^(\d+),\s*\S")
# A spoken line this long after the reps is no beat: the run of reps is over ("Switch legs").
_BEAT_WORDS = 3


def intent_of(request: dict[str, Any] | None) -> dict[str, Any] | None:
    """The request's type, intent name and filled slots (value and resolved id)."""
    if not request:
        return None
    body = request.get("request") or {}
    intent = body.get("intent") or {}
    slots = {}
    for name, slot in (intent.get("slots") or {}).items():
        if "value" not in slot:
            continue
        resolved = None
        for authority in (slot.get("resolutions") or {}).get("resolutionsPerAuthority", []):
            for value in authority.get("values", []):
                resolved = value["value"]["id"]
        slots[name] = {"value": slot["value"], "id": resolved}
    return {"type": body.get("type"), "name": intent.get("name"), "slots": slots}


def session_attributes(response: dict[str, Any] | None) -> dict[str, Any] | None:
    """The session attributes after the turn, ours decoded (skill.voice.session_codec)."""
    if not response:
        return None
    raw = response.get("sessionAttributes") or {}
    value = session_codec.decode(raw.get(session_codec.KEY))
    if not value:
        return dict(raw)
    return {
        "format": value.get("v"),
        "state": session_codec.decode(value.get("s")),
        "progress": session_codec.decode(value.get("p")),
    }


def spoken_seconds(ssml: str) -> float:
    """How long a reply plays: its breaks, and its words at the engine's speaking rate."""
    return round(_items(ssml)[1], 1)


def timeline(ssml: str) -> dict[str, Any] | None:
    """A reply on a time axis: each spoken line and pause with its start and length (words at
    the engine's speaking rate), reps numbered and grouped into runs; None without reps."""
    items, at = _items(ssml)
    _number_reps(items)
    if not any("rep" in item for item in items):
        return None
    for item in items:
        item["start"], item["seconds"] = round(item["start"], 2), round(item["seconds"], 2)
    return {"seconds": round(at, 1), "items": items, "phases": _phases(items)}


def _items(ssml: str) -> tuple[list[dict[str, Any]], float]:
    """The reply's lines and pauses, each with its start and length, and the whole length."""
    items: list[dict[str, Any]] = []
    at = 0.0
    for match in _BREAK_OR_TEXT.finditer(ssml):
        amount, unit, words = match.groups()
        if amount is not None:
            seconds = float(amount) / (1000 if unit == "ms" else 1)
            if items and items[-1]["kind"] == "pause":
                items[-1]["seconds"] += seconds
            else:
                items.append({"kind": "pause", "start": at, "seconds": seconds})
            at += seconds
        elif words is not None and words.strip():
            text = " ".join(html.unescape(words).split())
            seconds = speaking_seconds(text)
            items.append({"kind": "say", "text": text, "start": at, "seconds": seconds})
            at += seconds
    return items, at


def _number_reps(items: list[dict[str, Any]]) -> None:
    """Mark each item inside a rep with the rep's number and its run (a run restarts at 1)."""
    rep, run = 0, 0
    for item in items:
        if item["kind"] == "say":
            started = _REP_START.match(item["text"])
            if started:
                number = int(started.group(1))
                run += number <= rep or rep == 0
                rep = number
            elif len(item["text"].split()) > _BEAT_WORDS:
                rep = 0
        if rep:
            item["rep"], item["run"] = rep, run


def _phases(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reply's parts in order: what comes before the reps, each run of reps, in between."""
    parts: list[dict[str, Any]] = []
    for item in items:
        label = f"reps {item['run']}" if "rep" in item else "talk"
        if parts and parts[-1]["label"] == label:
            parts[-1]["end"] = item["start"] + item["seconds"]
            continue
        end = item["start"] + item["seconds"]
        parts.append({"label": label, "start": item["start"], "end": end})
    for index, part in enumerate(parts):
        if part["label"] == "talk":  # name the talk by where it falls
            part["label"] = (
                "lead-in" if index == 0 else "wrap-up" if index == len(parts) - 1 else "between"
            )
        part["start"], part["end"] = round(part["start"], 2), round(part["end"], 2)
    return parts


def screen_and_card(response: dict[str, Any] | None) -> dict[str, Any]:
    """The APL screen's data sources (what the preview draws) and the home card, if any."""
    body = (response or {}).get("response") or {}
    screen = None
    for directive in body.get("directives") or []:
        if directive.get("type") == "Alexa.Presentation.APL.RenderDocument":
            screen = (directive.get("datasources") or {}).get("workout")
    card = body.get("card")
    return {"screen": screen, "card": card}


def progress_panel(progress: UserProgress, today: date) -> dict[str, Any]:
    """Streak, week, squat target, tempo, and each move in routine order with today's dose."""
    moves = []
    today_reps = next((d.reps for d in progress.days if d.local_date == today), {})
    style = progress.profile.style  # a gentle user's panel shows the gentle moves and doses
    for move_id in ROUTINE:
        shown = move(move_id, style)
        dose = todays_dose(move_id, progress, today, style)
        moves.append(
            {
                "move": shown.title,
                "dose": describe_dose(shown, dose),
                "adjustment": progress.profile.dose_adjustments.get(move_id, 0),
                "today": today_reps.get(move_id, 0),
            }
        )
    return {
        "today": today.isoformat(),
        "streak": streak(progress, today),
        "week": week_number(progress, today),
        "target": squat_target(progress, today),
        "ceiling": squat_ceiling(progress),
        "tempo": progress.profile.tempo,
        "age": progress.profile.age,
        "first_active": progress.first_active.isoformat() if progress.first_active else None,
        "moves": moves,
        "days": [
            {"date": d.local_date.isoformat(), "reps": sum(d.reps.values())}
            for d in reversed(progress.days[-7:])
        ],
    }
