"""policyparse — Chinese government policy documents → typed, checkable data.

``parse_text(text)`` and ``parse_file(path)`` return a :class:`ParsedFile`.
Heavy modules are imported on first use, so ``import policyparse`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["parse_text", "parse_file", "ParsedFile", "PolicyParseError", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .errors import PolicyParseError
    from .models import ParsedFile
    from .pipeline import parse_file, parse_text


def __getattr__(name: str) -> Any:
    if name in ("parse_text", "parse_file"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "ParsedFile":
        from .models import ParsedFile

        return ParsedFile
    if name == "PolicyParseError":
        from .errors import PolicyParseError

        return PolicyParseError
    raise AttributeError(f"module 'policyparse' has no attribute {name!r}")
