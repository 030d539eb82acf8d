#!/usr/bin/env python3
"""Build, check and preview an explainer site. Run `python build.py --help`."""

import sys

from explainer.cli import main

if __name__ == "__main__":
    sys.exit(main())
