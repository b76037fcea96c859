"""English number words: one number ("forty two"), or the numbers of a spoken time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.domain.numbers import NUMBER_WORDS, parse_number, read_numbers


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("forty two", 42),
        ("forty-two", 42),
        ("fifty", 50),
        ("seven", 7),
        ("nineteen", 19),
        ("one hundred and five", 105),
        ("a hundred", 100),
        ("nineteen hundred", 1900),
        ("two thousand and twenty six", 2026),
        ("two thousand five hundred", 2500),
        ("42", 42),
        ("forty banana", None),
        ("seven thirty", None),  # two numbers
        ("and", None),
        ("", None),
    ],
)
def test_one_number(words: str, number: int | None) -> None:
    assert parse_number(words) == number


@pytest.mark.parametrize(
    ("words", "items"),
    [
        ("seven thirty", [7, 30]),
        ("seven forty five pm", [7, 45, "pm"]),
        ("twelve fifteen", [12, 15]),
        ("seven zero five", [7, 0, 5]),
        ("twenty zero five", [20, 0, 5]),
        ("7 30", [7, 30]),
        ("quarter past seven", ["quarter", "past", 7]),
        ("a quarter to one", ["a", "quarter", "to", 1]),
        ("seven and a half", [7, "and", "a", "half"]),
    ],
)
def test_numbers_among_words(words: str, items: list[int | str]) -> None:
    assert read_numbers(words.split()) == items


@given(st.lists(st.sampled_from([*NUMBER_WORDS, "a", "and", "past", "7"]), max_size=8))
def test_every_word_is_kept_or_read(words: list[str]) -> None:
    items = read_numbers(words)
    assert all(isinstance(i, int) or i in words for i in items)
    assert len(items) <= len(words)
