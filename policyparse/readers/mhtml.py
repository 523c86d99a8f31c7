"""MHTML web archives (.mht, .mhtml): the page inside, read as HTML.

Word's "single file web page" and browsers' "save as single file" write a MIME message whose
``text/html`` part is the page (quoted-printable or base64, in the page's own charset), the
images following as other parts.  Government sites often serve such a file under a ``.doc``
name.  The first HTML part is read by :func:`.html.read_html`, which takes the charset from the
page as it does for any page; the part's MIME charset is used when the page names none.
"""

from __future__ import annotations

import email
import email.policy

from ..errors import CorruptInput
from .html import read_html

#: The most MIME parts looked through for the page.
MAX_PARTS = 1000


def read_mhtml(data: bytes) -> tuple[str, str, dict[str, str]]:
    """The text of the archive's page; returns (text, encoding, metadata)."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for n, part in enumerate(msg.walk()):
        if n > MAX_PARTS:
            break
        if part.get_content_type() != "text/html":
            continue
        try:
            payload = part.get_payload(decode=True)
        except (ValueError, LookupError):  # a broken transfer encoding
            continue
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        charset = part.get_content_charset()
        if charset and b"charset" not in payload[:4096].lower():
            try:  # the page names no charset: the part's header does
                payload = b'<meta charset="utf-8">' + payload.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                pass
        return read_html(payload)
    raise CorruptInput("MHTML web archive without an HTML page inside")
