"""HTML input: main-content extraction, then the same text cleaners as dumps."""
