"""Sample utterances from small templates: carrier phrases x verbs x objects x fillers.

A template is plain words with three kinds of part:

    (a|b|c)   one of the alternatives; an empty one makes the group optional: (please|)
    <name>    one of the phrases the locale's lexicon lists under `name` (each may be a template)
    {slot}    a slot, kept as it is for the interaction model

    expand("(can you|) (start|begin) my <workout>", lexicon)
    -> ["can you start my routine", "can you start my workout", ..., "begin my workout"]

Groups nest. The output is in a stable order (the template's, left to right), without repeats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

Lexicon = Mapping[str, tuple[str, ...]]

_TOKEN = re.compile(r"\(|\)|\||<[a-z_]+>|[^()|<]+")


class TemplateError(ValueError):
    """A template that does not parse, or names a fragment the lexicon lacks."""


def expand(template: str, lexicon: Lexicon) -> list[str]:
    """Every phrase `template` stands for, single-spaced, in order, each once."""
    tokens = _TOKEN.findall(template)
    if "".join(tokens) != template:
        raise TemplateError(f"cannot read template {template!r}")
    parts, end = _sequence(tokens, 0, template)
    if end != len(tokens):
        raise TemplateError(f"unbalanced ')' in {template!r}")
    seen: dict[str, None] = {}
    for phrase in _product(parts, lexicon, ()):
        seen.setdefault(" ".join(phrase.split()))
    return list(seen)


# A parsed template: a sequence of words, fragment names (<name>) and groups of sequences.
_Part = str | tuple["_Seq", ...]
_Seq = tuple[_Part, ...]


def _sequence(tokens: list[str], at: int, template: str) -> tuple[_Seq, int]:
    parts: list[_Part] = []
    while at < len(tokens) and tokens[at] not in {")", "|"}:
        if tokens[at] == "(":
            group, at = _group(tokens, at + 1, template)
            parts.append(group)
        else:
            parts.append(tokens[at])
            at += 1
    return tuple(parts), at


def _group(tokens: list[str], at: int, template: str) -> tuple[tuple[_Seq, ...], int]:
    options: list[_Seq] = []
    while True:
        option, at = _sequence(tokens, at, template)
        options.append(option)
        if at >= len(tokens):
            raise TemplateError(f"unclosed '(' in {template!r}")
        if tokens[at] == ")":
            return tuple(options), at + 1
        at += 1  # "|"


def _product(parts: _Seq, lexicon: Lexicon, using: tuple[str, ...]) -> Iterator[str]:
    if not parts:
        yield ""
        return
    head, rest = parts[0], parts[1:]
    for first in _alternatives(head, lexicon, using):
        for tail in _product(rest, lexicon, using):
            yield f"{first} {tail}"


def _alternatives(part: _Part, lexicon: Lexicon, using: tuple[str, ...]) -> Iterator[str]:
    if isinstance(part, tuple):
        for option in part:
            yield from _product(option, lexicon, using)
    elif part.startswith("<"):
        name = part[1:-1]
        if name in using:
            raise TemplateError(f"fragment <{name}> refers to itself")
        if name not in lexicon:
            raise TemplateError(f"no fragment <{name}> in the lexicon")
        for phrase in lexicon[name]:
            parsed, _ = _sequence(_TOKEN.findall(phrase), 0, phrase)
            yield from _product(parsed, lexicon, (*using, name))
    else:
        yield part
