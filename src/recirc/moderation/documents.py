"""The rules as documents: Markdown rendered safely, a line diff between two versions, and the downloadable
Markdown file.

Markdown goes through markdown-it-py with raw HTML turned off (HTML in the text is shown as text, never run)
and its link check (no `javascript:`, `vbscript:`, `file:` or `data:` links), so an editor's text can never
carry script into the public page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from recirc.moderation.models import TransactionRules

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_markdown(text: str) -> SafeString:
    return mark_safe(_MARKDOWN.render(text or ""))


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "same", "gap"
    text: str


def diff_lines(old: str, new: str, *, context: int = 2) -> list[DiffLine]:
    """What changed, line by line, with `context` unchanged lines around each change."""
    old_lines, new_lines = (old or "").splitlines(), (new or "").splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                lines.extend(DiffLine("same", line) for line in old_lines[old_start:old_end])
                continue
            lines.extend(DiffLine("removed", line) for line in old_lines[old_start:old_end])
            lines.extend(DiffLine("added", line) for line in new_lines[new_start:new_end])
    return lines


def unified_diff(old: TransactionRules, new: TransactionRules, language: str) -> str:
    return "\n".join(difflib.unified_diff(old.body(language).splitlines(), new.body(language).splitlines(),
                                          fromfile=f"v{old.version}", tofile=f"v{new.version}", lineterm=""))


def _moment(value: object) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"  # type: ignore[arg-type]


def markdown_document(rules: TransactionRules, language: str) -> str:
    """The version as a Markdown file: title, its dates, the summary of changes, then the text."""
    header = [f"# {rules.title(language)}", "",
              f"- {_('Version')}: {rules.version}",
              f"- {_('Published')}: {_moment(rules.published_at)}",
              f"- {_('In force from')}: {_moment(rules.effective_from)}", ""]
    summary = rules.summary(language)
    if summary:
        header += [f"## {_('Summary of changes')}", "", summary, ""]
    return "\n".join([*header, rules.body(language).strip(), ""])
