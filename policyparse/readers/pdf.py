"""PDF with a text layer, via the optional pypdf dependency (``pip install 'policyparse[pdf]'``).

pypdf is imported lazily, only when a PDF is read.  Text is taken page by page in
content order; page-number lines and running headers/footers are removed.  Pages
that carry images but no text (scans) are refused: policyparse does no OCR.
"""

from __future__ import annotations

import copy
import io
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


#: The fonts parsed so far in the document this thread is reading (see _fonts_shared).
_fonts = threading.local()


@cache
def _share_fonts() -> bool:
    """Let pypdf parse each font of a document once, not once per page.

    pypdf builds a page's fonts anew for every page it reads (``Font.from_font_resource``),
    parsing each font's ToUnicode map again: a CJK font's map holds thousands of entries,
    and a document's pages share its fonts, so this parsing was about 85 % of reading a
    Chinese PDF (70 ms a page).  Once per process, the builder is wrapped: while
    :func:`_fonts_shared` is active in a thread, a font dictionary already built in its
    document is answered from there (a copy: pypdf sets a page's space width on it).
    Returns False, and nothing changes, with a pypdf without that builder (6.4 and before;
    it lives in ``pypdf.generic._font`` from about 6.20, in ``pypdf._font`` before): pages
    are then read as before, more slowly.
    """
    import importlib

    font_class: Any = None
    for where in ("pypdf.generic._font", "pypdf._font"):
        try:
            font_class = getattr(importlib.import_module(where), "Font", None)
        except ImportError:
            continue
        if font_class is not None:
            break
    built = font_class.__dict__.get("from_font_resource") if font_class is not None else None
    if not isinstance(built, classmethod):
        return False
    build = built.__func__
    Font = font_class

    def from_font_resource(cls: Any, pdf_font_dict: Any) -> Any:
        known: dict[int, tuple[Any, Any]] | None = getattr(_fonts, "known", None)
        if known is None or cls is not Font:
            return build(cls, pdf_font_dict)
        hit = known.get(id(pdf_font_dict))
        if hit is None or hit[0] is not pdf_font_dict:  # (the dictionary is held: its id stays its own)
            hit = known[id(pdf_font_dict)] = (pdf_font_dict, build(cls, pdf_font_dict))
        return copy.copy(hit[1])

    from_font_resource.__wrapped__ = build  # type: ignore[attr-defined]
    Font.from_font_resource = classmethod(from_font_resource)
    return True


@contextmanager
def _fonts_shared() -> Iterator[None]:
    """While reading one document in this thread: each font dictionary is built once (the
    reader resolves a font referenced by every page to one dictionary)."""
    _share_fonts()
    outer = getattr(_fonts, "known", None)
    _fonts.known = {}
    try:
        yield
    finally:
        _fonts.known = outer


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
    with _fonts_shared():
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
