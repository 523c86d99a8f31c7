"""JSON Schema of the output contract, generated from the models (never hand-written)."""

from __future__ import annotations

import json
from pathlib import Path

from .models import SCHEMA_MODELS


def schema_texts() -> dict[str, str]:
    """File name → JSON Schema text for every top-level model."""
    out = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fname, text in schema_texts().items():
        p = folder / fname
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
