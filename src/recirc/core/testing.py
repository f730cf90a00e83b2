"""Test helpers shared by the contexts' PostgreSQL race tests (imported by tests only)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

from recirc.core.errors import DomainError


def race_outcomes(*calls: Callable[[], Any], success: Any = None) -> list[Any]:
    """Run the calls at the same moment, each in its own thread and database connection; each outcome is the
    call's value (or `success` when given) or the domain error's code, in the order the threads finished."""
    barrier, outcomes, lock = threading.Barrier(len(calls)), [], threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            value = call()
            outcome = value if success is None else success
        except DomainError as error:
            outcome = error.code
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def race(*calls: Callable[[], Any]) -> list[str]:
    """Run the calls at the same moment; each outcome "ok" or the domain error's code, sorted."""
    return sorted(race_outcomes(*calls, success="ok"))
