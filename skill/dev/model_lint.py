"""A linter for the interaction model as Alexa receives it (interaction_model/, or models built
in memory), run by `make test`:

    python -m skill.dev.model_lint     # prints every finding; exit 1 if any is an error

It checks what a model build would reject or what silently hurts recognition: the invocation
name's rules, the characters and length of samples, duplicate samples within and across intents
(slots compared by type), undefined and unused slots, the built-in intents a skill must have,
samples equal to a phrase a built-in intent owns, a minimum of samples per intent, unique slot
values and synonyms, sizes within Alexa's limits, and locales that agree with each other.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple

from skill.voice.model_source import BUILTIN_PHRASES, MIN_MAIN_SAMPLES

Model = Mapping[str, Any]  # {"interactionModel": {"languageModel": ...}}

# Words an invocation name may not contain: wake words, launch phrases and connecting words.
FORBIDDEN_INVOCATION_WORDS = frozenset({
    "alexa", "amazon", "echo", "computer", "ziggy", "skill", "app", "ask", "tell", "open",
    "launch", "play", "start", "run", "begin", "load", "use", "resume", "enable", "for", "to",
    "from", "about", "by", "if", "whether", "and", "that",
})  # fmt: skip
ARTICLES = frozenset({"a", "an", "the", "for", "to", "of"})
REQUIRED_BUILTINS = (
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
)
# Built-ins people say mid-workout in many ways: each must be extended with samples of ours.
EXTENDED_BUILTINS = (
    "AMAZON.PauseIntent", "AMAZON.ResumeIntent", "AMAZON.RepeatIntent", "AMAZON.NextIntent",
    "AMAZON.StartOverIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent",
    "AMAZON.YesIntent", "AMAZON.NoIntent",
)  # fmt: skip
MIN_EXTENDED_SAMPLES = 5
# Alexa's limits (a sample's length, intents per skill, slot values and synonyms across all
# custom types), and our own budget per intent and per locale's file, well inside what a model
# build accepts, so that the model stays quick to build and to read.
MAX_SAMPLE_CHARS = 200
MAX_INTENTS = 250
MAX_SLOT_VALUES = 50_000
MAX_SAMPLES_PER_INTENT = 1_000
MAX_MODEL_BYTES = 1_000_000

_SAMPLE_TOKEN = re.compile(r"\{[A-Za-z_]+\}|[a-z][a-z'.]*")
_BUILTIN_SLOT_TYPES = frozenset({"AMAZON.NUMBER", "AMAZON.TIME"})
_WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy"})


class Finding(NamedTuple):
    level: Literal["error", "warning"]
    locale: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.locale}: {self.where}: {self.message}"


def lint(models: Mapping[str, Model]) -> list[Finding]:
    """Every finding for the models of all locales (locale -> model JSON)."""
    findings: list[Finding] = []
    for locale, model in models.items():
        findings.extend(_lint_locale(locale, model))
    findings.extend(_lint_across(models))
    return findings


def _language(model: Model) -> Mapping[str, Any]:
    language: Mapping[str, Any] = model["interactionModel"]["languageModel"]
    return language


def _lint_locale(locale: str, model: Model) -> Iterator[Finding]:
    language = _language(model)
    yield from _invocation(locale, str(language.get("invocationName", "")))
    intents: list[Mapping[str, Any]] = language.get("intents", [])
    types = {t["name"]: t for t in language.get("types", [])}
    names = [i["name"] for i in intents]
    for name in sorted({n for n in names if names.count(n) > 1}):
        yield Finding("error", locale, name, "intent defined twice")
    for name in REQUIRED_BUILTINS:
        if name not in names:
            yield Finding("error", locale, name, "required built-in intent missing")
    if len(intents) > MAX_INTENTS:
        yield Finding("error", locale, "intents", f"{len(intents)} intents > {MAX_INTENTS}")
    size = len(json.dumps(model, ensure_ascii=False).encode())
    if size > MAX_MODEL_BYTES:
        yield Finding("error", locale, "model", f"{size} bytes > {MAX_MODEL_BYTES}")
    for intent in intents:
        yield from _intent(locale, intent, types)
    yield from _across_intents(locale, intents, types)
    yield from _slot_types(locale, types)


def _invocation(locale: str, name: str) -> Iterator[Finding]:
    words = name.split()
    problems = [
        (name != name.lower(), "must be lower case"),
        (not re.fullmatch(r"[a-z]+( [a-z]+)*", name), "only letters and single spaces"),
        (len(words) < 2, "needs at least two words"),
        (bool(set(words) & FORBIDDEN_INVOCATION_WORDS), "contains a word Alexa forbids"),
        (len(words) == 2 and bool(set(words) & ARTICLES), "a two-word name has no articles"),
    ]
    for failed, message in problems:
        if failed:
            yield Finding("error", locale, f"invocation name {name!r}", message)


def _intent(locale: str, intent: Mapping[str, Any], types: Mapping[str, Any]) -> Iterator[Finding]:
    name = intent["name"]
    samples: list[str] = intent.get("samples", [])
    declared = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
    for slot, type_name in declared.items():
        if type_name not in types and type_name not in _BUILTIN_SLOT_TYPES:
            yield Finding("error", locale, name, f"slot {slot} has undefined type {type_name}")
    used: set[str] = set()
    seen: set[str] = set()
    for sample in samples:
        where = f"{name} {sample!r}"
        if sample.lower() in seen:
            yield Finding("error", locale, where, "duplicate sample")
        seen.add(sample.lower())
        if len(sample) > MAX_SAMPLE_CHARS:
            yield Finding("error", locale, where, f"longer than {MAX_SAMPLE_CHARS} characters")
        if not all(_SAMPLE_TOKEN.fullmatch(t) for t in sample.split(" ")):
            yield Finding("error", locale, where, "only lower-case words, apostrophes, {slots}")
        if set(sample.split()) & _WAKE_WORDS:
            yield Finding("error", locale, where, "a wake word in a sample")
        slots = re.findall(r"\{(\w+)\}", sample)
        if len(slots) != len(set(slots)):
            yield Finding("error", locale, where, "a slot used twice in one sample")
        for slot in set(slots) - set(declared):
            yield Finding("error", locale, where, f"undefined slot {slot}")
        used.update(slots)
    for slot in sorted(set(declared) - used):
        yield Finding("error", locale, name, f"slot {slot} is declared but never used")
    yield from _counts(locale, name, len(samples))


def _counts(locale: str, name: str, count: int) -> Iterator[Finding]:
    if name == "AMAZON.FallbackIntent":
        if count:
            yield Finding("error", locale, name, "takes no samples")
        return
    if not name.startswith("AMAZON.") and count < MIN_MAIN_SAMPLES:
        yield Finding("error", locale, name, f"{count} samples < {MIN_MAIN_SAMPLES}")
    if name in EXTENDED_BUILTINS and count < MIN_EXTENDED_SAMPLES:
        yield Finding("error", locale, name, f"{count} samples < {MIN_EXTENDED_SAMPLES}")
    if count > MAX_SAMPLES_PER_INTENT:
        yield Finding("error", locale, name, f"{count} samples > {MAX_SAMPLES_PER_INTENT}")


def _shape(sample: str, slot_types: Mapping[str, str]) -> str:
    """The sample with each slot replaced by its type: "i'm {age}" and "i'm {moment}" differ."""
    return re.sub(r"\{(\w+)\}", lambda m: "{" + slot_types.get(m.group(1), "?") + "}", sample)


def _across_intents(
    locale: str, intents: list[Mapping[str, Any]], types: Mapping[str, Any]
) -> Iterator[Finding]:
    owners: dict[str, set[str]] = defaultdict(set)
    builtin_owner = {p: str(i) for i, phrases in BUILTIN_PHRASES.items() for p in phrases}
    for intent in intents:
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            owners[_shape(sample.lower(), slot_types)].add(intent["name"])
            owner = builtin_owner.get(sample.lower())
            if owner is not None:
                message = f"is a phrase {owner} owns already (a built-in's standard phrase)"
                yield Finding("error", locale, f"{intent['name']} {sample!r}", message)
    for shape, names in sorted(owners.items()):
        if len(names) > 1:
            yield Finding("error", locale, repr(shape), f"in {len(names)} intents: {sorted(names)}")
    yield from _bare_slot_clashes(locale, intents, types)


def _bare_slot_clashes(
    locale: str, intents: list[Mapping[str, Any]], types: Mapping[str, Any]
) -> Iterator[Finding]:
    """A sample that is a slot alone ("{feedback}") takes every value of its type: none may be
    another intent's sample ("right" a value of FeedbackType and a sample of YesIntent)."""
    literal = {s.lower(): i["name"] for i in intents for s in i.get("samples", []) if "{" not in s}
    for intent in intents:
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            bare = re.fullmatch(r"\{(\w+)\}", sample)
            slot_type = types.get(slot_types.get(bare.group(1), "")) if bare else None
            for value in (slot_type or {}).get("values", []):
                for phrase in (value["name"]["value"], *value["name"].get("synonyms", [])):
                    owner = literal.get(phrase.lower())
                    if owner is not None and owner != intent["name"]:
                        message = f"a value of {{{bare and bare.group(1)}}}, a sample of {owner}"
                        yield Finding("error", locale, f"{intent['name']} {phrase!r}", message)


def _slot_types(locale: str, types: Mapping[str, Any]) -> Iterator[Finding]:
    total = 0
    for type_name, slot_type in types.items():
        owners: dict[str, set[str]] = defaultdict(set)
        ids: list[str] = []
        for value in slot_type.get("values", []):
            ids.append(str(value.get("id") or value["name"]["value"]))
            phrases = [value["name"]["value"], *value["name"].get("synonyms", [])]
            total += len(phrases)
            for phrase in phrases:
                owners[phrase.lower()].add(ids[-1])
            for phrase in {p for p in phrases if phrases.count(p) > 1}:
                yield Finding("error", locale, type_name, f"{phrase!r} listed twice")
        for phrase, value_ids in sorted(owners.items()):
            if len(value_ids) > 1:
                yield Finding("error", locale, type_name, f"{phrase!r} names {sorted(value_ids)}")
        if len(ids) != len(set(ids)):
            yield Finding("error", locale, type_name, "value ids are not unique")
    if total > MAX_SLOT_VALUES:
        yield Finding("error", locale, "types", f"{total} slot values > {MAX_SLOT_VALUES}")


def _skeleton(model: Model) -> dict[str, Any]:
    """What must be the same in every locale: invocation, intents and slots, value ids."""
    language = _language(model)
    return {
        "invocation": language.get("invocationName"),
        "intents": sorted(
            (i["name"], sorted((s["name"], s["type"]) for s in i.get("slots", [])))
            for i in language.get("intents", [])
        ),
        "types": sorted(
            (t["name"], sorted(v.get("id", "") for v in t.get("values", [])))
            for t in language.get("types", [])
        ),
    }


def _lint_across(models: Mapping[str, Model]) -> Iterator[Finding]:
    if not models:
        return
    first, *others = models
    expected = _skeleton(models[first])
    for locale in others:
        got = _skeleton(models[locale])
        for part, value in expected.items():
            if got[part] != value:
                yield Finding("error", locale, part, f"differs from {first}")


def main() -> int:
    from skill.dev.model_build import model_path
    from skill.voice.model_source import LOCALES

    models = {loc: json.loads(model_path(loc).read_text(encoding="utf-8")) for loc in LOCALES}
    findings = lint(models)
    for finding in findings:
        print(finding, file=sys.stderr)
    errors = sum(f.level == "error" for f in findings)
    print(f"model lint: {len(LOCALES)} locales, {errors} errors, {len(findings) - errors} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
