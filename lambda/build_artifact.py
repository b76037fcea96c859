"""Build the Lambda deployment folder and report its size.

The folder holds the pinned dependencies (lambda/requirements.txt) as wheels for the target
platform, the `skill` package (less its web server, CLI and dev tools) and `app.py`, all
byte-compiled by the runtime's own interpreter so a cold start does not compile hundreds of
modules on a read-only file system.

The runtime and architecture come from template.yaml (one source of truth); `--arch` overrides the
architecture so the test suite can build the same artifact for this machine and import it.
Work is skipped when its inputs are unchanged: dependencies are keyed on the lock file, runtime
and platform; the folder on that key plus every source file.

    python lambda/build_artifact.py --out build/lambda/arm64 [--arch x86_64] [--zip FILE]
        [--copy-to DIR]

Standard library only: it runs under any Python 3.11+; the runtime's interpreter (found on PATH or
under pyenv) compiles, and `uv` (from the tool venv) installs wheels for the target platform.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"
LOCK = ROOT / "lambda" / "requirements.txt"
ENTRY = ROOT / "lambda" / "app.py"
PACKAGE = ROOT / "skill"
# The web server and CLI need Flask and waitress, which the Lambda never imports; the dev tools
# (simulator, chat, offline NLU, model build, console) serve development only.
EXCLUDED_FROM_PACKAGE = ("web", "cli.py", "dev")
LAMBDA_TASK_ROOT = "/var/task"
# Lambda's Python 3.12+ runtimes run on Amazon Linux 2023 (glibc 2.34).
MANYLINUX = "manylinux_2_34"
CPU = {"arm64": "aarch64", "x86_64": "x86_64"}
ZIP_LIMIT_MB = 50  # direct upload limit; SAM uploads through S3, but it is the usual yardstick
UNZIPPED_LIMIT_MB = 250
STAMP, DEPS_STAMP = ".key", ".deps-key"  # what a folder was built from; never shipped
# Bump when the recipe below changes in a way the inputs do not show.
RECIPE = "4"
# botocore and boto3 ship a model for every AWS service (about 28 MiB unzipped, most of the zip);
# the skill's only client is DynamoDB's (tests/deploy runs the built folder against dynalite, and
# checks that nothing else is left).
KEPT_SERVICES = frozenset({"dynamodb"})
# Installed as dependencies of dependencies but never imported on the Lambda path: `requests`
# (and its charset_normalizer and idna) only by the SDK's DefaultApiClient, which the skill
# replaces with skill/voice/api_client.py. (s3transfer stays: boto3.compat imports it.)
NEVER_IMPORTED = ("requests", "charset_normalizer", "idna")


@dataclass(frozen=True)
class Target:
    """What the artifact is built for."""

    python_version: str  # "3.13"
    arch: str  # "arm64" or "x86_64", as Lambda spells it

    @property
    def uv_platform(self) -> str:
        return f"{CPU[self.arch]}-{MANYLINUX}"


def template_target(template: Path = TEMPLATE) -> Target:
    """The runtime and architecture the template declares for the skill function."""
    text = template.read_text()
    runtime = re.search(r"^\s+Runtime:\s*python(\d+\.\d+)\s*$", text, re.MULTILINE)
    arch = re.search(r"^\s+Architectures:\s*\[?\s*(arm64|x86_64)\s*\]?\s*$", text, re.MULTILINE)
    if runtime is None or arch is None:
        raise SystemExit(f"{template}: no 'Runtime: pythonX.Y' or 'Architectures: [..]' line")
    return Target(runtime.group(1), arch.group(1))


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.parent.name))


def find_interpreter(version: str) -> Path | None:
    """A working `pythonX.Y`: pyenv's newest patch release first, then PATH.

    pyenv's shims on PATH refuse versions that are not selected, so its versions folder is
    searched directly; that is how a fresh machine of our image finds 3.12 and 3.13.
    """
    name = f"python{version}"
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    candidates = sorted(pyenv.glob(f"{version}.*/bin/{name}"), key=_version_key, reverse=True)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        probe = subprocess.run(  # noqa: S603 (a path we found, a fixed script)
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


def find_uv() -> Path:
    for candidate in (ROOT / ".venv-sam" / "bin" / "uv", shutil.which("uv")):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    raise SystemExit("uv not found: run `make package` (it sets up .venv-sam with uv)")


def _source_files() -> Iterator[Path]:
    yield ENTRY
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in EXCLUDED_FROM_PACKAGE or "__pycache__" in relative.parts:
            continue
        if path.is_file() and path.suffix != ".pyc":
            yield path


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _deps_key(target: Target) -> str:
    return _digest(
        RECIPE.encode(), target.python_version.encode(), target.arch.encode(), LOCK.read_bytes()
    )


def _folder_key(deps_key: str) -> str:
    parts = [deps_key.encode(), Path(__file__).read_bytes()]
    for path in _source_files():
        parts += [str(path.relative_to(ROOT)).encode(), path.read_bytes()]
    return _digest(*parts)


def _run(*command: str | Path) -> None:
    # Every argument is a path or option this script made, never outside input.
    subprocess.run([str(part) for part in command], check=True)  # noqa: S603


def _compile(python: Path, root: Path, *paths: Path, jobs: int = 0) -> None:
    # unchecked-hash: a zip keeps mtimes to 2 s only, which would make timestamp pycs look stale;
    # -s/-p: tracebacks name the files where Lambda unpacks them. Some dependencies carry invalid
    # escape sequences; compiling here keeps their SyntaxWarnings out of every cold start's log.
    _run(
        python,
        "-W",
        "ignore::SyntaxWarning",
        "-m",
        "compileall",
        "-q",
        f"-j{jobs}",
        "--invalidation-mode",
        "unchecked-hash",
        "-s",
        root,
        "-p",
        LAMBDA_TASK_ROOT,
        *paths,
    )


def build_dependencies(target: Target, python: Path, build_root: Path) -> Path:
    """Pinned wheels for the target platform, installed and compiled once per lock file."""
    key = _deps_key(target)
    folder = build_root / f"deps-py{target.python_version}-{target.arch}"
    stamp = folder / STAMP
    if stamp.exists() and stamp.read_text() == key:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    _run(
        find_uv(),
        "pip",
        "install",
        "--quiet",
        "--target",
        folder,
        "--python",
        python,
        "--python-platform",
        target.uv_platform,
        "--only-binary",
        ":all:",
        "--no-compile",
        "--requirements",
        LOCK,
    )
    prune(folder)
    _compile(python, folder, folder)
    stamp.write_text(key)
    return folder


def prune(folder: Path) -> None:
    """Leave out the models of every AWS service but KEPT_SERVICES, and the NEVER_IMPORTED
    packages (tests/deploy runs every recorded event through the result)."""
    for package in ("botocore", "boto3"):
        for entry in (folder / package / "data").iterdir():
            if entry.is_dir() and entry.name not in KEPT_SERVICES:
                shutil.rmtree(entry)
    for name in NEVER_IMPORTED:
        shutil.rmtree(folder / name)
        for metadata in folder.glob(f"{name.replace('_', '[-_]')}-*.dist-info"):
            shutil.rmtree(metadata)


def build(out: Path, target: Target) -> bool:
    """Make `out` the artifact for `target`; False when it was already up to date."""
    python = find_interpreter(target.python_version)
    if python is None:
        raise SystemExit(
            f"python{target.python_version} not found (template.yaml's runtime): "
            f"install it with `pyenv install {target.python_version}` or put it on PATH"
        )
    deps = build_dependencies(target, python, out.parent)
    deps_key = _deps_key(target)
    key = _folder_key(deps_key)
    stamp, deps_stamp = out / STAMP, out / DEPS_STAMP
    if stamp.exists() and stamp.read_text() == key:
        return False
    stamp.unlink(missing_ok=True)
    if deps_stamp.exists() and deps_stamp.read_text() == deps_key:
        # Same dependencies: replace only our own code (deleting thousands of files is slow).
        shutil.rmtree(out / PACKAGE.name, ignore_errors=True)
        for stale in (out / ENTRY.name, *(out / "__pycache__").glob(f"{ENTRY.stem}.*.pyc")):
            stale.unlink(missing_ok=True)
    else:
        shutil.rmtree(out, ignore_errors=True)
        # Hard links: instant, and safe since nothing here is ever rewritten in place.
        shutil.copytree(deps, out, ignore=shutil.ignore_patterns(STAMP), copy_function=_link)
        deps_stamp.write_text(deps_key)
    for path in _source_files():
        destination = out / path.relative_to(ENTRY.parent if path == ENTRY else ROOT)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
    _compile(python, out, out / ENTRY.name, out / PACKAGE.name, jobs=1)
    stamp.write_text(key)
    return True


def _link(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system
        shutil.copy2(source, destination)


def artifact_files(folder: Path) -> list[Path]:
    """The files that ship, in a stable order (build stamps stay behind)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in {STAMP, DEPS_STAMP})


def write_zip(folder: Path, destination: Path) -> None:
    """A deterministic zip (fixed dates, sorted entries), ready for `aws lambda` or the console."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in artifact_files(folder):
            info = zipfile.ZipInfo(str(path.relative_to(folder)), date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def copy_into(folder: Path, destination: Path) -> None:
    """Fill SAM's ARTIFACTS_DIR from the cached folder (hard links where the file system allows)."""
    destination.mkdir(parents=True, exist_ok=True)
    for path in artifact_files(folder):
        target = destination / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        _link(str(path), str(target))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the artifact folder")
    parser.add_argument("--arch", choices=sorted(CPU), help="default: template.yaml's")
    parser.add_argument("--zip", type=Path, help="also write this zip and report its size")
    parser.add_argument("--copy-to", type=Path, help="copy the folder here (SAM's ARTIFACTS_DIR)")
    args = parser.parse_args(argv)

    declared = template_target()
    target = Target(declared.python_version, args.arch or declared.arch)
    out: Path = args.out.resolve()
    rebuilt = build(out, target)
    files = artifact_files(out)
    size = sum(p.stat().st_size for p in files)
    state = "built" if rebuilt else "up to date"
    report = f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {state}, "
    report += f"python{target.python_version} {target.arch}, {len(files)} files, "
    report += f"{_megabytes(size)} unzipped (limit {UNZIPPED_LIMIT_MB} MB)"
    if args.zip:
        stale = not args.zip.exists() or args.zip.stat().st_mtime < (out / STAMP).stat().st_mtime
        if rebuilt or stale:
            write_zip(out, args.zip)
        report += f"; {args.zip.name} {_megabytes(args.zip.stat().st_size)}"
        report += f" (direct upload limit {ZIP_LIMIT_MB} MB)"
    print(report)
    if args.copy_to:
        copy_into(out, args.copy_to)
    return 0


if __name__ == "__main__":
    sys.exit(main())
