"""Helpers for paged formats (PDF, OFD): drop page numbers and running headers/footers."""

from __future__ import annotations

import re
from collections import Counter

# — 3 —, - 3 -, －3－, 3, 第3页, 第 3 页 共 10 页, 3/10, Page 3 of 10
_PAGE_NUMBER = re.compile(
    r"^[\s\u3000]*(?:"
    r"[-—–－―~～·•]*[\s\u3000]*\d{1,3}[\s\u3000]*[-—–－―~～·•]*"
    r"|第[\s\u3000]*\d{1,4}[\s\u3000]*页(?:[\s\u3000,，/]*共[\s\u3000]*\d{1,4}[\s\u3000]*页)?"
    r"|\d{1,4}[\s\u3000]*/[\s\u3000]*\d{1,4}"
    r"|(?i:page)[\s\u3000]*\d{1,4}(?:[\s\u3000]*(?i:of)[\s\u3000]*\d{1,4})?"
    r")[\s\u3000]*$"
)
EDGE = 2  # lines at the top and the bottom of a page where headers/footers/page numbers sit
MAX_RUNNING = 40  # a running header/footer is a short line


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line))


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"[\s\u3000]+", "", line))


def clean_pages(pages: list[list[str]]) -> list[list[str]]:
    """Remove page-number lines and running headers/footers from each page's lines.

    A running header/footer is a short line that appears (digits ignored) among the
    first or last ``EDGE`` non-blank lines of at least 60% of the pages (3+ pages).
    """
    pages = [[ln.rstrip() for ln in page] for page in pages]

    def edges(page: list[str]) -> list[int]:
        idx = [i for i, ln in enumerate(page) if ln.strip()]
        return sorted(set(idx[:EDGE] + idx[-EDGE:]))

    running: set[str] = set()
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for page in pages:
            keys = {_key(page[i]) for i in edges(page) if len(page[i].strip()) <= MAX_RUNNING}
            counts.update(k for k in keys if k and k != "#")
        running = {k for k, n in counts.items() if n >= max(3, 0.6 * len(pages))}
    out = []
    for page in pages:
        drop = {i for i in edges(page) if is_page_number(page[i]) or _key(page[i]) in running}
        out.append([ln for i, ln in enumerate(page) if i not in drop])
    return out


def join_pages(pages: list[list[str]]) -> str:
    """Lines joined by newlines, pages separated by a blank line; blank runs collapsed."""
    chunks = []
    for page in pages:
        text = "\n".join(page).strip("\n")
        text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
        if text.strip():
            chunks.append(text)
    return "\n\n".join(chunks)
