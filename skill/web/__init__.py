"""The Flask web service: Alexa endpoint, health probe and (locally) the console."""

from skill.web.app import create_app

__all__ = ["create_app"]
