"""Figure 5, first half: the deployment artifact, next to the peer's.

Ours is what `make package` builds (lambda/build_artifact.py: dependencies for the Lambda target,
the skill package, byte-compiled, zipped). The peer's (bench/peer.py) is its module plus the
installed files of its one dependency, ask-sdk (StandardSkillBuilder, the DynamoDB adapter, and
the boto3 they pull in), zipped the same way (deflate).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from importlib import metadata
from pathlib import Path

from bench.report import Row, Target, fmt_bytes

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_ZIP = ROOT / "build" / "morning-moves-lambda.zip"
TEMPLATE = ROOT / "template.yaml"
ZIP_TARGET_MIB = 6  # issue 16 (Lambda's own limit for a direct upload is 50 MiB)
_MARKER_EXTRA = re.compile(r";.*\bextra\s*==")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def dependency_closure(root: str) -> list[metadata.Distribution]:
    """The installed distribution `root` and everything installed that it requires (extras and
    requirements for other Pythons, which are not installed, left out)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        try:
            dist = metadata.distribution(todo.pop())
        except metadata.PackageNotFoundError:
            continue
        name = dist.metadata["Name"].lower().replace("_", "-")
        if name in seen:
            continue
        seen[name] = dist
        for requirement in dist.requires or []:
            match = _NAME.match(requirement)
            if match and not _MARKER_EXTRA.search(requirement):
                todo.append(match.group(1))
    return list(seen.values())


def peer_artifact(work_dir: Path) -> Path:
    """bench/peer.py as lambda_function.py, and ask-sdk's closure, zipped."""
    out = work_dir / "peer-lambda.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(ROOT / "bench" / "peer.py", "lambda_function.py")
        for dist in dependency_closure("ask-sdk"):
            for file in dist.files or []:
                path = Path(str(file.locate()))
                if path.is_file() and ".dist-info" not in str(file):
                    archive.write(path, str(file))
    return out


def build_package() -> tuple[Path | None, str]:
    """Run `make package`; the zip it built, or None and why not."""
    try:
        done = subprocess.run(
            ["make", "--no-print-directory", "package"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"`make package` did not finish: {exc}"
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:]
        return None, f"`make package` failed: {' '.join(tail)}"
    if not PACKAGE_ZIP.is_file():
        return None, f"`make package` left no {PACKAGE_ZIP.relative_to(ROOT)}"
    return PACKAGE_ZIP, ""


def memory_limit_mib(template: Path = TEMPLATE) -> int | None:
    """The function's MemorySize in template.yaml, if there is a template."""
    if not template.is_file():
        return None
    found = re.search(r"^\s+MemorySize:\s*(\d+)\s*$", template.read_text(), re.MULTILINE)
    return int(found.group(1)) if found else None


def rows(ours: Path | None, why_not: str, baseline: Path) -> list[Row]:
    base = baseline.stat().st_size
    if ours is None:
        return [Row("5", f"deployment artifact, zipped ({why_not})", "n/a", fmt_bytes(base))]
    size = ours.stat().st_size
    return [
        Row(
            "5",
            "deployment artifact, zipped (`make package`; peer: its module + ask-sdk's closure)",
            fmt_bytes(size),
            fmt_bytes(base),
            size / base,
            Target("<=", ZIP_TARGET_MIB, " MiB"),
            checked=size / 1024 / 1024,
        )
    ]
