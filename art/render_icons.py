"""Render the store icons from art/icon.svg into the skill package (run by hand, commit both).

    python3 art/render_icons.py

Needs `rsvg-convert` (Debian: `apt-get install librsvg2-bin`). Alexa wants a 108x108 and a
512x512 PNG; the skill-package check in `make test` (tests/voice/test_skill_package.py) holds
the committed files to those sizes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "art" / "icon.svg"
IMAGES = ROOT / "interaction_model" / "assets" / "images"
SIZES = {"small-icon.png": 108, "large-icon.png": 512}


def main() -> int:
    renderer = shutil.which("rsvg-convert")
    if renderer is None:
        print("rsvg-convert not found: apt-get install librsvg2-bin", file=sys.stderr)
        return 1
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, size in SIZES.items():
        out = IMAGES / name
        subprocess.run(  # noqa: S603 (a found tool, fixed arguments)
            [renderer, "--width", str(size), "--height", str(size), "-o", str(out), str(SOURCE)],
            check=True,
        )
        print(f"wrote {out.relative_to(ROOT)} ({size}x{size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
