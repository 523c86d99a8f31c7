"""Format readers: one module per input format, each turning bytes into text.

``detect_format`` looks at magic bytes first (zip → DOCX or OFD by the entries
inside, ``%PDF-``, known image/archive/binary signatures), then at the decoded
text (HTML sniffing), then at the file name's extension.  The reader modules import
lxml / pypdf only when they are first used, so ``import policyparse`` stays light.
"""

from __future__ import annotations

import posixpath

from ..errors import UnsupportedFormat

FORMATS = ("txt", "html", "mhtml", "docx", "doc", "rtf", "xlsx", "xls", "spreadsheetml", "wordml", "pdf", "ofd")
#: The namespaces of Excel and Word 2003 XML files (one XML file each, often served as .xls / .doc).
SPREADSHEETML_NS = "urn:schemas-microsoft-com:office:spreadsheet"
WORDML_NS = "http://schemas.microsoft.com/office/word/2003/wordml"
#: An OLE2 compound file: legacy Word / WPS and Excel (read), PowerPoint (refused).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# signature → what it is (refused with UnsupportedFormat)
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x00\x00\x01\x00", "an ICO image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"%!PS", "a PostScript file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a web font"),
    (b"\xca\xfe\xba\xbe", "a Java class / Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
)
_EXT_FORMAT = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".csv": "txt",
    ".tsv": "txt",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".jhtml": "html",
    ".asp": "html",
    ".aspx": "html",
    ".jsp": "html",
    ".php": "html",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".ofd": "ofd",
    ".pdf": "pdf",
}
_EXT_UNSUPPORTED = {
    ".ppt": "PowerPoint .ppt",
    ".pptx": "PowerPoint .pptx",
    ".png": "PNG image",
    ".jpg": "JPEG image",
    ".jpeg": "JPEG image",
    ".gif": "GIF image",
    ".bmp": "BMP image",
    ".tif": "TIFF image",
    ".tiff": "TIFF image",
    ".zip": "zip archive",
    ".rar": "RAR archive",
    ".7z": "7-Zip archive",
    ".gz": "gzip archive",
    ".exe": "executable",
    ".dll": "executable",
    ".xml": "XML file",
    ".json": "JSON file",
}


def extension(name: str | None) -> str:
    if not name:
        return ""
    return posixpath.splitext(name.replace("\\", "/").lower())[1]


def binary_kind(data: bytes) -> str | None:
    """What a file with a known non-document signature is, or None."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    if data[4:8] == b"ftyp":
        return "an MP4/HEIC media file"
    if data[:2] == b"BM" and len(data) > 14 and data[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    if data[:2] == b"MZ" and b"This program cannot be run in DOS mode" in data[:512]:
        return "a Windows executable"
    return None


def is_zip(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"))


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def zip_format(zf, name: str | None = None) -> str:
    """'docx' or 'ofd' by the entries inside a zip; anything else is refused."""
    if "OFD.xml" in zf:
        return "ofd"
    if "word/document.xml" in zf:
        return "docx"
    if "xl/workbook.xml" in zf:
        return "xlsx"
    if "[Content_Types].xml" in zf:
        ct = zf.read("[Content_Types].xml")
        if b"wordprocessingml" in ct:
            return "docx"
        if b"spreadsheetml" in ct:
            return "xlsx"
        if b"presentationml" in ct:
            raise UnsupportedFormat(
                "input is a presentation (.pptx), not a document policyparse reads"
            )
    if any(n.lower().endswith("document.xml") for n in zf.names) and any(
        n.lower().endswith("content.xml") for n in zf.names
    ):
        return "ofd"  # an OFD whose OFD.xml is missing: the OFD reader reports it
    raise UnsupportedFormat(
        f"input is a zip archive with neither a DOCX nor an OFD inside ({len(zf.names)} entries); "
        "to read the documents in an archive named .zip, use policyparse convert (or parse NAME.zip)"
    )
