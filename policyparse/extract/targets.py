"""targets extraction (work in progress: returns nothing yet)."""

from __future__ import annotations

from typing import Any


def extract_targets(ctx: Any) -> list[Any]:
    return []
