"""The coaching engine: pure Python, no frameworks and no I/O (a test enforces this).

Value types are `typing.NamedTuple`s (changed with `_replace`), not frozen dataclasses: every
cold start creates these classes, and a frozen dataclass costs about 1.4 ms to create (its
methods are generated and compiled then), a NamedTuple a tenth of that (bench/).
"""
