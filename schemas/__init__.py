"""The contract with consumers: Arrow schemas, their version, and validation.

See docs/schema.md for the column-by-column description.
"""
from schemas.v1 import DOCUMENTS, POSTS, REJECTS, SCHEMA_VERSION, TABLES

__all__ = ["DOCUMENTS", "POSTS", "REJECTS", "SCHEMA_VERSION", "TABLES"]
