"""Tests of the pure coaching engine."""
