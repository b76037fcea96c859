"""Rewrite every reminders transcript from its user lines:
`python -m tests.voice.reminder_transcripts`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.fakes.alexa_api import FakeAlexaServer, make_certificate
from tests.voice.reminder_transcripts import render, transcript_files


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = make_certificate(Path(tmp))
        os.environ["SSL_CERT_FILE"] = str(cert)
        with FakeAlexaServer(cert, key) as api:
            for path in transcript_files():
                before = path.read_text(encoding="utf-8")
                after = render(before, path.parent.name, api)
                if after != before:
                    path.write_text(after, encoding="utf-8")
                    print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
