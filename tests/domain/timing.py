"""How long speech lasts, read back from what Alexa is sent: the SSML (breaks exactly, words
by the skill's own estimate) and, where espeak-ng is installed, a real synthesis of it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
import xml.etree.ElementTree as ET
from pathlib import Path

from skill.domain.speech import speaking_seconds

ESPEAK = shutil.which("espeak-ng")
_END = "end"  # a word after the speech: espeak-ng drops silence at the end of a document


def ssml_seconds(ssml: str) -> float:
    """The playing time of a `<speak>` document: its breaks, and its words at the estimate."""
    root = ET.fromstring(ssml)
    seconds = 0.0
    texts = [root.text or ""]
    for element in root.iter():
        if element.tag == "break":
            seconds += int(element.attrib["time"].removesuffix("ms")) / 1000
        if element is not root:
            texts.append(element.tail or "")
    return seconds + sum(speaking_seconds(t) for t in texts if t.strip())


def _wav_seconds(ssml: str) -> float:
    assert ESPEAK is not None
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "said.wav"
        subprocess.run([ESPEAK, "-m", "-w", str(wav), ssml], check=True, timeout=60)
        with wave.open(str(wav)) as said:
            return float(said.getnframes() / said.getframerate())


def espeak_seconds(ssml: str) -> float:
    """How long espeak-ng takes to say a `<speak>` document, its final silence included."""
    body = ssml.removeprefix("<speak>").removesuffix("</speak>")
    return _wav_seconds(f"<speak>{body} {_END}</speak>") - _wav_seconds(f"<speak>{_END}</speak>")
