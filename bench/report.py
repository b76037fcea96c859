"""The one table `make bench` prints: figures, ratios against the baseline, targets."""

from __future__ import annotations

import operator
import os
import platform
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_OPS: dict[str, Callable[[float, float], bool]] = {"<=": operator.le, ">=": operator.ge}


@dataclass(frozen=True)
class Target:
    """A bound a row's ratio (or, with `unit`, its absolute value) must respect."""

    op: str
    value: float
    unit: str = ""

    def met(self, measured: float) -> bool:
        return _OPS[self.op](measured, self.value)

    def __str__(self) -> str:
        return f"{'≤' if self.op == '<=' else '≥'} {self.value:g}{self.unit}"


@dataclass(frozen=True)
class Row:
    """One line of the table. `ratio` is ours / baseline; `checked` (when set) is the absolute
    value that the target bounds instead of the ratio."""

    figure: str
    what: str
    ours: str
    baseline: str
    ratio: float | None = None
    target: Target | None = None
    checked: float | None = None

    @property
    def ok(self) -> bool | None:
        measured = self.ratio if self.checked is None else self.checked
        if self.target is None or measured is None:
            return None
        return self.target.met(measured)


def fmt_ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"


def fmt_bytes(value: float) -> str:
    return f"{value / 1024 / 1024:.1f} MiB"


def _git(root: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def _commit(root: Path) -> str:
    try:
        head = _git(root, "rev-parse", "--short", "HEAD")
        dirty = _git(root, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def heading(root: Path, *, quick: bool) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpus = len(os.sched_getaffinity(0))
    mode = " — QUICK MODE, figures not meaningful" if quick else ""
    return (
        f"Morning Moves benchmarks, {when}, commit {_commit(root)}, "
        f"Python {platform.python_version()}, {cpus} CPUs{mode}"
    )


def render(rows: Sequence[Row], title: str) -> str:
    """A Markdown table (readable in a terminal, pasteable into the README)."""
    header = ("#", "figure", "Morning Moves", "peer (or hello-world)", "ratio", "target", "ok")
    lines = [
        (
            r.figure,
            r.what,
            r.ours,
            r.baseline,
            "" if r.ratio is None else f"{r.ratio:.2f}",
            "" if r.target is None else str(r.target),
            {True: "yes", False: "**NO**", None: ""}[r.ok],
        )
        for r in rows
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *lines, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [title, "", line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(cells) for cells in lines]
    return "\n".join(out)


def missed(rows: Sequence[Row]) -> list[Row]:
    return [r for r in rows if r.ok is False]
