"""The interaction model in interaction_model/: generated from one source, valid for Alexa,
and in step with the handlers.

If the committed files drift from skill/voice/model_source.py, regenerate them with
`make model` (or `.venv/bin/python -m skill.dev.model_build`) and commit the result.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_smapi_model.v1.skill.manifest.interface_type import InterfaceType

from skill.dev.model_build import (
    ENDPOINT_PLACEHOLDER,
    build_manifest,
    manifest_path,
    model_path,
    stale_files,
)
from skill.dev.nlu import nlu_for
from skill.domain.reminders import REMINDERS_PERMISSION
from skill.domain.speaker import GIVEN_NAME_PERMISSION
from skill.voice.intents import INTENT_EVENTS, REMINDER_INTENTS, Intent
from skill.voice.model_source import (
    INTENTS,
    INVOCATION_NAME,
    LOCALES,
    NUMBER_TYPE,
    SLOT_TYPES,
    TIME_TYPE,
    phrase_table,
)

SMAPI = "ask_smapi_model.v1.skill"
MODEL_CLASS = f"{SMAPI}.interaction_model.interaction_model_data.InteractionModelData"
MANIFEST_CLASS = f"{SMAPI}.manifest.skill_manifest_envelope.SkillManifestEnvelope"
BUILTIN_SLOT_TYPES = {NUMBER_TYPE, TIME_TYPE}


def _language_model(locale: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(model_path(locale).read_text(encoding="utf-8"))
    model: dict[str, Any] = data["interactionModel"]["languageModel"]
    return model


def test_committed_files_match_the_source() -> None:
    stale = stale_files()
    assert not stale, (
        f"interaction_model/ is out of date ({', '.join(p.name for p in stale)}): "
        "run `make model` and commit the result"
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_model_round_trips_through_ask_smapi_model(locale: str) -> None:
    serializer = DefaultSerializer()
    text = model_path(locale).read_text(encoding="utf-8")
    parsed = serializer.deserialize(text, MODEL_CLASS)
    assert serializer.serialize(parsed) == json.loads(text)


def test_manifest_round_trips_through_ask_smapi_model() -> None:
    manifest = json.loads(manifest_path().read_text(encoding="utf-8"))
    # ask-smapi-model 1.36 has no class for the CAN_FULFILL_INTENT_REQUEST interface (its
    # discriminator map lacks it), so the interfaces are checked against the enum instead.
    interfaces = manifest["manifest"]["apis"]["custom"].pop("interfaces")
    assert {i["type"] for i in interfaces} <= {t.value for t in InterfaceType}
    serializer = DefaultSerializer()
    parsed = serializer.deserialize(json.dumps(manifest), MANIFEST_CLASS)
    assert serializer.serialize(parsed) == manifest


def test_manifest_declares_what_the_skill_needs() -> None:
    manifest = build_manifest()["manifest"]
    publishing = manifest["publishingInformation"]
    assert set(publishing["locales"]) == set(LOCALES)
    assert set(manifest["privacyAndCompliance"]["locales"]) == set(LOCALES)
    assert manifest["permissions"] == [
        {"name": REMINDERS_PERMISSION},
        {"name": GIVEN_NAME_PERMISSION},  # greeting a recognised voice by first name
    ]
    assert {"eventName": "SKILL_DISABLED"} in manifest["events"]["subscriptions"]
    assert {"type": "CAN_FULFILL_INTENT_REQUEST"} in manifest["apis"]["custom"]["interfaces"]
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == ENDPOINT_PLACEHOLDER
    assert manifest["events"]["endpoint"]["uri"] == ENDPOINT_PLACEHOLDER
    for urls in manifest["privacyAndCompliance"]["locales"].values():
        assert all("PLACEHOLDER" in url for url in urls.values())
    for info in publishing["locales"].values():
        assert "not medical advice" in info["description"]
        assert "not medical advice" in info["summary"].lower()


@pytest.mark.parametrize("locale", LOCALES)
def test_example_phrases_reach_the_skill(locale: str) -> None:
    """Each store example starts with the wake word, names the skill and resolves."""
    nlu = nlu_for(locale)
    phrases = build_manifest()["manifest"]["publishingInformation"]["locales"][locale][
        "examplePhrases"
    ]
    assert 1 <= len(phrases) <= 3
    for phrase in phrases:
        assert phrase.startswith("Alexa, ")
        assert INVOCATION_NAME in phrase.lower()
        assert nlu.resolve(phrase).intent is not Intent.FALLBACK


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_has_a_handler_and_every_handler_an_intent(locale: str) -> None:
    names = [intent["name"] for intent in _language_model(locale)["intents"]]
    assert len(names) == len(set(names)), "an intent is defined twice"
    in_model = set(names)
    assert in_model == set(INTENT_EVENTS) | set(REMINDER_INTENTS)
    assert not set(INTENT_EVENTS) & set(REMINDER_INTENTS)
    assert in_model == {i.value for i in Intent}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_referenced_slot_type_exists(locale: str) -> None:
    model = _language_model(locale)
    defined = {t["name"] for t in model["types"]}
    for intent in model["intents"]:
        for slot in intent.get("slots", []):
            assert slot["type"] in defined | BUILTIN_SLOT_TYPES, (intent["name"], slot)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_sample_resolves_to_its_own_intent(locale: str) -> None:
    """Fill each sample's slots with a value or synonym; the NLU must route it home. The
    fillers go round across the intent's samples, so every one is said at least once."""
    nlu = nlu_for(locale)
    fillers: dict[str, list[str]] = {
        NUMBER_TYPE: ["forty two", "50", "sixty-five", "five oh"],
        TIME_TYPE: ["seven", "seven thirty a m", "half past six in the morning", "noon"],
    }
    for slot_type in SLOT_TYPES:
        fillers[slot_type.name] = [
            phrase
            for value in slot_type.values
            for phrase in (value.name, *value.synonyms_for(locale))
        ]
    for src in INTENTS:
        said = 0
        samples = src.samples_for(locale)
        slotted = [s for s in samples if "{" in s]
        rounds = max((len(fillers[t]) for t in src.slots.values()), default=0)
        # Enough passes over the slotted samples that every filler is used at least once.
        passes = -(-rounds // len(slotted)) if slotted else 0
        for sample in (*samples, *(slotted * max(passes - 1, 0))):
            text = sample
            for name, type_name in src.slots.items():
                options = fillers[type_name]
                text = text.replace("{" + name.value + "}", options[said % len(options)])
            said += "{" in sample
            resolution = nlu.resolve(text)
            assert resolution.intent is src.intent, (text, resolution.label)


def test_locales_differ_only_in_phrasing() -> None:
    def skeleton(model: dict[str, Any]) -> dict[str, Any]:
        shape = copy.deepcopy(model)
        for intent in shape["intents"]:
            intent.pop("samples")
        for slot_type in shape["types"]:
            for value in slot_type["values"]:
                value["name"].pop("synonyms")
        return shape

    shapes = {locale: skeleton(_language_model(locale)) for locale in LOCALES}
    assert all(shape == shapes["en-US"] for shape in shapes.values())


@pytest.mark.parametrize(
    ("locale", "present", "absent"),
    [
        ("en-US", ["tea kettle", "tub", "butt lifts"], ["making a cuppa", "bum lifts"]),
        ("en-CA", ["tea kettle", "filling the tub"], ["making a brew"]),
        ("en-GB", ["making a cuppa", "bum lifts", "cleaning my teeth"], ["tea kettle", "tub"]),
        ("en-AU", ["making a cuppa", "bum lifts"], ["tea kettle", "butt lifts"]),
        ("en-IN", ["making chai", "cleaning my teeth"], ["tub", "making a cuppa"]),
    ],
)
def test_regional_words(locale: str, present: list[str], absent: list[str]) -> None:
    synonyms = {
        synonym
        for slot_type in _language_model(locale)["types"]
        for value in slot_type["values"]
        for synonym in value["name"]["synonyms"]
    }
    assert set(present) <= synonyms
    assert not set(absent) & synonyms


def test_slot_value_ids_are_the_domain_ids() -> None:
    for slot_type in SLOT_TYPES:
        assert [v.id for v in slot_type.values] == [m.value for m in slot_type.ids]


def test_the_shared_phrase_table_is_read_only() -> None:
    table = phrase_table(SLOT_TYPES[0].name, "en-US")
    with pytest.raises(TypeError):
        table["anything"] = ("x", "x")  # type: ignore[index]
