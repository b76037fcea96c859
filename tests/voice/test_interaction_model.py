"""The interaction model in interaction_model/: generated from one source, valid for Alexa,
and in step with the handlers.

If the committed files drift from skill/voice/model_source.py, regenerate them with
`make model` (or `.venv/bin/python -m skill.dev.model_build`) and commit the result.
"""

from __future__ import annotations

import copy
import json
import re
from collections import defaultdict
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
from skill.voice.intents import INTENT_EVENTS, REMINDER_INTENTS, Intent
from skill.voice.model_source import (
    INTENTS,
    INVOCATION_NAME,
    LOCALES,
    MIN_MAIN_SAMPLES,
    NUMBER_TYPE,
    SLOT_TYPES,
    TIME_TYPE,
    normalize,
    phrase_table,
)

SMAPI = "ask_smapi_model.v1.skill"
MODEL_CLASS = f"{SMAPI}.interaction_model.interaction_model_data.InteractionModelData"
MANIFEST_CLASS = f"{SMAPI}.manifest.skill_manifest_envelope.SkillManifestEnvelope"
BUILTIN_SLOT_TYPES = {NUMBER_TYPE, TIME_TYPE}
# Alexa refuses these words in an invocation name (launch phrases, wake words, connectors).
FORBIDDEN_INVOCATION_WORDS = {
    "alexa", "amazon", "echo", "computer", "skill", "app", "ask", "tell", "open", "launch",
    "play", "start", "run", "begin", "load", "use", "resume", "for", "to", "from", "about",
    "by", "if", "whether", "and", "that",
}  # fmt: skip
ARTICLES = {"a", "an", "the", "for", "to", "of"}
SAMPLE_TOKEN = re.compile(r"\{[a-z_]+\}|[a-z][a-z'.]*")


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
    assert {"name": REMINDERS_PERMISSION} in manifest["permissions"]
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


def test_invocation_name_follows_alexas_rules() -> None:
    words = INVOCATION_NAME.split()
    assert INVOCATION_NAME.lower() == INVOCATION_NAME
    assert re.fullmatch(r"[a-z]+( [a-z]+)+", INVOCATION_NAME)
    assert len(words) >= 2
    assert not set(words) & FORBIDDEN_INVOCATION_WORDS
    if len(words) == 2:
        assert not set(words) & ARTICLES
    for locale in LOCALES:
        assert _language_model(locale)["invocationName"] == INVOCATION_NAME


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
def test_samples_are_well_formed(locale: str) -> None:
    for intent in _language_model(locale)["intents"]:
        declared = {slot["name"] for slot in intent.get("slots", [])}
        used: set[str] = set()
        samples = intent["samples"]
        assert len(samples) == len(set(samples)), f"duplicate sample in {intent['name']}"
        for sample in samples:
            tokens = sample.split()
            assert all(SAMPLE_TOKEN.fullmatch(t) for t in tokens), sample
            slots = [t[1:-1] for t in tokens if t.startswith("{")]
            assert len(slots) == len(set(slots)), sample
            assert set(slots) <= declared, sample
            used.update(slots)
            assert len(sample) <= 200
        assert used == declared, f"{intent['name']} declares slots it never uses"
        if intent["name"] == Intent.FALLBACK:
            assert not samples, "AMAZON.FallbackIntent takes no samples"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_belongs_to_two_intents(locale: str) -> None:
    """Samples are compared with slots replaced by their types, plus the built-in phrases the
    offline NLU knows, so '{age}' and '{moment}' after "i'm" do not count as the same."""
    owners: dict[str, set[str]] = defaultdict(set)
    for src in INTENTS:
        for sample in (*src.samples_for(locale), *src.builtin_phrases):
            shape = sample
            for name, type_name in src.slots.items():
                shape = shape.replace("{" + name.value + "}", "SLOT" + type_name)
            owners[normalize(shape)].add(src.intent)
    shared = {sample: intents for sample, intents in owners.items() if len(intents) > 1}
    assert not shared


@pytest.mark.parametrize("locale", LOCALES)
def test_main_intents_have_generous_samples(locale: str) -> None:
    for intent in _language_model(locale)["intents"]:
        if not intent["name"].startswith("AMAZON."):
            assert len(intent["samples"]) >= MIN_MAIN_SAMPLES, intent["name"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_sample_resolves_to_its_own_intent(locale: str) -> None:
    """Fill each sample's slots with every value and synonym; the NLU must route it home."""
    nlu = nlu_for(locale)
    fillers: dict[str, list[str]] = {
        NUMBER_TYPE: ["forty two"],
        TIME_TYPE: ["seven", "seven thirty a m", "half past six in the morning", "noon"],
    }
    for slot_type in SLOT_TYPES:
        fillers[slot_type.name] = [
            phrase
            for value in slot_type.values
            for phrase in (value.name, *value.synonyms_for(locale))
        ]
    for src in INTENTS:
        for sample in src.samples_for(locale):
            slots = {n.value: fillers[t] for n, t in src.slots.items() if f"{{{n}}}" in sample}
            # Every filler of every slot at least once (round robin, not the full product).
            rounds = max((len(f) for f in slots.values()), default=1)
            for i in range(rounds):
                text = sample
                for slot, options in slots.items():
                    text = text.replace("{" + slot + "}", options[i % len(options)])
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


@pytest.mark.parametrize("locale", LOCALES)
def test_no_synonym_names_two_values(locale: str) -> None:
    for slot_type in SLOT_TYPES:
        owners: dict[str, set[str]] = defaultdict(set)
        for value in slot_type.values:
            for phrase in (value.name, *value.synonyms_for(locale)):
                owners[normalize(phrase)].add(value.id)
        assert not {p: ids for p, ids in owners.items() if len(ids) > 1}, slot_type.name


def test_slot_value_ids_are_the_domain_ids() -> None:
    for slot_type in SLOT_TYPES:
        assert [v.id for v in slot_type.values] == [m.value for m in slot_type.ids]


def test_the_shared_phrase_table_is_read_only() -> None:
    table = phrase_table(SLOT_TYPES[0].name, "en-US")
    with pytest.raises(TypeError):
        table["anything"] = ("x", "x")  # type: ignore[index]
