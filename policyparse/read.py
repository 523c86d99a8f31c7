"""Stage 1 — read: bytes → decoded text, with the encoding and format detected.

Formats: plain text (UTF-8, UTF-16 LE/BE with or without BOM, GB18030/GBK/GB2312),
HTML pages saved from government sites, DOCX, OFD and — with the optional
``policyparse[pdf]`` extra — text-layer PDF.  The format is detected by magic bytes
first, then by sniffing the decoded text for HTML, then by the file name.  The
format readers live in :mod:`policyparse.readers`; this module is the stage's entry.

Never drops bytes silently: text that is not valid in any supported encoding raises
DecodeError; images, archives and other binaries raise UnsupportedFormat; damaged
or oversized containers raise CorruptInput.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorruptInput, DecodeError, EmptyInput, InputNotFound, UnsupportedFormat
from .readers import (
    _EXT_FORMAT,
    _EXT_UNSUPPORTED,
    binary_kind,
    extension,
    is_pdf,
    is_zip,
    zip_format,
)
from .readers.html import looks_like_html
from .readers.text import decode_text

__all__ = ["ReadResult", "decode_text", "read_bytes", "read_file", "MAX_INPUT_BYTES"]

MAX_INPUT_BYTES = 256 * 1024 * 1024


@dataclass
class ReadResult:
    """What a reader produced: the decoded input text and facts about it.

    ``text`` is the decoded input (for HTML/DOCX/OFD/PDF the extracted text: block
    structure as line breaks, table rows as one line with cells separated by TAB);
    ``encoding`` is None for zip/PDF containers.
    """

    text: str
    encoding: str | None
    format: str
    sha256: str
    metadata: dict[str, str] = field(default_factory=dict)


def _read_container(data: bytes, name: str | None, digest: str) -> ReadResult:
    from .readers.ziputil import SafeZip

    with SafeZip(data, what="zip archive") as zf:
        fmt = zip_format(zf, name)
        zf.what = "DOCX file" if fmt == "docx" else "OFD file"
        if fmt == "docx":
            from .readers.docx import read_docx

            text, meta = read_docx(data, zf)
        else:
            from .readers.ofd import read_ofd

            text, meta = read_ofd(data, zf)
    return ReadResult(text=text, encoding=None, format=fmt, sha256=digest, metadata=meta)


def _looks_like_mhtml(text: str) -> bool:
    head = text[:2048].lower()
    return head.startswith("mime-version:") or (
        "content-type: multipart/related" in head and "boundary=" in head
    )


def read_bytes(data: bytes, *, name: str | None = None) -> ReadResult:
    """Read an input given as bytes; ``name`` (a file name) helps pick the format."""
    if not data:
        raise EmptyInput("input is empty (0 bytes)")
    if len(data) > MAX_INPUT_BYTES:
        raise CorruptInput(f"input is {len(data)} bytes (limit {MAX_INPUT_BYTES})")
    digest = hashlib.sha256(data).hexdigest()
    ext = extension(name)

    if is_zip(data):
        return _read_container(data, name, digest)
    if is_pdf(data):
        from .readers.pdf import read_pdf

        text, meta = read_pdf(data)
        return ReadResult(text=text, encoding=None, format="pdf", sha256=digest, metadata=meta)
    kind = binary_kind(data)
    if kind:
        raise UnsupportedFormat(f"input is {kind}, not a document policyparse reads")
    if ext in (".docx", ".ofd", ".pdf"):
        # gov sites often serve HTML under a document's name; anything else is a broken file
        try:
            sniffed = looks_like_html(decode_text(data)[0])
        except DecodeError:
            sniffed = False
        if not sniffed:
            what = "a zip archive" if ext != ".pdf" else "a PDF (no %PDF- header)"
            raise CorruptInput(f"input is named {ext} but is not {what}: truncated or mislabelled")
    if _EXT_FORMAT.get(ext) == "html":
        from .readers.html import read_html

        text, encoding, meta = read_html(data)
        return ReadResult(text=text, encoding=encoding, format="html", sha256=digest, metadata=meta)
    try:
        text, encoding = decode_text(data)
    except DecodeError as exc:
        if ext in _EXT_UNSUPPORTED:
            raise UnsupportedFormat(
                f"input looks like a {_EXT_UNSUPPORTED[ext]} (by its name) and is not text: "
                "not a format policyparse reads"
            ) from None
        raise exc from None
    if looks_like_html(text):
        from .readers.html import read_html

        text, encoding, meta = read_html(data)
        return ReadResult(text=text, encoding=encoding, format="html", sha256=digest, metadata=meta)
    if _looks_like_mhtml(text):
        raise UnsupportedFormat(
            "input is an MHTML web archive (.mht); save the page as HTML instead"
        )
    return ReadResult(text=text, encoding=encoding, format="txt", sha256=digest)


def read_file(path: str | Path) -> ReadResult:
    """Read a file from disk."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputNotFound(f"{p}: is a directory")
        if size > MAX_INPUT_BYTES:
            raise CorruptInput(f"{p}: {size} bytes (limit {MAX_INPUT_BYTES})")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputNotFound(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputNotFound(f"{p}: is a directory") from None
    except PermissionError:
        raise InputNotFound(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputNotFound(f"{p}: cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, name=p.name)
