"""Device data erasure: models (filled in by the issue-4 work)."""
