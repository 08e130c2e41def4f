"""Worker processes that do not outlive the build that started them.

A build killed outright (SIGKILL, the OOM killer, a restarted bot) gets no chance to stop its
workers, and nothing in `multiprocessing` does it for them: a spawned worker holds both ends of
its queue's pipe, so it never sees its parent go and runs on, or blocks for ever writing
results no one reads, under PID 1. Each worker therefore watches its parent itself.
"""

from __future__ import annotations

import os
import threading
import time

POLL_S = 0.5  # how soon after its parent's death a worker notices
EXIT_ORPHANED = 70


def exit_with_parent(parent_pid: int, poll_s: float = POLL_S) -> None:
    """End this process soon after ``parent_pid`` stops being its parent.

    Call first thing in a worker, with the pid the parent passed (asking `os.getppid` here
    would be too late if the parent is already gone).
    """
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll_s)
        # `os._exit`, not `sys.exit`: a normal exit waits to flush the queue to a parent that
        # will never read it, and nothing the worker wrote is committed without the parent.
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
