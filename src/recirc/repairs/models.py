"""Repairs and refurbishment: models (filled in by the issue-4 work)."""
