"""Named errors.  Every failure policyparse reports is a PolicyParseError."""

from __future__ import annotations


class PolicyParseError(Exception):
    """Base class of every error policyparse raises on bad input."""

    kind = "error"


class InputNotFound(PolicyParseError):
    """The input path does not exist or cannot be opened."""

    kind = "not-found"


class EmptyInput(PolicyParseError):
    """The input holds no bytes, or no text once decoded."""

    kind = "empty"


class DecodeError(PolicyParseError):
    """The bytes are not text in any supported encoding."""

    kind = "decode"


class UnsupportedFormat(PolicyParseError):
    """The input's format is not one policyparse reads (or needs an optional extra)."""

    kind = "unsupported-format"


class CorruptInput(PolicyParseError):
    """A container (zip, XML, PDF) is damaged, truncated or exceeds safety limits."""

    kind = "corrupt"


class ArchiveLimit(CorruptInput):
    """A zip archive walked by ``convert`` (or one of its members) goes beyond a safety
    limit: too many members, too much unpacked, a member too large or compressed beyond
    the ratio a document reaches (a zip bomb), a central directory too large."""

    kind = "archive-limit"


class EncryptedInput(UnsupportedFormat):
    """A member of a zip archive is encrypted (a password is needed to read it)."""

    kind = "encrypted"


class NestedArchive(UnsupportedFormat):
    """A zip archive inside a zip archive: not walked (one level only; unpack it first)."""

    kind = "nested-archive"
