"""Where the browser tests find Debian's Chromium, and how they start it."""

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# CI sets this: on a clean checkout a missing browser is a failure, not a skip.
REQUIRE_BROWSER = os.environ.get("NEWSROOM_REQUIRE_BROWSER", "") not in ("", "0")
