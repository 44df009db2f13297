"""What the parts of the load run share: where its files go, and how it reports progress."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)
