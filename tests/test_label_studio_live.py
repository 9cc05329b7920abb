"""The round trip through a real Label Studio server (scripts/label_studio_roundtrip.py): installs label-studio and
label-studio-sdk into their own virtual environment (minutes the first time), serves on 127.0.0.1 only. Skipped
unless asked for:

    RUN_LABEL_STUDIO=1 HF_HUB_OFFLINE=1 python -m pytest -m label_studio tests/test_label_studio_live.py
"""
import os
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = [pytest.mark.label_studio,
              pytest.mark.skipif(not os.environ.get("RUN_LABEL_STUDIO"),
                                 reason="starts a real Label Studio server (installs it on first use); "
                                        "set RUN_LABEL_STUDIO=1 to run it")]


def test_seeds_and_20_ant_documents_go_through_label_studio_and_back_unchanged():
    venv = os.environ.get("LABEL_STUDIO_VENV", "/tmp/arabic-ie-label-studio-venv")
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "label_studio_roundtrip.py"), "--venv", venv],
                       cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "annotations: 26 documents" in r.stdout and "predictions: 26 documents" in r.stdout
    assert "round trip: OK, every document unchanged" in r.stdout
