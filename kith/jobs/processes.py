"""Which process runs a job, and whether that process has certainly ended."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def this_process() -> str:
    """This process: its host, its id and when it started (a restarted server often gives its
    new processes the old ones' ids)."""
    pid = os.getpid()
    return f"{socket.gethostname()} {pid} {_started(pid)}"


def _started(pid: int) -> str:
    """When a process started, in clock ticks since the machine booted (field 22 of Linux's
    /proc/PID/stat); empty if there is no such process, or the system does not say."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def process_gone(process: str) -> bool:
    """Whether a process has certainly ended. Only a process on this host can be looked at; for
    one on another host (or none recorded) its heartbeat decides."""
    host, _, rest = process.partition(" ")
    if not rest or host != socket.gethostname():
        return False
    pid, _, started = rest.partition(" ")
    if started:
        return _started(int(pid)) != started
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, as another user
        return False
    return False
