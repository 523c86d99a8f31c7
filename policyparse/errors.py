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
