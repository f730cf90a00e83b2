"""A web worker loads the URL configuration; it must not load the machine-learning stack or the Chinese word
dictionary until a request needs them (B1: worker RSS <= 150 MB). Checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recirc.config.settings")
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(",".join(sorted(name for name in ("sklearn", "scipy", "joblib", "rjieba", "lightgbm", "pandas", "numpy",
                                       "openpyxl", "docx")
                      if name in sys.modules)))
"""


def test_loading_the_urls_leaves_the_heavy_libraries_unloaded() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == ""
