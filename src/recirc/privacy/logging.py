"""A logging filter that masks identity and phone numbers before any handler writes a record.

It is a last line of defence: code must not log personal values in the first place. It covers the
message (after argument interpolation), the formatted traceback and the stack information.
"""

from __future__ import annotations

import logging
import re

# 18-character resident identity numbers, optionally written in groups ("110105 19491231 002X").
_RESIDENT_ID = re.compile(r"(?<!\d)(\d{6})[ -]?\d{4}[ -]?\d{4}[ -]?(\d{3}[\dXx])(?!\d)")
# Mainland mobile numbers, with or without +86 / 86 and with spaces or dashes ("+86 138-1234-5678").
_MOBILE = re.compile(r"(?<!\d)((?:\+|00)?86[ -]?)?(1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)")


def mask_text(text: str) -> str:
    text = _RESIDENT_ID.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    return _MOBILE.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}****{m.group(3)}", text)


class MaskPiiFilter(logging.Filter):
    """Rewrites the final message so that no plain identity or phone number reaches a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when it is set, so the traceback is written masked.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
