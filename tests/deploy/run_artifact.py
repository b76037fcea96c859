"""Runs inside the built Lambda folder, as the Lambda runtime would (not imported by pytest).

    pythonX.Y -I -S tests/deploy/run_artifact.py ARTIFACT_DIR EVENTS.json RESULT.json

`-I -S`: no site-packages, no user paths, no PYTHON* variables: only the standard library and the
artifact are importable, so anything missing from the build fails here.
"""

from __future__ import annotations

import json
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any

HEAVY = ("ask_sdk_core", "ask_sdk_model", "ask_sdk_runtime", "boto3", "botocore", "requests")


class Context:
    """The bits of Lambda's context object the skill reads."""

    def __init__(self, request_id: str) -> None:
        self.aws_request_id = request_id
        self.function_name = "morning-moves-skill"

    def get_remaining_time_in_millis(self) -> int:
        return 7000


def _origins(artifact: Path) -> dict[str, list[str]]:
    """Loaded modules by where they came from: the artifact, the standard library, elsewhere."""
    stdlib = {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib")}
    found: dict[str, list[str]] = {"artifact": [], "stdlib": [], "elsewhere": []}
    for name, module in sorted(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not file or module is sys.modules["__main__"]:  # this script (also as __mp_main__)
            continue
        path = Path(file).resolve()
        if path.is_relative_to(artifact):
            found["artifact"].append(name)
        elif any(path.is_relative_to(root) for root in stdlib):
            found["stdlib"].append(name)
        else:
            found["elsewhere"].append(f"{name}: {path}")
    return found


def main() -> None:
    artifact, events_file, result_file = (Path(arg).resolve() for arg in sys.argv[1:4])
    sys.path.insert(0, str(artifact))
    events: list[dict[str, Any]] = json.loads(events_file.read_text())

    started = time.perf_counter()
    import app  # the artifact's entry, found on sys.path

    import_ms = (time.perf_counter() - started) * 1000
    heavy_at_import = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))

    responses, handler_ms = [], []
    for number, event in enumerate(events):
        started = time.perf_counter()
        responses.append(app.handler(event, Context(f"request-{number}")))
        handler_ms.append(round((time.perf_counter() - started) * 1000, 1))

    result = {
        "import_ms": import_ms,
        "heavy_at_import": heavy_at_import,
        "origins": _origins(artifact),
        "responses": responses,
        "handler_ms": handler_ms,
    }
    result_file.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
