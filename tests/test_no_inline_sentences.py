"""No sentence outside the phrasebook: what the skill says lives in skill/domain/words/.

Two rules, over the AST of every module of the skill:
- no string with a letter in it goes into speech, a card or a screen (`Speech.of`, `Say`,
  `Card`, `Reply`, `Screen`, the SDK's `speak`/`ask`/`SimpleCard`/`SpokenText`...), anywhere;
- no prose (two words, or one capitalised word ending a sentence) is written anywhere in the
  layers that compose replies (skill/domain, skill/voice), except docstrings, log and
  exception messages, and the few non-speech strings in ALLOWED.
The second rule catches a sentence built away from the call that says it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SKILL = Path(__file__).resolve().parent.parent / "skill"
PHRASEBOOK = SKILL / "domain" / "words"
REPLY_LAYERS = (SKILL / "domain", SKILL / "voice")
# What users say (the interaction model's samples) and the store listing: not the skill's speech.
NOT_SPEECH = frozenset({"model_source.py", "model_build.py"})

SPEECH_CALLS = frozenset(
    {"of", "Say", "Card", "Reply", "Screen", "speak", "ask", "SimpleCard", "StandardCard",
     "SpokenText", "PlainTextOutputSpeech", "SsmlOutputSpeech", "set_card"}
)  # fmt: skip
QUIET_CALLS = frozenset({"debug", "info", "warning", "error", "exception", "critical", "warn"})
PROSE = re.compile(r"\b[A-Za-z][a-z']*[,:]? [a-z][a-z']+\b|^[A-Z][a-z']+[.?!]$")
# Strings with words in them that are not said: why each one is here.
ALLOWED: dict[str, str] = {
    '<break time="': "SSML markup (skill/domain/ssml.py)",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _strings_in(node: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def inline_sentences(tree: ast.AST, *, prose: bool = True) -> list[tuple[int, str]]:
    """(line, text) of each string in a module's `tree` that should be in the phrasebook."""
    said: set[int] = set()
    quiet = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in SPEECH_CALLS:
            args = [*node.args, *(k.value for k in node.keywords)]
            said |= {id(s) for arg in args for s in _strings_in(arg)}
        elif _is_quiet(node):
            quiet |= {id(s) for s in _strings_in(node)}

    def wrong(node: ast.Constant, text: str) -> bool:
        if id(node) in said:
            return bool(re.search("[A-Za-z]", text))
        return prose and id(node) not in quiet and text not in ALLOWED and bool(PROSE.search(text))

    return [(n.lineno, str(n.value)) for n in _strings_in(tree) if wrong(n, str(n.value))]


def _is_quiet(node: ast.AST) -> bool:
    """Log and exception messages: read by developers, not said."""
    if isinstance(node, ast.Call):
        return _call_name(node) in QUIET_CALLS
    return isinstance(node, ast.Raise | ast.Assert)


# Everything is parsed as the tests are collected, in one thread: Python 3.11's AST construction
# keeps its recursion depth in shared state, and a parse racing another thread's (3.11's
# traceback module parses source lines when a test server's thread prints a traceback) fails
# with "AST constructor recursion depth mismatch" (cpython gh-106905).
MODULES = {
    path: ast.parse(path.read_text(encoding="utf-8"), str(path))
    for path in sorted(SKILL.rglob("*.py"))
    if PHRASEBOOK not in path.parents
}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SKILL)))
def test_no_sentence_outside_the_phrasebook(path: Path) -> None:
    in_replies = any(layer in path.parents for layer in REPLY_LAYERS)
    prose = in_replies and path.name not in NOT_SPEECH
    found = inline_sentences(MODULES[path], prose=prose)
    assert not found, (
        f"{path.name}: sentences outside skill/domain/words/ (add a Phrase and its line in every "
        f"book, and say(Phrase.X) here): {found}"
    )


CAUGHT = [
    'Speech.of("Lovely.")',
    'Speech.of(f"Skipping {name}.")',
    'Speech.of(say(Phrase.SET_OF), "Keep going")',
    'reply = Reply(Speech.of(words), card=Card("Workout", text))',
    'Say("right")',
    'builder.speak("<speak>Hello</speak>")',
    'WORDS = "Say next when you are ready."',
    'line = f"You did {count} moves"',
    'DONE = "Brilliant."',
    'def f():\n    return "No rush" if slow else ""',
]
NOT_SPEECH_SNIPPETS = [
    '"""A docstring with words in it."""',
    'Speech.of(say(Phrase.SEE_YOU), 0.5, " ".join(lines))',
    'log.warning("store unavailable for %s: %s", user, exc)',
    'raise ValueError(f"no move is being coached in {phase}")',
    'KEY = "mm.event"',
    'headers = {"Content-type": "application/json"}',
    'assert ok, "the routine never finished"',
]
SNIPPETS = {snippet: ast.parse(snippet) for snippet in CAUGHT + NOT_SPEECH_SNIPPETS}


@pytest.mark.parametrize("snippet", CAUGHT)
def test_a_new_inline_sentence_is_caught(snippet: str) -> None:
    assert inline_sentences(SNIPPETS[snippet])


@pytest.mark.parametrize("snippet", NOT_SPEECH_SNIPPETS)
def test_what_is_not_speech_passes(snippet: str) -> None:
    assert not inline_sentences(SNIPPETS[snippet])
