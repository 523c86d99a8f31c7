"""Safe access to zip containers (DOCX, OFD) and to the XML inside them.

Limits guard against zip bombs and oversized or malformed archives; XML is parsed
with entity resolution, DTD loading and network access all off, and any XML that
declares a DOCTYPE (the only way to declare entities) is refused outright.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import TYPE_CHECKING

from ..errors import CorruptInput, UnsupportedFormat

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

MAX_ENTRIES = 2000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRY_SIZE = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_MIN_SIZE
RATIO_MIN_SIZE = 1024 * 1024
_CHUNK = 1 << 20


class SafeZip:
    """A read-only zip archive with size, count and compression-ratio limits."""

    def __init__(self, data: bytes, *, what: str = "zip archive") -> None:
        self.what = what
        self._read_total = 0
        try:
            self._zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zf.infolist()
        except (
            zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError
        ) as exc:  # (NotImplementedError: an entry claims a zip version no tool has, "12.6")
            raise CorruptInput(f"truncated or corrupt {what}: {_one_line(exc)}") from None
        if len(infos) > MAX_ENTRIES:
            raise CorruptInput(f"{what} has {len(infos)} entries (limit {MAX_ENTRIES})")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL_UNCOMPRESSED:
            raise CorruptInput(
                f"{what} would unpack to {declared} bytes (limit {MAX_TOTAL_UNCOMPRESSED}): zip bomb?"
            )
        self._infos = {i.filename: i for i in infos}
        self._lower = {_norm(name).lower(): name for name in self._infos}

    def close(self) -> None:
        """Close the archive now (not left to the garbage collector's ``__del__``)."""
        self._zf.close()

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
        info = self._infos[real]
        if info.flag_bits & 0x1:
            raise UnsupportedFormat(f"{self.what} is encrypted (entry {real!r}); decrypt it first")
        if info.file_size > MAX_ENTRY_SIZE:
            raise CorruptInput(
                f"{self.what}: entry {real!r} is {info.file_size} bytes (limit {MAX_ENTRY_SIZE})"
            )
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise CorruptInput(
                f"{self.what}: entry {real!r} compresses {info.file_size // max(info.compress_size, 1)}:1 "
                f"(limit {MAX_RATIO}:1): zip bomb?"
            )
        # Never trust the declared sizes: count what actually comes out.
        limit = min(MAX_ENTRY_SIZE, MAX_TOTAL_UNCOMPRESSED - self._read_total)
        out = bytearray()
        try:
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > limit:
                        raise CorruptInput(
                            f"{self.what}: entry {real!r} unpacks beyond the size limit ({limit} bytes): zip bomb?"
                        )
                    if len(out) > RATIO_MIN_SIZE and len(out) > MAX_RATIO * max(
                        info.compress_size, 1
                    ):
                        raise CorruptInput(
                            f"{self.what}: entry {real!r} unpacks to more than {MAX_RATIO}x its compressed size: zip bomb?"
                        )
        except CorruptInput:
            raise
        except NotImplementedError as exc:
            raise UnsupportedFormat(
                f"{self.what}: entry {real!r} uses an unsupported compression ({exc})"
            ) from None
        except (zipfile.BadZipFile, EOFError, ValueError, OSError, RuntimeError) as exc:
            raise CorruptInput(
                f"truncated or corrupt {self.what}: entry {real!r}: {_one_line(exc)}"
            ) from None
        except Exception as exc:  # zlib.error and friends
            raise CorruptInput(
                f"truncated or corrupt {self.what}: entry {real!r}: {_one_line(exc)}"
            ) from None
        self._read_total += len(out)
        return bytes(out)

    def read_xml(self, name: str) -> etree._Element:
        """Read and safely parse one XML entry."""
        real = self.find(name) or name
        return parse_xml(self.read(name), what=f"{self.what}: {real}")


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
