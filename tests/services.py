"""The services some tests talk to over a real connection, and what to do without them."""

import os
import socket

import pytest

REDIS = ("127.0.0.1", 6379)
REDIS_URL = f"redis://{REDIS[0]}:{REDIS[1]}/14"
# CI sets this: there a missing Redis is a failure, not a skip.
REQUIRE_REDIS = os.environ.get("NEWSROOM_REQUIRE_REDIS", "") not in ("", "0")


def redis_running() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


def need_redis() -> None:
    """Skip the calling test where no Redis runs; fail it where CI requires one."""
    if redis_running():
        return
    reason = f"no Redis at {REDIS[0]}:{REDIS[1]}"
    if REQUIRE_REDIS:
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_REDIS is set)", pytrace=False)
    pytest.skip(reason)
