"""Rewrite every golden transcript from its user lines: `python -m tests.voice.golden`."""

from __future__ import annotations

from tests.voice.golden import golden_files, render


def main() -> int:
    for path in golden_files():
        before = path.read_text(encoding="utf-8")
        after = render(before, locale=path.parent.name)
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
