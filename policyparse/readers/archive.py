"""Zip archives of documents — a policy's attachments published as 附件.zip — read as
inputs of their own: ``convert`` walks their members as it walks a folder's files.

:func:`list_archive` opens an archive (its central directory only) and sorts its entries:
the members to read (a suffix ``convert`` walks), each with its path in the archive
decoded and made safe; folders, hidden entries and other suffixes (images…) left out, as
a folder walk leaves them; archives inside (refused: one level only).  :func:`read_member`
unpacks one member by its :class:`MemberRef` (what a worker process is handed), with the
limits of :class:`~policyparse.readers.ziputil.SafeZip`.

Names: a member whose name carries the UTF-8 flag (bit 11) is UTF-8; the Info-ZIP Unicode
Path extra field (0x7075) is taken when its CRC matches the name; any other name is bytes
in the code page of the machine that zipped it — GBK on a Chinese Windows, which zipfile
reads as CP437 mojibake (``¸½¼þ1.docx`` for 附件1.docx).  Those bytes are decoded as UTF-8
when every such name of the archive is valid UTF-8, else as GB18030 (a superset of GBK)
when every one is, else name by name (UTF-8, GB18030, CP437).

Paths: backslashes are separators; empty, ``.`` and ``..`` parts and a drive (``C:``) are
dropped, so that no member lands outside its archive's folder (``../../etc/passwd`` →
``etc/passwd``); control characters become ``_``.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import zipfile
import zlib
from dataclasses import dataclass, field

from ..errors import (
    ArchiveLimit,
    EmptyInput,
    EncryptedInput,
    InputNotFound,
    NestedArchive,
    PolicyParseError,
)
from . import extension, zip_format
from .ziputil import MAX_ENTRIES, SafeZip

__all__ = [
    "ARCHIVE_SUFFIXES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_UNPACKED",
    "MEMBER_SEP",
    "Listing",
    "Member",
    "MemberRef",
    "is_archive_name",
    "list_archive",
    "member_sha256",
    "nothing_to_read",
    "read_member",
    "refuse_nested",
]

#: File name endings read as archives of documents.
ARCHIVE_SUFFIXES = (".zip",)
#: Between an archive's path and a member's path in ``source.path`` and the manifest's
#: ``input``: ``in/a/附件.zip!/附件1.docx`` (as Java names a jar's entries).
MEMBER_SEP = "!/"
#: Entries an archive may hold (folders and files left out included).
MAX_MEMBERS = MAX_ENTRIES
#: What an archive may unpack to, all members together (declared sizes; zipfile never
#: unpacks more than a member declares).
MAX_UNPACKED = 1 << 30
#: What one member may unpack to: what a file alone may be (read.MAX_INPUT_BYTES).
MAX_MEMBER_BYTES = 256 * 1024 * 1024
#: Folders that archivers put beside the files and that hold none of the user's.
_JUNK_FOLDERS = frozenset({"__MACOSX"})


def is_archive_name(name: str) -> bool:
    """Whether a file name is an archive's (by its suffix)."""
    return extension(name) in ARCHIVE_SUFFIXES


@dataclass(frozen=True)
class MemberRef:
    """What a worker needs to read one member (picklable, small)."""

    archive: str  #: the archive's path
    index: int  #: the member's place in the central directory
    zname: str  #: zipfile's name for it: the archive must not have changed meanwhile


@dataclass(frozen=True)
class Member:
    """One member of an archive to read."""

    ref: MemberRef
    path: str  #: its path in the archive, decoded and made safe (POSIX)
    size: int  #: declared unpacked size


@dataclass
class Listing:
    """What an archive holds, sorted for a walk."""

    #: Members with a suffix convert reads, in the archive's order.
    members: list[Member] = field(default_factory=list)
    #: Archives inside the archive (their safe paths): refused, one level only.
    nested: list[Member] = field(default_factory=list)
    #: Paths left out: folders are not counted; hidden entries and other suffixes are.
    skipped: list[str] = field(default_factory=list)
    #: The archive is itself a document package (a .docx, .xlsx or .ofd named .zip):
    #: its format, to be read as one file.
    package: str | None = None


def _archive(path: str | os.PathLike[str], what: str) -> SafeZip:
    return SafeZip(
        path,
        what=what,
        max_entries=MAX_MEMBERS,
        max_total=MAX_UNPACKED,
        max_entry=MAX_MEMBER_BYTES,
        limit_error=ArchiveLimit,
        encrypted_error=EncryptedInput,
        count_total=False,
    )


def open_archive(path: str | os.PathLike[str]) -> SafeZip:
    """Open a walked archive with its limits; InputNotFound when it cannot be opened (or
    is no regular file), CorruptInput when it is no zip archive or a damaged one, ArchiveLimit beyond a limit."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # (a named pipe would hang the batch here)
            raise InputNotFound("not a regular file (a folder, a named pipe or a device)")
        return _archive(path, "zip archive")
    except FileNotFoundError:
        raise InputNotFound("no such file") from None
    except PermissionError:
        raise InputNotFound("permission denied") from None
    except IsADirectoryError:
        raise InputNotFound("is a directory") from None
    except OSError as exc:
        raise InputNotFound(f"cannot read ({exc.strerror or exc})") from None


def list_archive(path: str | os.PathLike[str], *, suffixes: tuple[str, ...]) -> Listing:
    """Sort the entries of the archive at path (see the module's docstring); ``suffixes``:
    those of the members to read.  Raises as :func:`open_archive`."""
    with open_archive(path) as zf:
        listing = Listing()
        if "[Content_Types].xml" in zf or "OFD.xml" in zf:
            try:
                listing.package = zip_format(zf)
                return listing
            except PolicyParseError:
                pass  # (a presentation…: its parts are walked, and left out by their suffixes)
        names = decode_names(zf.infos)
        for i, (info, name) in enumerate(zip(zf.infos, names, strict=True)):
            if info.is_dir() or name.endswith(("/", "\\")):
                continue
            safe = safe_path(name)
            if safe is None:
                continue
            member = Member(MemberRef(os.fspath(path), i, info.filename), safe, info.file_size)
            parts = safe.split("/")
            if any(p.startswith(".") or p in _JUNK_FOLDERS for p in parts):
                listing.skipped.append(safe)
            elif is_archive_name(safe):
                listing.nested.append(member)
            elif extension(safe) in suffixes:
                listing.members.append(member)
            else:
                listing.skipped.append(safe)
        return listing


# --------------------------------------------------------------------------- names


_UNICODE_PATH = 0x7075  # Info-ZIP Unicode Path extra field


def _unicode_path(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """The name in an Info-ZIP Unicode Path extra field, when its CRC is the raw name's."""
    extra = info.extra
    i = 0
    while i + 4 <= len(extra):
        tag, size = int.from_bytes(extra[i : i + 2], "little"), int.from_bytes(extra[i + 2 : i + 4], "little")
        body = extra[i + 4 : i + 4 + size]
        if tag == _UNICODE_PATH and len(body) >= 5 and body[0] == 1:
            if int.from_bytes(body[1:5], "little") == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
        i += 4 + size
    return None


def _raw_name(info: zipfile.ZipInfo) -> bytes | None:
    """The bytes of a name zipfile decoded as CP437 (no UTF-8 flag), or None."""
    if info.flag_bits & 0x800:
        return None
    try:
        return info.filename.encode("cp437")
    except UnicodeEncodeError:  # (zipfile given another metadata encoding)
        return None


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def decode_names(infos: list[zipfile.ZipInfo]) -> list[str]:
    """Every entry's name, decoded as the module's docstring says."""
    raws = [_raw_name(i) for i in infos]
    names: list[str | None] = []
    for info, raw in zip(infos, raws, strict=True):
        names.append(_unicode_path(info, raw) if raw is not None and not raw.isascii() else None)
    unknown = [r for r, n in zip(raws, names, strict=True) if r is not None and n is None and not r.isascii()]
    whole = next((enc for enc in ("utf-8", "gb18030") if all(_decodes(r, enc) for r in unknown)), None)
    out = []
    for info, raw, name in zip(infos, raws, names, strict=True):
        if name is not None:
            out.append(name)
        elif raw is None or raw.isascii():
            out.append(info.filename)
        else:
            enc = whole or next((e for e in ("utf-8", "gb18030") if _decodes(raw, e)), None)
            out.append(raw.decode(enc) if enc else info.filename)
    return out


_CONTROLS = {c: "_" for c in (*range(0x20), 0x7F)}


def safe_path(name: str) -> str | None:
    """A member's name as a relative POSIX path that stays inside its archive's folder
    (None when nothing is left: ``..``, ``/``)."""
    parts: list[str] = []
    for part in name.replace("\\", "/").split("/"):
        if not parts and len(part) >= 2 and part[1] == ":" and part[0].isascii() and part[0].isalpha():
            part = part[2:]  # a drive: C:\\x, C:x
        part = part.translate(_CONTROLS).strip()
        if part in ("", ".", ".."):
            continue
        parts.append(part)
    return "/".join(parts) or None


# --------------------------------------------------------------------------- reading


class _Cache:
    """The archive last read from, kept open (one per process and thread: members of one
    archive are read one after another), and reopened when the file changed."""

    def __init__(self) -> None:
        self.local = threading.local()

    def get(self, path: str) -> SafeZip:
        st = os.stat(path)
        key = (path, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        held = getattr(self.local, "held", None)
        if held is not None and held[0] == key:
            return held[1]
        self.close()
        zf = open_archive(path)
        self.local.held = (key, zf)
        return zf

    def close(self) -> None:
        held = getattr(self.local, "held", None)
        if held is not None:
            held[1].close()
            self.local.held = None


_CACHE = _Cache()


def _info(ref: MemberRef) -> tuple[SafeZip, zipfile.ZipInfo]:
    try:
        zf = _CACHE.get(ref.archive)
    except OSError as exc:
        raise InputNotFound(f"the archive cannot be read ({exc.strerror or exc})") from None
    if ref.index >= len(zf.infos) or zf.infos[ref.index].filename != ref.zname:
        raise InputNotFound("the archive changed since it was listed")
    return zf, zf.infos[ref.index]


def member_chunks(ref: MemberRef, label: str = "member"):
    """The unpacked bytes of a member, a chunk at a time (limits enforced)."""
    zf, info = _info(ref)
    return zf.chunks(info, label)


def read_member(ref: MemberRef) -> bytes:
    """The unpacked bytes of a member.  Raises InputNotFound (the archive is gone or
    changed), ArchiveLimit (beyond a limit: a bomb), EncryptedInput, CorruptInput (a bad
    CRC, a damaged stream), UnsupportedFormat (a compression method zipfile lacks), each
    with a message starting "member"."""
    return b"".join(member_chunks(ref))


def member_sha256(ref: MemberRef) -> str | None:
    """The SHA-256 of a member's unpacked bytes, or None when it cannot be read."""
    h = hashlib.sha256()
    try:
        for chunk in member_chunks(ref):
            h.update(chunk)
    except PolicyParseError:
        return None
    return h.hexdigest()


def nothing_to_read(listing: Listing) -> EmptyInput:
    """The error of an archive holding no member to read (and what it holds instead)."""
    left = listing.skipped
    if not left:
        return EmptyInput("the archive holds no document to read")
    shown = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
    what = "1 file" if len(left) == 1 else f"{len(left)} files"
    return EmptyInput(f"the archive holds no document to read ({what} left out: {shown})")


def refuse_nested(path: str) -> NestedArchive:
    """The error of an archive found inside an archive."""
    return NestedArchive(
        f"an archive inside an archive is not walked (one level only): unpack {path.rsplit('/', 1)[-1]} first"
    )


def close_cache() -> None:
    """Close the archive this thread keeps open."""
    _CACHE.close()
