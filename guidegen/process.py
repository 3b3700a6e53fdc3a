"""Whether guidegen owns the process it runs in: its console script, or one of its worker processes.

Some speed tricks change the whole process (the garbage collector paused while rendering, pydyf's
output patched while a PDF is written): they are taken only where guidegen owns the process, never
in a host program that calls ``guidegen.build``, whose other threads would see them.
"""

from __future__ import annotations

owned = False


def own() -> None:
    """Called by guidegen's entry points only: the console script and each worker process."""
    global owned
    owned = True
