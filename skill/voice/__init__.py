"""The Alexa-facing layer: ASK SDK handlers around the coaching engine."""

from skill.voice.builder import build_skill

__all__ = ["build_skill"]
