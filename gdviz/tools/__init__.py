"""Developer tools (screenshots for the README)."""
