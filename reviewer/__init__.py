"""reviewer: a security review service for AI-generated code."""

__version__ = "0.1.0"
