"""Pure cleaning functions: bytes in, a `Document` (or a `Reject`) out.

Nothing here imports Prefect or touches an archive. The entry point is
`cleaners.pipeline.clean_source`.
"""
