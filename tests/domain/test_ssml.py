"""The renderer: any speech becomes well-formed SSML whose breaks add up to its pauses."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.domain.speech import MAX_BREAK_SECONDS, Pause, Say, Speech, speaking_seconds
from skill.domain.ssml import render

segments = st.one_of(
    st.builds(Say, st.text(max_size=40)),
    st.builds(Pause, st.floats(min_value=-5, max_value=60) | st.sampled_from([math.nan, math.inf])),
)


def _break_ms(ssml: str) -> list[int]:
    return [int(ms) for ms in re.findall(r'<break time="(\d+)ms"/>', ssml)]


@settings(max_examples=100, deadline=None)
@given(st.lists(segments, max_size=12))
def test_any_speech_renders_to_well_formed_ssml(segs: list[Say | Pause]) -> None:
    speech = Speech(tuple(segs))
    ssml = render(speech)
    root = ET.fromstring(ssml)
    assert root.tag == "speak"
    breaks = _break_ms(ssml)
    assert all(0 < ms <= MAX_BREAK_SECONDS * 1000 for ms in breaks)
    silence = sum(p.seconds for p in segs if isinstance(p, Pause) and 0 < p.seconds < math.inf)
    assert sum(breaks) == pytest.approx(silence * 1000, abs=len(segs))
    words = speech.planned_seconds() - silence
    assert words == pytest.approx(sum(speaking_seconds(s.text) for s in segs if isinstance(s, Say)))


@pytest.mark.parametrize(
    ("speech", "ssml"),
    [
        (Speech.of("Tom & Jerry <3"), "<speak>Tom &amp; Jerry &lt;3</speak>"),
        (Speech.of("a", 2.5, "b"), '<speak>a <break time="2500ms"/> b</speak>'),
        (
            Speech.of(25.0),
            '<speak><break time="10000ms"/><break time="10000ms"/><break time="5000ms"/></speak>',
        ),
        (Speech.of(10.0004), '<speak><break time="10000ms"/></speak>'),
        (Speech.of("bell\x07"), "<speak>bell</speak>"),
        (Speech.of(0, -1), "<speak></speak>"),
    ],
)
def test_render_examples(speech: Speech, ssml: str) -> None:
    assert render(speech) == ssml
