#!/usr/bin/env python
"""Django's manage.py, for those who expect it; `thesisdesk` is the same command."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from thesisdesk.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
