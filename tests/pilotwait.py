"""Waiting for a Textual app's state in Pilot tests: the condition a test then asserts, never a guessed pause.

The privmon app reads in worker threads. A fixed pause guesses the machine's speed: a faster or a slower
(or busier) machine than the author's sees another state when the pause ends (the official CI's faster
machine did). These wait for what the test asserts next, with a deadline far beyond any machine's need.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

WAIT = 60.0  # seconds: what the app's workers may take on a loaded or slow machine before a test gives up


async def until(pilot: Any, done: Callable[[], bool], seconds: float = WAIT) -> None:
    """Wait until `done()` holds, or the deadline (the test's assertion then says what was wrong)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.05)


async def workers_done(pilot: Any, seconds: float = WAIT) -> None:
    """Wait until no worker runs, also after what the last one delivered was handled (it may start another)."""
    app = pilot.app
    deadline = time.monotonic() + seconds
    calm = 0
    while calm < 3 and time.monotonic() < deadline:
        await pilot.pause(0.05)
        calm = 0 if app.workers else calm + 1
