"""PDF with a text layer, via the optional pypdf dependency (``pip install 'policyparse[pdf]'``).

pypdf is imported lazily, only when a PDF is read.  Text is taken page by page in
content order; page-number lines and running headers/footers are removed.  Pages
that carry images but no text (scans) are refused: policyparse does no OCR.
"""

from __future__ import annotations

import io
import logging
import re
from functools import cache
from typing import Any

from ..errors import CorruptInput, EmptyInput, UnsupportedFormat
from .pages import clean_pages, join_pages

MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PAGES = 5000
NEEDS_EXTRA = "PDF support needs the optional extra: pip install 'policyparse[pdf]'"


@cache
def _quiet_pypdf() -> None:
    """pypdf warns loudly about harmless quirks: its logger is set to ERROR, once per process
    (setLevel takes logging's module lock and clears every logger's cache: not per file,
    and not where a time limit may interrupt it, when the batch warm-up has done it)."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _one_line(exc: BaseException) -> str:
    return " ".join((str(exc) or type(exc).__name__).split())


def _draws_images(page) -> bool:
    """Whether the page paints an XObject image (a scan) — not merely lists one in its resources."""
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        xobjects = resources.get("/XObject")
        if not xobjects:
            return False
        xobjects = xobjects.get_object()
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        for name in set(re.findall(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b", data)):
            ref = xobjects.get("/" + name.decode("latin-1"))
            if ref is not None and ref.get_object().get("/Subtype") in ("/Image", "/Form"):
                return True
    except Exception:  # a damaged resource dictionary: assume it may hold a scan
        return True
    return False


def read_pdf(data: bytes) -> tuple[str, dict[str, str]]:
    """Extract the text layer of a PDF; returns (text, metadata)."""
    try:
        import pypdf
    except ImportError:
        raise UnsupportedFormat(NEEDS_EXTRA) from None
    if len(data) > MAX_PDF_BYTES:
        raise CorruptInput(f"PDF is {len(data)} bytes (limit {MAX_PDF_BYTES})")
    _quiet_pypdf()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise UnsupportedFormat(
                    f"PDF is encrypted and cannot be opened: {_one_line(exc)}"
                ) from None
            if not ok:
                raise UnsupportedFormat("PDF is encrypted with a password; decrypt it first")
        n = len(reader.pages)
    except (UnsupportedFormat, CorruptInput):
        raise
    except Exception as exc:
        raise CorruptInput(f"truncated or corrupt PDF: {_one_line(exc)}") from None
    if n == 0:
        raise EmptyInput("PDF has no pages")
    if n > MAX_PAGES:
        raise CorruptInput(f"PDF has {n} pages (limit {MAX_PAGES})")
    pages: list[list[str]] = []
    scanned: list[int] = []
    for i in range(n):
        try:
            page = reader.pages[i]
            text = page.extract_text() or ""
        except Exception as exc:
            raise CorruptInput(
                f"PDF page {i + 1} of {n} cannot be read: {_one_line(exc)}"
            ) from None
        if not text.strip():
            if _draws_images(page):
                scanned.append(i + 1)
            continue  # a blank page
        pages.append(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if scanned:
        which = (
            "all pages"
            if len(scanned) == n
            else "page"
            + ("s " if len(scanned) > 1 else " ")
            + ", ".join(map(str, scanned[:10]))
            + ("…" if len(scanned) > 10 else "")
        )
        raise UnsupportedFormat(
            f"PDF has no text layer on {which} of {n} (scanned PDF?); OCR it first"
        )
    text = join_pages(clean_pages(pages))
    if not text.strip():
        raise EmptyInput("PDF has no text layer (scanned PDF?); OCR it first")
    metadata: dict[str, str] = {"pages": str(n)}
    try:
        info: Any = reader.metadata or {}
        for key in (
            "/Title",
            "/Author",
            "/Subject",
            "/Creator",
            "/Producer",
            "/CreationDate",
            "/ModDate",
        ):
            value = info.get(key)
            if value:
                metadata[key.lstrip("/")] = " ".join(str(value).split())
    except Exception:
        pass  # metadata is optional
    return text, metadata
