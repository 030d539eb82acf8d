#!/usr/bin/env python3
"""Build, check and preview an explainer site. Run `python build.py --help`."""

import os
import sys

from explainer.cli import main

if __name__ == "__main__":
    profiled = sys.getprofile() is not None or sys.gettrace() is not None
    status = main(exiting=not profiled)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a closed pipe (`build.py ... | head`): nothing more can be said
            pass
    if profiled:
        sys.exit(status)  # a profiler or coverage tool writes its report at exit
    # Ending the process here skips the interpreter's teardown, which frees every object a build
    # made one by one: most of a second at 10,000 records, for nothing. Everything the build writes
    # is closed by now, and the engine registers no exit handlers.
    os._exit(status or 0)
