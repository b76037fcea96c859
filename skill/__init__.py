"""Morning Moves: an Alexa skill that coaches a five-move strength routine for runners."""

__version__ = "0.1.0"
