"""Helpers the tests and the benchmarks share: test PKI, the dynalite runner, template.yaml and
the Lambda artifact's build. Not part of the skill: never shipped."""
