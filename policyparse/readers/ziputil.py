"""Safe access to zip containers (DOCX, OFD) and to the XML inside them.

Limits guard against zip bombs and oversized or malformed archives; XML is parsed
with entity resolution, DTD loading and network access all off, and any XML that
declares a DOCTYPE (the only way to declare entities) is refused outright.
"""

from __future__ import annotations

import io
import os
import posixpath
import struct
import zipfile
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from ..errors import CorruptInput, PolicyParseError, UnsupportedFormat

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

MAX_ENTRIES = 2000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRY_SIZE = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_MIN_SIZE
RATIO_MIN_SIZE = 1024 * 1024
_CHUNK = 1 << 20


class SafeZip:
    """A read-only zip archive with size, count and compression-ratio limits.

    ``data``: the archive's bytes, or a path or binary file to read it from (a walked
    archive is not read whole: its central directory first, then one member at a time).
    The limits default to those of a document package (DOCX, XLSX, OFD); a walked archive
    (:mod:`policyparse.readers.archive`) passes its own, and ``limit_error`` /
    ``encrypted_error``, the error classes to raise.  ``count_total``: also count what all
    reads unpack together against ``max_total`` (a package is read once; an archive's
    members may be read more than once — hashed, then converted —, and zipfile never
    unpacks more than a member's declared size, whose total is checked on opening).
    """

    def __init__(
        self,
        data: bytes | str | os.PathLike[str] | IO[bytes],
        *,
        what: str = "zip archive",
        max_entries: int = MAX_ENTRIES,
        max_total: int = MAX_TOTAL_UNCOMPRESSED,
        max_entry: int = MAX_ENTRY_SIZE,
        limit_error: type[PolicyParseError] = CorruptInput,
        encrypted_error: type[PolicyParseError] = UnsupportedFormat,
        count_total: bool = True,
    ) -> None:
        self.what = what
        self.max_entry, self.max_total = max_entry, max_total
        self.limit_error, self.encrypted_error = limit_error, encrypted_error
        self.count_total = count_total
        self._read_total = 0
        self._own: IO[bytes] | None = None
        if isinstance(data, (bytes, bytearray)):
            fp: IO[bytes] = io.BytesIO(data)
        elif isinstance(data, (str, os.PathLike)):
            fp = self._own = open(data, "rb")  # noqa: SIM115  (closed by close())
        else:
            fp = data
        try:
            _check_directory(fp, what, max_entries, limit_error)
            self._zf = zipfile.ZipFile(fp)
            infos = self._zf.infolist()
        except PolicyParseError:
            self._close_own()
            raise
        except (
            zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError,
            UnicodeDecodeError,
        ) as exc:  # (NotImplementedError: an entry claims a zip version no tool has, "12.6";
            # UnicodeDecodeError: a name flagged UTF-8 that is not)
            self._close_own()
            raise CorruptInput(f"truncated or corrupt {what}: {_one_line(exc)}") from None
        if len(infos) > max_entries:
            self._close_own()
            raise limit_error(f"{what} has {len(infos)} entries (limit {max_entries})")
        declared = sum(i.file_size for i in infos)
        if declared > max_total:
            self._close_own()
            raise limit_error(f"{what} would unpack to {declared} bytes (limit {max_total}): zip bomb?")
        self.infos = infos
        self._infos = {i.filename: i for i in infos}
        self._lower = {_norm(name).lower(): name for name in self._infos}

    def _close_own(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None

    def close(self) -> None:
        """Close the archive now (not left to the garbage collector's ``__del__``)."""
        self._zf.close()
        self._close_own()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, name: str) -> str | None:
        """The archive's spelling of ``name`` (leading '/' ignored, case-insensitive fallback)."""
        if name in self._infos:
            return name
        name = _norm(name)
        if name in self._infos:
            return name
        return self._lower.get(name.lower())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def read(self, name: str) -> bytes:
        """Read one entry, enforcing per-entry, total and compression-ratio limits."""
        real = self.find(name)
        if real is None:
            raise CorruptInput(f"{self.what} lacks the entry {name!r}")
        return b"".join(self.chunks(self._infos[real], f"{self.what}: entry {real!r}"))

    def chunks(self, info: zipfile.ZipInfo, label: str) -> Iterator[bytes]:
        """The unpacked bytes of one entry, a chunk at a time, with the limits enforced
        (``label`` names the entry in the messages: ``LABEL is encrypted``…)."""
        if info.flag_bits & 0x1:
            raise self.encrypted_error(f"{label} is encrypted; decrypt it first")
        if info.file_size > self.max_entry:
            raise self.limit_error(f"{label} is {info.file_size} bytes (limit {self.max_entry})")
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise self.limit_error(
                f"{label} compresses {info.file_size // max(info.compress_size, 1)}:1 "
                f"(limit {MAX_RATIO}:1): zip bomb?"
            )
        # Never trust the declared sizes: count what actually comes out.
        limit = min(self.max_entry, self.max_total - self._read_total) if self.count_total else self.max_entry
        size = 0
        try:
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > limit:
                        raise self.limit_error(f"{label} unpacks beyond the size limit ({limit} bytes): zip bomb?")
                    if size > RATIO_MIN_SIZE and size > MAX_RATIO * max(info.compress_size, 1):
                        raise self.limit_error(
                            f"{label} unpacks to more than {MAX_RATIO}x its compressed size: zip bomb?"
                        )
                    yield chunk
        except PolicyParseError:
            raise
        except NotImplementedError as exc:
            raise UnsupportedFormat(f"{label} uses an unsupported compression ({exc})") from None
        except Exception as exc:  # BadZipFile (a bad CRC), EOFError, zlib.error and friends
            raise CorruptInput(f"{label}: truncated or corrupt: {_one_line(exc)}") from None
        if self.count_total:
            self._read_total += size

    def read_xml(self, name: str) -> etree._Element:
        """Read and safely parse one XML entry."""
        real = self.find(name) or name
        return parse_xml(self.read(name), what=f"{self.what}: {real}")


#: The most bytes a central directory may take per entry allowed (a name, an extra field
#: and a comment of 64 KB each are possible, 4 KB is plenty): checked before zipfile
#: builds an object per entry, so that a directory of millions of tiny entries is refused
#: before it takes the memory.
_DIRECTORY_BYTES_PER_ENTRY = 4096


def _check_directory(fp: IO[bytes], what: str, max_entries: int, limit_error: type[PolicyParseError]) -> None:
    """Refuse an archive whose end record declares more entries, or a larger central
    directory, than the limits allow (zipfile would read every entry first)."""
    try:
        # (private, stable since Python 2)
        end = zipfile._EndRecData(fp)  # type: ignore[attr-defined]
    except (OSError, ValueError, struct.error, AttributeError):
        return  # (zipfile names what is wrong)
    if not end:
        return
    entries, size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
    if entries > max_entries or size > max_entries * _DIRECTORY_BYTES_PER_ENTRY:
        raise limit_error(
            f"{what} has {entries} entries in a central directory of {size} bytes (limit {max_entries} entries)"
        )


def _norm(name: str) -> str:
    return posixpath.normpath(name.replace("\\", "/").lstrip("/"))


def resolve(base: str, loc: str) -> str:
    """Resolve a package path ``loc`` relative to the directory ``base`` ('/x' is absolute)."""
    loc = loc.strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, loc)).lstrip("/")


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())


_PARSER = None
_DTD_MARKS = tuple(
    mark.encode(enc)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be")
)


def xml_parser():
    """An lxml XML parser that resolves no entities, loads no DTD and never uses the network."""
    global _PARSER
    if _PARSER is None:
        from lxml import etree

        _PARSER = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
        )
    return _PARSER


def parse_xml(data: bytes, *, what: str) -> etree._Element:
    """Parse XML bytes safely; a DOCTYPE (and so any entity declaration) is refused."""
    from lxml import etree

    if any(m in data for m in _DTD_MARKS):
        raise CorruptInput(f"{what} declares a DOCTYPE/entities, which are refused for safety")
    try:
        root = etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptInput(f"{what} is not well-formed XML: {_one_line(exc)}") from None
    except ValueError as exc:
        raise CorruptInput(f"{what} cannot be parsed: {_one_line(exc)}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise CorruptInput(f"{what} declares a DOCTYPE/entities, which are refused for safety")
    return root


def local(tag: object) -> str:
    """Local name of an lxml tag ('' for comments, PIs and entity references)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
