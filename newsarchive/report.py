"""The run summary: what came in, what became of it, how fast."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What became of inputs: kept by a batch, and summed over a run."""

    inputs: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: Counter = field(default_factory=Counter)  # "stage: reason" -> count
    posts: int = 0
    rules: Counter = field(default_factory=Counter)  # rule -> lines removed or repaired
    warnings: Counter = field(default_factory=Counter)  # archived, but worth a look
    bytes_read: int = 0

    def add(self, other: "Tally") -> None:
        """Add another tally's outcomes (not its inputs: a run counts those up front)."""
        self.new += other.new
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.rejected.update(other.rejected)
        self.posts += other.posts
        self.rules.update(other.rules)
        self.warnings.update(other.warnings)
        self.bytes_read += other.bytes_read


@dataclass
class RunSummary(Tally):
    archive: str = ""
    near_duplicates: int = 0  # new/replaced documents flagged as near-duplicates of earlier ones
    seconds: float = 0.0
    batches: int = 0
    flow_run_id: str | None = None

    @property
    def n_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def accounted(self) -> bool:
        return self.inputs == self.new + self.replaced + self.unchanged + self.n_rejected

    def add(self, batch: Tally) -> None:
        super().add(batch)
        self.batches += 1

    @classmethod
    def from_dict(cls, result: dict) -> "RunSummary":
        """Rebuild a summary from the flow's return value (`as_dict`)."""
        summary = cls(**{k: result[k] for k in ("archive", "inputs", "new", "replaced", "unchanged", "posts",
                                                "bytes_read", "seconds", "batches", "flow_run_id")})
        summary.near_duplicates = result.get("near_duplicates", 0)
        summary.rejected.update(result["rejected_by_reason"])
        summary.rules.update(result["rules"])
        summary.warnings.update(result.get("warnings", {}))
        return summary

    def as_dict(self) -> dict:
        return {
            "archive": self.archive, "inputs": self.inputs, "new": self.new, "replaced": self.replaced,
            "unchanged": self.unchanged, "rejected": self.n_rejected, "rejected_by_reason": dict(self.rejected),
            "posts": self.posts, "near_duplicates": self.near_duplicates, "rules": dict(self.rules), "warnings": dict(self.warnings), "bytes_read": self.bytes_read,
            "seconds": round(self.seconds, 3), "batches": self.batches, "flow_run_id": self.flow_run_id,
        }

    def line(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        mbps = self.bytes_read / 1e6 / self.seconds if self.seconds else 0.0
        return (f"{self.inputs} inputs: {self.new} new, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.n_rejected} rejected; {self.posts} posts; {self.near_duplicates} near-duplicates; {self.seconds:.1f}s "
                f"({rate:.1f} docs/s, {mbps:.2f} MB/s) -> {self.archive}")

    def text(self) -> str:
        out = [f"newsarchive run: {self.line()}"]
        for reason, n in sorted(self.rejected.items()):
            out.append(f"  rejected {n:>4} x {reason}")
        for warning, n in sorted(self.warnings.items()):
            out.append(f"  warning {n:>4} x {warning}")
        if self.rules:
            top = ", ".join(f"{r} {n}" for r, n in self.rules.most_common(12))
            out.append(f"  rules fired: {top}")
        return "\n".join(out)

    def markdown(self) -> str:
        rows = [("inputs", self.inputs), ("new", self.new), ("replaced", self.replaced),
                ("unchanged", self.unchanged), ("rejected", self.n_rejected), ("posts", self.posts), ("near-duplicates", self.near_duplicates),
                ("seconds", f"{self.seconds:.2f}"),
                ("throughput", f"{self.inputs / self.seconds if self.seconds else 0.0:.1f} docs/s, "
                               f"{self.bytes_read / 1e6 / self.seconds if self.seconds else 0.0:.2f} MB/s"),
                ("archive", f"`{self.archive}`")]
        md = ["# newsarchive run", "", "| measure | value |", "|---|---|"]
        md += [f"| {k} | {v} |" for k, v in rows]
        if self.rejected:
            md += ["", "## Rejected", "", "| reason | count |", "|---|---|"]
            md += [f"| {r} | {n} |" for r, n in sorted(self.rejected.items())]
        if self.warnings:
            md += ["", "## Warnings", "", "| warning | count |", "|---|---|"]
            md += [f"| {w} | {n} |" for w, n in sorted(self.warnings.items())]
        if self.rules:
            md += ["", "## Rules fired", "", "| rule | count |", "|---|---|"]
            md += [f"| {r} | {n} |" for r, n in self.rules.most_common()]
        return "\n".join(md)
