"""``policyparse eval GOLD_DIR SOURCE_DIR``: score the parser against human annotations.

Gold files follow the format of shared/gold/README.md: one JSON per source
file (``<stem>.json`` for ``<SOURCE_DIR>/<stem>.*``), each with documents
holding title / doc_number / issuer / date / is_draft, headings, assignments
and targets.  Scores printed:

* metadata — accuracy of each field over gold documents;
* headings — precision / recall / F1 of (path, title) pairs (and of paths alone);
* assignments — per unit and role: (section path, role, full name) triples,
  explicit gold items only (``"implicit": true`` items are optional);
* targets — strict: value, value_max, unit, comparator, year, deadline and
  kind equal and the indicator matching (one contains the other, or
  character similarity ≥ 0.6); also a loose score (value and unit only).

Nothing outside the package is needed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import regex

from .models import Document, ParsedFile

_STRIP = regex.compile(r"[\s，。、“”\"《》（）()：:；;]")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    scores: dict[str, PRF] = field(default_factory=dict)
    metadata: Counter = field(default_factory=Counter)
    metadata_total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    files: int = 0

    def prf(self, name: str) -> PRF:
        return self.scores.setdefault(name, PRF())

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "documents": self.metadata_total,
            "metadata_accuracy": {
                k: round(v / self.metadata_total, 4) if self.metadata_total else 1.0
                for k, v in sorted(self.metadata.items())
            },
            "scores": {k: v.as_dict() for k, v in self.scores.items()},
            "errors": self.errors,
        }


def _norm(s: str | None) -> str:
    return _STRIP.sub("", s or "")


def _count_match(gold: list[Any], pred: list[Any]) -> PRF:
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def indicator_match(gold: str, pred: str) -> bool:
    a, b = _norm(gold), _norm(pred)
    if not a or not b:
        return a == b
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.6


def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def _target_strict(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return (
        _num_eq(g.get("value"), p.get("value"))
        and _num_eq(g.get("value_max"), p.get("value_max"))
        and (g.get("unit") or None) == (p.get("unit") or None)
        and g.get("comparator") == p.get("comparator")
        and g.get("year") == p.get("year")
        and g.get("deadline") == p.get("deadline")
        and g.get("kind") == p.get("kind")
        and indicator_match(g.get("indicator", ""), p.get("indicator", ""))
    )


def _target_loose(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return _num_eq(g.get("value"), p.get("value")) and (g.get("unit") or None) == (p.get("unit") or None)


def _greedy(gold: list[dict], pred: list[dict], same) -> tuple[PRF, list[dict], list[dict]]:
    used = [False] * len(pred)
    missed = []
    tp = 0
    for g in gold:
        hit = None
        # prefer a prediction in the same section
        order = sorted(range(len(pred)), key=lambda i: pred[i].get("path") != g.get("under"))
        for i in order:
            if not used[i] and same(g, pred[i]):
                hit = i
                break
        if hit is None:
            missed.append(g)
        else:
            used[hit] = True
            tp += 1
    extra = [pred[i] for i in range(len(pred)) if not used[i]]
    return PRF(tp, len(extra), len(missed)), missed, extra


def _pair_documents(gold_docs: list[dict], docs: list[Document]) -> list[tuple[dict, Document | None]]:
    pairs: list[tuple[dict, Document | None]] = []
    free = list(docs)
    for g in gold_docs:
        best, best_score = None, -1.0
        for d in free:
            s = SequenceMatcher(None, _norm(g.get("title")), _norm(d.title)).ratio()
            if s > best_score:
                best, best_score = d, s
        if best is not None and best_score >= 0.5:
            free.remove(best)
            pairs.append((g, best))
        elif free:
            pairs.append((g, free.pop(0)))
        else:
            pairs.append((g, None))
    return pairs


def _flat_sections(doc: Document) -> list[tuple[tuple[str, ...], str]]:
    out = []

    def walk(ss):
        for s in ss:
            out.append((tuple(s.path), _norm(s.title)))
            walk(s.children)

    walk(doc.sections)
    return out


def score_document(report: Report, g: dict[str, Any], d: Document | None, name: str) -> None:
    report.metadata_total += 1
    if d is None:
        report.errors.append({"file": name, "error": "document not found", "title": g.get("title")})
        d = Document(span={"start": 0, "end": 0, "source_start": 0, "source_end": 0})  # type: ignore[arg-type]
    dn = d.doc_number.raw if d.doc_number else None
    for fld, got in (
        ("title", _norm(d.title) == _norm(g.get("title"))),
        ("doc_number", _norm(dn) == _norm(g.get("doc_number"))),
        ("issuer", _norm(d.issuer) == _norm(g.get("issuer"))),
        ("date", d.date == g.get("date")),
        ("is_draft", bool(d.is_draft) == bool(g.get("is_draft"))),
    ):
        report.metadata[fld] += int(got)
        if not got:
            report.errors.append({"file": name, "metadata": fld, "gold": g.get(fld), "got": getattr(d, fld) if fld != "doc_number" else dn})

    if "headings" in g:
        gold_h = [(tuple(h["path"]), _norm(h.get("title"))) for h in g["headings"]]
        pred_h = _flat_sections(d)
        report.prf("headings").add(_count_match(gold_h, pred_h))
        report.prf("heading_paths").add(_count_match([p for p, _ in gold_h], [p for p, _ in pred_h]))
        for h_path, h_title in Counter(gold_h) - Counter(pred_h):
            report.errors.append({"file": name, "heading_missed": list(h_path), "title": h_title})
        for h_path, h_title in Counter(pred_h) - Counter(gold_h):
            report.errors.append({"file": name, "heading_extra": list(h_path), "title": h_title})

    if "assignments" in g:
        gold_u: list[tuple] = []
        optional: list[tuple] = []
        for a in g["assignments"]:
            under = tuple(a.get("under") or a.get("path") or [])
            units = [(under, "lead", _norm(n)) for n in a.get("lead", [])] + [
                (under, "support", _norm(n)) for n in a.get("support", [])
            ]
            (optional if a.get("implicit") else gold_u).extend(units)
        pred_u = []
        for a in d.assignments:
            units = [(tuple(a.path), "lead", _norm(x.name)) for x in a.lead] + [
                (tuple(a.path), "support", _norm(x.name)) for x in a.support
            ]
            if a.explicit:
                pred_u.extend(units)
        # predictions matching optional (implicit) gold items are neither right nor wrong
        opt = Counter(optional)
        pred_c = Counter(pred_u) - (opt - Counter(gold_u))
        prf = _count_match(gold_u, list(pred_c.elements()))
        report.prf("assignment_units").add(prf)
        for unit in Counter(gold_u) - Counter(pred_u):
            report.errors.append({"file": name, "assignment_missed": list(unit)})
        for unit in pred_c - Counter(gold_u):
            report.errors.append({"file": name, "assignment_extra": list(unit)})
        gj = Counter((tuple(a.get("under") or []), bool(a.get("jointly"))) for a in g["assignments"] if not a.get("implicit"))
        pj = Counter((tuple(a.path), a.jointly) for a in d.assignments if a.explicit)
        report.prf("assignment_notes").add(_count_match(list(gj.elements()), list(pj.elements())))

    if "citations" in g:
        gold_cit = [(_norm(c.get("title")), _norm(c.get("doc_number"))) for c in g["citations"]]
        pred_cit = [(_norm(c.title), _norm(c.doc_number.raw if c.doc_number else None)) for c in d.citations]
        report.prf("citations").add(_count_match(gold_cit, pred_cit))
        for title, num in Counter(gold_cit) - Counter(pred_cit):
            report.errors.append({"file": name, "citation_missed": {"title": title, "doc_number": num}})
        for title, num in Counter(pred_cit) - Counter(gold_cit):
            report.errors.append({"file": name, "citation_extra": {"title": title, "doc_number": num}})

    if "targets" in g:
        gold_t = list(g["targets"])
        pred_t = [t.model_dump() for t in d.targets]
        prf, missed, extra = _greedy(gold_t, pred_t, _target_strict)
        report.prf("targets_strict").add(prf)
        prf2, _, _ = _greedy(gold_t, pred_t, _target_loose)
        report.prf("targets_value_unit").add(prf2)
        keys = ("indicator", "value", "unit", "comparator", "year", "deadline", "kind")
        for gt in missed:
            report.errors.append({"file": name, "target_missed": {k: gt.get(k) for k in ("under", *keys)}})
        for pt in extra:
            report.errors.append({"file": name, "target_extra": {k: pt.get(k) for k in ("path", *keys)}})


def find_source(source_dir: Path, stem: str, gold_source: str | None) -> Path | None:
    if gold_source:
        p = source_dir / Path(gold_source).name
        if p.exists():
            return p
    for p in sorted(source_dir.glob(stem + ".*")):
        if p.suffix != ".json":
            return p
    return None


def evaluate(gold_dir: str | Path, source_dir: str | Path) -> Report:
    from .pipeline import parse_file

    gold_dir, source_dir = Path(gold_dir), Path(source_dir)
    report = Report()
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "documents" not in gold:
            continue
        src = find_source(source_dir, gpath.stem, gold.get("source"))
        if src is None:
            report.errors.append({"file": gpath.name, "error": f"no source file for {gpath.stem} in {source_dir}"})
            continue
        parsed: ParsedFile = parse_file(src)
        report.files += 1
        for g, d in _pair_documents(gold["documents"], parsed.documents):
            score_document(report, g, d, src.name)
    return report


def format_report(report: Report, *, errors: bool = False) -> str:
    lines = [f"files: {report.files}   documents: {report.metadata_total}", ""]
    lines.append("metadata accuracy: " + "  ".join(
        f"{k} {v / report.metadata_total:.3f}" if report.metadata_total else k for k, v in sorted(report.metadata.items())
    ))
    lines.append("")
    lines.append(f"{'':22}{'precision':>10}{'recall':>10}{'F1':>10}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, s in report.scores.items():
        lines.append(f"{name:22}{s.precision:10.3f}{s.recall:10.3f}{s.f1:10.3f}{s.tp:6}{s.fp:6}{s.fn:6}")
    if errors and report.errors:
        lines.append("")
        lines.append("differences:")
        for e in report.errors:
            lines.append("  " + json.dumps(e, ensure_ascii=False))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:  # python -m policyparse.evaluate
    import sys

    from .cli import main as cli_main

    return cli_main(["eval", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    raise SystemExit(main())
