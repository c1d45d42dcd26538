"""Who is calling: API tokens (hashed), roles, per-repository grants and rate limits."""
