"""The model linter: clean on our interaction model, and each rule catches what it is for."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from skill.dev.model_build import build_model, model_path
from skill.dev.model_lint import Finding, lint
from skill.voice.model_source import LOCALES


def test_the_committed_model_is_clean() -> None:
    models = {loc: json.loads(model_path(loc).read_text(encoding="utf-8")) for loc in LOCALES}
    findings = lint(models)
    assert not [f for f in findings if f.level == "error"], "\n".join(map(str, findings))


def _intent(model: dict[str, Any], name: str) -> dict[str, Any]:
    intents: list[dict[str, Any]] = model["interactionModel"]["languageModel"]["intents"]
    return next(i for i in intents if i["name"] == name)


def _language(model: dict[str, Any]) -> dict[str, Any]:
    language: dict[str, Any] = model["interactionModel"]["languageModel"]
    return language


def _invocation(name: str) -> Any:
    return lambda m: _language(m).update(invocationName=name)


def _add_sample(intent: str, sample: str) -> Any:
    return lambda m: _intent(m, intent)["samples"].append(sample)


def _drop_intent(name: str) -> Any:
    def drop(model: dict[str, Any]) -> None:
        language = _language(model)
        language["intents"] = [i for i in language["intents"] if i["name"] != name]

    return drop


def _add_synonym(value_index: int, synonym: str) -> Any:
    return lambda m: _language(m)["types"][0]["values"][value_index]["name"]["synonyms"].append(
        synonym
    )


def _declare_slot(model: dict[str, Any]) -> None:
    _intent(model, "SkipIntent")["slots"].append({"name": "extra", "type": "MoveType"})


def _cut_samples(model: dict[str, Any]) -> None:
    _intent(model, "ProgressIntent")["samples"] = ["how am i doing"]


BREAKAGES = [
    ("invocation name", _invocation("Morning Moves"), "must be lower case"),
    ("invocation name", _invocation("alexa moves"), "word Alexa forbids"),
    ("invocation name", _invocation("the moves"), "no articles"),
    ("invocation name", _invocation("moves"), "at least two words"),
    ("characters", _add_sample("SkipIntent", "skip it!"), "only lower-case words"),
    ("characters", _add_sample("SkipIntent", "skip 2"), "only lower-case words"),
    ("wake word", _add_sample("SkipIntent", "skip it alexa"), "a wake word"),
    ("length", _add_sample("SkipIntent", "skip " * 45), "longer than 200"),
    ("duplicate", _add_sample("SkipIntent", "skip this one"), "duplicate sample"),
    ("two intents", _add_sample("SkipIntent", "how am i doing"), "in 2 intents"),
    ("undefined slot", _add_sample("SkipIntent", "skip {moment}"), "undefined slot"),
    ("unused slot", _declare_slot, "declared but never used"),
    ("built-in", _drop_intent("AMAZON.StopIntent"), "required built-in"),
    ("built-in phrase", _add_sample("SkipIntent", "skip"), "AMAZON.NextIntent owns"),
    ("minimum", _cut_samples, "samples < 20"),
    ("synonyms", _add_synonym(1, "toe tap"), "names ['squats', 'toe_taps']"),
    ("synonyms", _add_synonym(1, "squat"), "listed twice"),
    ("bare slot", _add_sample("AMAZON.YesIntent", "spot on"), "a sample of AMAZON.YesIntent"),
]


@pytest.mark.parametrize(("rule", "breakage", "message"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_each_rule_finds_its_error(rule: str, breakage: Any, message: str) -> None:
    model = copy.deepcopy(build_model("en-US"))
    breakage(model)
    errors = [f for f in lint({"en-US": model}) if f.level == "error"]
    assert any(message in str(f) for f in errors), (rule, errors)


def test_locales_must_agree() -> None:
    gb = copy.deepcopy(build_model("en-GB"))
    _drop_intent("SkipIntent")(gb)
    findings = lint({"en-US": build_model("en-US"), "en-GB": gb})
    assert Finding("error", "en-GB", "intents", "differs from en-US") in findings
