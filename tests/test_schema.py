"""The committed JSON Schema is generated from the models and must not be stale."""

from __future__ import annotations

import json
from pathlib import Path

from policyparse.models import ParsedFile
from policyparse.schema import schema_texts

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_committed_schema_is_current():
    for name, text in schema_texts().items():
        committed = SCHEMAS / name
        assert committed.exists(), f"{committed} missing: run `policyparse schema -o schemas`"
        assert committed.read_text(encoding="utf-8") == text, f"{committed} is stale: run `policyparse schema -o schemas`"


def _walk(schema, where="root"):
    if isinstance(schema, dict):
        if "properties" in schema:
            for key, prop in schema["properties"].items():
                assert "description" in prop, f"{where}.{key} has no description"
        for k, v in schema.items():
            _walk(v, f"{where}.{k}")
    elif isinstance(schema, list):
        for v in schema:
            _walk(v, where)


def test_every_field_described():
    _walk(ParsedFile.model_json_schema())


def test_contract_field_names():
    s = json.loads(schema_texts()["parsed_file.schema.json"])
    defs = s["$defs"]
    assert {"source", "text", "repairs", "documents"} <= set(s["properties"])
    assert {"title", "doc_number", "issuer", "date", "is_draft", "span", "sections", "assignments", "targets", "citations"} <= set(defs["Document"]["properties"])
    assert {"marker", "path", "level", "title", "span", "children"} <= set(defs["Section"]["properties"])
    assert {"path", "lead", "support", "jointly", "raw", "span"} <= set(defs["Assignment"]["properties"])
    assert {"name", "raw"} <= set(defs["Agency"]["properties"])
    assert {"path", "indicator", "value", "value_max", "unit", "comparator", "year", "deadline", "kind", "raw", "span"} <= set(defs["Target"]["properties"])
    assert {"title", "doc_number", "raw", "span"} <= set(defs["Citation"]["properties"])
    assert {"start", "end", "source_start", "source_end"} == set(defs["Span"]["properties"])
