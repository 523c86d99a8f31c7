"""Stage 1 — read: bytes → decoded text, with the encoding and format detected.

Formats: plain text (UTF-8, UTF-16 LE/BE with or without BOM, GB18030/GBK/GB2312, Big5),
HTML pages saved from government sites (and MHTML archives of them), DOCX, legacy Word DOC
and WPS, RTF, XLSX and XLS, OFD and — with the optional
``policyparse[pdf]`` extra — text-layer PDF.  The format is detected by magic bytes
first, then by sniffing the decoded text for HTML, then by the file name.  The
format readers live in :mod:`policyparse.readers`; this module is the stage's entry.

Never drops bytes silently: text that is not valid in any supported encoding raises
DecodeError; images, archives and other binaries raise UnsupportedFormat (``convert``
and ``parse NAME.zip`` read the documents in a .zip: :mod:`policyparse.readers.archive`);
damaged or oversized containers raise CorruptInput.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorruptInput, DecodeError, EmptyInput, InputNotFound, UnsupportedFormat
from .readers import (
    _EXT_FORMAT,
    _EXT_UNSUPPORTED,
    OLE_MAGIC,
    SPREADSHEETML_NS,
    WORDML_NS,
    binary_kind,
    extension,
    is_pdf,
    is_zip,
    zip_format,
)
from .readers.html import looks_like_html
from .readers.text import decode_text

__all__ = ["ReadResult", "decode_text", "printable", "read_bytes", "read_file", "read_path", "MAX_INPUT_BYTES"]

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
        zf.what = {"docx": "DOCX file", "xlsx": "XLSX workbook"}.get(fmt, "OFD file")
        if fmt == "docx":
            from .readers.docx import read_docx

            text, meta = read_docx(data, zf)
        elif fmt == "xlsx":
            from .readers.xlsx import read_xlsx

            text, meta = read_xlsx(data, zf)
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
    if data[:64].lstrip().startswith(b"{\\rtf"):
        from .readers.rtf import read_rtf

        text, meta = read_rtf(data)
        return ReadResult(text=text, encoding=None, format="rtf", sha256=digest, metadata=meta)
    if data.startswith(OLE_MAGIC):  # legacy Word / WPS, Excel 97–2003 (a .ppt is refused)
        from .readers.doc import CompoundFile, read_doc

        try:
            cf = CompoundFile(data)
        except (IndexError, ValueError) as exc:
            raise CorruptInput(f"damaged OLE2 file ({type(exc).__name__}: {exc})") from None
        if cf.has("Workbook") or cf.has("Book"):
            from .readers.xls import read_xls

            text, meta = read_xls(data, cf)
            return ReadResult(text=text, encoding=None, format="xls", sha256=digest, metadata=meta)
        text, meta = read_doc(data, cf)
        return ReadResult(text=text, encoding=None, format="doc", sha256=digest, metadata=meta)
    kind = binary_kind(data)
    if kind:
        raise UnsupportedFormat(f"input is {kind}, not a document policyparse reads")
    if ext in (".docx", ".xlsx", ".ofd", ".pdf"):
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
        if ext in (".doc", ".wps", ".xls"):
            raise CorruptInput(
                f"input is named {ext} but is neither an Office 97–2003 file (OLE2) nor text nor an HTML page: "
                "truncated or mislabelled"
            ) from None
        if ext in _EXT_UNSUPPORTED:
            raise UnsupportedFormat(
                f"input looks like a {_EXT_UNSUPPORTED[ext]} (by its name) and is not text: "
                "not a format policyparse reads"
            ) from None
        raise exc from None
    if WORDML_NS in text[:4096] and text.lstrip("\ufeff \r\n\t").startswith("<"):
        from .readers.docx import read_wordml

        text, meta = read_wordml(data)
        return ReadResult(text=text, encoding=encoding, format="wordml", sha256=digest, metadata=meta)
    if SPREADSHEETML_NS in text[:4096] and text.lstrip("\ufeff \r\n\t").startswith("<"):
        from .readers.xlsx import read_spreadsheetml

        text, meta = read_spreadsheetml(data)
        return ReadResult(text=text, encoding=encoding, format="spreadsheetml", sha256=digest, metadata=meta)
    if _looks_like_mhtml(text):  # (before the HTML sniff: the page inside may show through)
        from .readers.mhtml import read_mhtml

        text, encoding, meta = read_mhtml(data)
        return ReadResult(text=text, encoding=encoding, format="mhtml", sha256=digest, metadata=meta)
    if looks_like_html(text):
        from .readers.html import read_html

        text, encoding, meta = read_html(data)
        return ReadResult(text=text, encoding=encoding, format="html", sha256=digest, metadata=meta)
    return ReadResult(text=text, encoding=encoding, format="txt", sha256=digest)


def printable(s: str) -> str:
    """``s`` as valid Unicode: a file name's bytes that are not UTF-8 (which Python keeps as
    lone surrogates, U+DC80–U+DCFF) become ``\\xNN``, any other lone surrogate ``\\uXXXX``.

    Paths go into JSON, CSV and Parquet, which hold Unicode text only: a name like
    ``b'\\xb9\\xe6\\xbb\\xae.txt'`` (GBK bytes on a UTF-8 system) is written as
    ``\\xb9\\xe6\\xbb\\xae.txt``, not refused.
    """
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        pass
    try:
        raw = s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate outside the escape range: no bytes stand behind it
        return s.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_path(path: str | Path, *, regular_only: bool = False) -> bytes:
    """The bytes of the file at ``path``, with every way of failing named.

    InputNotFound: missing, a directory, unreadable, or (``regular_only``) not a regular
    file — a batch walking folders must not hang on a named pipe nobody writes to, nor read
    a device without end.  CorruptInput: over MAX_INPUT_BYTES.  Whatever the file says its
    size is, at most MAX_INPUT_BYTES + 1 bytes are read (a pipe or /proc file has no size).
    """
    p = Path(path)
    shown = printable(str(p))
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputNotFound(f"{shown}: is a directory")
        if not stat.S_ISREG(st.st_mode) and regular_only:
            what = next((name for test, name in _NOT_REGULAR if test(st.st_mode)), "not a regular file")
            raise InputNotFound(f"{shown}: {what}, not a regular file")
        if st.st_size > MAX_INPUT_BYTES:
            raise CorruptInput(f"{shown}: {st.st_size} bytes (limit {MAX_INPUT_BYTES})")
        with open(p, "rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputNotFound(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputNotFound(f"{shown}: is a directory") from None
    except PermissionError:
        raise InputNotFound(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputNotFound(f"{shown}: cannot read ({exc.strerror or exc})") from None
    except ValueError:  # a NUL in the path: no file can be named so
        raise InputNotFound(f"{shown}: no such file (the path holds a NUL character)") from None
    if len(data) > MAX_INPUT_BYTES:
        raise CorruptInput(f"{shown}: more than {MAX_INPUT_BYTES} bytes (the limit)")
    return data


def read_file(path: str | Path) -> ReadResult:
    """Read a file from disk (a named pipe too, e.g. ``<(zcat a.txt.gz)``; see read_path)."""
    return read_bytes(read_path(path), name=printable(Path(path).name))
