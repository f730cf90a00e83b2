"""Identification and inspection: models (filled in by the issue-4 work)."""
