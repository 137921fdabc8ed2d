"""Prefect flows and tasks. Thin: they wire the steps, the work lives elsewhere."""
