"""Pipeline cost next to the work a user would do anyway; prints a table of figures.

    .venv/bin/python benchmarks/run_bench.py --n 1000,10000 [--workers 1,2] [--json-out FILE]
    .venv/bin/python benchmarks/run_bench.py --fixed-only

For each N a corpus is generated (benchmarks/corpus.py, seed --seed) into a
temp folder, then, each as its own process, timed from start to exit with peak
RSS of the whole process tree (sampled every 50 ms with psutil, plus the
kernel's ru_maxrss of the biggest single process via /usr/bin/time):

  html/ref      bare trafilatura.bare_extraction(html, with_metadata=True) in a loop
  html/run wK   newsarchive run CORPUS/html into a temp archive, K workers
  text/ref      read the same bytes and split lines in Python
  text/run wK   newsarchive run CORPUS/text into a temp archive, K workers

Workers: `--workers K` is passed to `newsarchive run` only when its --help
lists the option; without it, the K=1 row is the plain run and K>1 rows are
skipped. Fixed costs: `newsarchive run seeds/` beside an empty Prefect flow
started the same way (temporary server started before Prefect is imported, as
`newsarchive run` does; same environment defaults), the same empty flow with
Prefect starting its own server, and `newsarchive clean FILE`, each the median
of --repeat runs.

"docs/s" and "MB/s" are end to end: process start to exit, start-up
included. "net" figures subtract the empty-flow wall time (the fixed cost of
starting Prefect) from the pipeline's wall time. Text rows also give MB/s per
worker (the issue's per-core target when there are as many workers as
cores) and MB per CPU-second.

The header names the CPU and a speed index, `python_ms`: the best of 7 timings of a
fixed pure-Python workload (regex, splits, dicts, sorts; it does not change with the
pipeline's code). Rates from two machines compare after scaling by their indexes.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as corpus_mod  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")
CLI = str(ROOT / ".venv" / "bin" / "newsarchive")

REF_HTML = r"""
import sys, time, pathlib
t0 = time.perf_counter()
import trafilatura
files = sorted(str(p) for p in pathlib.Path(sys.argv[1]).rglob("*.html"))
t1 = time.perf_counter()
n = ok = b = 0
for f in files:
    data = open(f, "rb").read()
    b += len(data)
    doc = trafilatura.bare_extraction(data, with_metadata=True)
    n += 1
    ok += doc is not None
print(f"{n} {ok} {b} {t1 - t0:.3f} {time.perf_counter() - t1:.3f}")
"""

REF_TEXT = r"""
import sys, time, pathlib
t0 = time.perf_counter()
files = sorted(str(p) for p in pathlib.Path(sys.argv[1]).rglob("*.txt"))
n = b = lines = 0
for f in files:
    data = open(f, "rb").read()
    b += len(data)
    lines += len(data.decode("utf-8", "replace").splitlines())
    n += 1
print(f"{n} {lines} {b} 0 {time.perf_counter() - t0:.3f}")
"""

CLEAN_ONLY = r"""
import sys, time, pathlib
t0 = time.perf_counter()
from cleaners.model import Reject, Source
from cleaners.pipeline import clean_source
files = sorted(str(p) for p in pathlib.Path(sys.argv[1]).rglob("*") if p.is_file())
t1 = time.perf_counter()
n = ok = b = 0
for f in files:
    data = open(f, "rb").read()
    b += len(data)
    try:
        clean_source(Source(pathlib.Path(f).as_uri(), data, f))
        ok += 1
    except Reject:
        pass
    n += 1
print(f"{n} {ok} {b} {t1 - t0:.3f} {time.perf_counter() - t1:.3f}")
"""

# A fixed pure-Python workload, close to the cleaners' mix of regex and string work, that never
# changes with the pipeline's code: its best time tells machines apart (lower = faster).
CALIBRATE = r"""
import re, time
text = ("The quick brown fox, said Ms. Smith on Tuesday, jumps over 12 lazy dogs. " * 40 + "\n") * 20
cap = re.compile(r"\b([A-Z][a-z]+)\b")
def work():
    n = 0
    for line in text.split("\n"):
        counts = {}
        for w in line.split():
            k = w.lower().strip(".,")
            counts[k] = counts.get(k, 0) + 1
        n += len(cap.findall(line)) + len(sorted(counts))
    return n
best = 1e9
for _ in range(7):
    t = time.process_time()
    for _ in range(20):
        work()
    best = min(best, time.process_time() - t)
print(f"{best * 1000:.1f}")
"""


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or platform.machine()


def python_speed() -> float | None:
    """CALIBRATE's best time in ms (a fresh process, so nothing else of ours is loaded)."""
    r = subprocess.run([PY, "-c", CALIBRATE], capture_output=True, text=True)
    try:
        return float(r.stdout.strip())
    except ValueError:
        return None


END_PHASE = r"""
import sys, time, resource, tempfile, uuid
from dataclasses import replace
import psutil
from newsarchive.batch import process_batch
from newsarchive.sources import discover
from schemas.records import RunContext
from cleaners.pipeline import DEFAULT_LIMITS
from store.archive import Archive
from store.neardup import flag_near_duplicates
proc = psutil.Process()
rss = lambda: proc.memory_info().rss / 1e6
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
refs = discover([sys.argv[1]])[: int(sys.argv[2])]
store = Archive(tempfile.mkdtemp(prefix="endphase-"))
run_id = str(uuid.uuid4())
ctx = RunContext.now("bench", run_id)
limits = replace(DEFAULT_LIMITS, max_seconds=0)  # in-process: one process to measure
with store.writer(owner="bench"):
    staging = str(store.staging_dir(run_id))
    t = time.perf_counter()
    for no, i in enumerate(range(0, len(refs), 64), 1):
        process_batch(refs[i:i + 64], batch_no=no, staging=staging, known={}, ctx=ctx, limits=limits)
    print(f"{len(refs)} docs: batches {time.perf_counter() - t:.1f}s rss {rss():.0f} MB peak {peak():.0f} MB", flush=True)
    t = time.perf_counter(); flag_near_duplicates(store, run_id)
    print(f"  near-dup flags {time.perf_counter() - t:.1f}s rss {rss():.0f} MB peak {peak():.0f} MB", flush=True)
    t = time.perf_counter(); st = store.commit(run_id)
    print(f"  commit {time.perf_counter() - t:.1f}s rss {rss():.0f} MB peak {peak():.0f} MB ({st.files_added} files)")
import shutil
shutil.rmtree(store.root, ignore_errors=True)
"""

EMPTY_FLOW = r"""
import os
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
from prefect import flow

@flow(name="empty")
def empty() -> int:
    return 0

empty()
"""

# The same empty flow with Prefect's temporary server started before Prefect is imported,
# as `newsarchive run` starts it (flows/temp_server.py): the baseline "started the same way".
EMPTY_FLOW_EARLY = r"""
import os
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
from flows import temp_server
early = temp_server.spawn()
from prefect import flow

@flow(name="empty")
def empty() -> int:
    return 0

with temp_server.serving(early):
    empty()
"""


def bench_env(prefect_home: str) -> dict:
    env = dict(os.environ)
    env["PREFECT_HOME"] = prefect_home
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    return env


def timed(cmd: list[str], env: dict, sample: float = 0.05) -> dict:
    """Run cmd; wall seconds, peak RSS of the process tree (sum), biggest single process RSS."""
    fd, rss_file = tempfile.mkstemp(prefix="maxrss-")
    os.close(fd)
    t0, started = time.perf_counter(), time.time()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file] + cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    peak_procs = 1
    peaks: dict[int, list] = {}  # pid -> [peak rss, role]
    execed: set[int] = set()  # children seen running their own program
    stop = threading.Event()

    def sampler():
        nonlocal peak_tree, peak_procs
        try:
            p = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                procs = [p] + p.children(recursive=True)
            except psutil.Error:
                break
            for q in procs:
                try:
                    if q.pid != p.pid and q.pid not in execed and _before_exec(q, execed):
                        continue  # forked, not yet exec'd: its pages are its parent's, counted there
                    rss = q.memory_info().rss
                    total += rss
                    if q.pid not in peaks:
                        peaks[q.pid] = [0, _role(q, p)]
                    peaks[q.pid][0] = max(peaks[q.pid][0], rss)
                except psutil.Error:
                    pass
            peak_tree = max(peak_tree, total)
            peak_procs = max(peak_procs, len(procs))
            stop.wait(sample)

    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    # GNU time: ru_maxrss from wait4 = the biggest single process of the tree, in KB
    try:
        m, u, s = Path(rss_file).read_text().split("\n")[-2].split()
        maxrss, cpu = int(m) * 1024, float(u) + float(s)
    except (ValueError, IndexError):
        maxrss, cpu = 0, float("nan")
    os.unlink(rss_file)
    return {"cmd": cmd, "rc": proc.returncode, "wall": wall, "started": started, "peak_tree_rss": peak_tree, "max_single_rss": maxrss, "cpu": cpu,
            "load": os.getloadavg()[0], "procs": peak_procs, "stdout": out, "stderr": err,
            "peak_by_role_mb": _by_role(peaks)}


def _before_exec(q: "psutil.Process", execed: set[int]) -> bool:
    """A child between fork and exec. For those few milliseconds its RSS is its parent's (shared,
    copy-on-write pages): counting it doubled the flow process in the tree's sum when a cleaner
    process was started mid-run (measured: a child of a 335 MB process showed 335 MB for 6 ms,
    then 1 MB after exec), so a run's 'peak' could be that sampling coincidence."""
    try:
        if q.cmdline() != psutil.Process(q.ppid()).cmdline():
            execed.add(q.pid)
            return False
        return time.time() - q.create_time() < 2.0  # else a child that really runs its parent's program
    except psutil.Error:
        return False


def _role(q: "psutil.Process", top: "psutil.Process") -> str:
    """What a process of the tree is: the timer, the flow process, the Prefect server, a worker child."""
    if q.pid == top.pid:
        return "time"
    cmd = " ".join(q.cmdline())
    if "uvicorn" in cmd or "server" in cmd and "prefect" in cmd:
        return "prefect server"
    if q.ppid() == top.pid:
        return "main"
    return "child"


def _by_role(peaks: dict[int, list]) -> dict[str, float]:
    """Largest peak RSS per role, MB (one worker child's peak, not their sum)."""
    out: dict[str, float] = {}
    for rss, role in peaks.values():
        out[role] = max(out.get(role, 0.0), round(rss / 1e6, 1))
    return out


def workers_supported(env: dict) -> bool:
    out = subprocess.run([CLI, "run", "--help"], env=env, capture_output=True, text=True).stdout
    return "--workers" in out


def run_pipeline(src: Path, env: dict, workers: int | None, batch_size: int | None, tmp: Path,
                 extra: list[str] | None = None) -> dict:
    archive = Path(tempfile.mkdtemp(prefix="arch-", dir=tmp))
    cmd = [CLI, "run", str(src), "--archive", str(archive), "--json"] + list(extra or [])
    if workers is not None:
        cmd += ["--workers", str(workers)]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    r = timed(cmd, env)
    try:
        r["summary"] = json.loads(r["stdout"][r["stdout"].index("{"):])
    except ValueError:
        r["summary"] = None
    r["archive_bytes"] = sum(f.stat().st_size for f in archive.rglob("*") if f.is_file())
    shutil.rmtree(archive, ignore_errors=True)
    r["phases"] = phases(r["stderr"], r["started"], r["wall"])
    return r


_LOG_LINE = re.compile(r"^(\d\d):(\d\d):(\d\d\.\d+) \| \w+ +\| (.*)$")


def phases(log: str, started: float, wall: float) -> dict | None:
    """Where a run's wall time went, from its log's timestamps (local time of day): start-up until
    "Beginning flow run" (Prefect's server, imports; cleaning ahead meanwhile), the batches until
    the last batch's line, and the end phase after it (near-duplicate flags, the merge into
    Parquet, commit, exit). Also how many documents were cleaned ahead. None if not found."""
    day = time.localtime(started)
    midnight = time.mktime((day.tm_year, day.tm_mon, day.tm_mday, 0, 0, 0, 0, 0, -1))
    begin = last_batch = None
    ahead = 0
    for line in log.splitlines():
        m = _LOG_LINE.match(line)
        if not m:
            continue
        at = midnight + int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3])
        if at < started - 60:  # the run crossed midnight
            at += 86400
        text = m[4]
        if begin is None and "Beginning flow run" in text:
            begin = at
        elif re.search(r" - batch \d+/\d+: ", text):
            last_batch = at
            if a := re.search(r"; (\d+) cleaned ahead\)", text):
                ahead += int(a[1])
    if begin is None or last_batch is None:
        return None
    return {"startup": begin - started, "batches": last_batch - begin, "end": started + wall - last_batch,
            "ahead": ahead}


def run_ref(script: str, src: Path, env: dict) -> dict:
    r = timed([PY, "-c", script, str(src)], env)
    n, ok, b, imp, loop = r["stdout"].split()
    r.update(docs=int(n), ok=int(ok), bytes=int(b), import_s=float(imp), loop_s=float(loop))
    return r


def fmt_mb(b: float) -> str:
    return f"{b / 1e6:.0f}"


def fixed_costs(env: dict, repeat: int, tmp: Path, extra: list[str] | None = None) -> dict:
    seeds = ROOT / "seeds"
    one = sorted(seeds.iterdir())[0]
    res: dict = {"empty_flow": [], "empty_flow_prefect": [], "run_seeds": [], "clean": []}
    for _ in range(repeat):
        res["empty_flow"].append(timed([PY, "-c", EMPTY_FLOW_EARLY], env)["wall"])
        res["empty_flow_prefect"].append(timed([PY, "-c", EMPTY_FLOW], env)["wall"])
        r = run_pipeline(seeds, env, None, None, tmp, extra)
        if r["rc"] != 0:
            print(r["stderr"][-2000:], file=sys.stderr)
        res["run_seeds"].append(r["wall"])
        res["clean"].append(timed([CLI, "clean", str(one)], env)["wall"])
    return {k: statistics.median(v) for k, v in res.items()} | {"all": res, "clean_file": str(one.relative_to(ROOT))}


def row(label: str, docs: int, nbytes: int, r: dict, fixed: float | None = None) -> dict:
    wall = r["wall"]
    out = {"label": label, "docs": docs, "bytes": nbytes, "wall": wall, "docs_s": docs / wall, "mb_s": nbytes / 1e6 / wall,
           "cpu": r["cpu"], "cpu_docs_s": docs / r["cpu"] if r["cpu"] else None, "load": r["load"],
           "peak_tree_mb": r["peak_tree_rss"] / 1e6, "max_single_mb": r["max_single_rss"] / 1e6, "rc": r["rc"],
           "procs": r["procs"], "peak_by_role_mb": r.get("peak_by_role_mb")}
    if fixed is not None:
        net = max(wall - fixed, 1e-6)
        out.update(net_wall=net, net_docs_s=docs / net, net_mb_s=nbytes / 1e6 / net)
    return out


def bench_n(n: int, args, env: dict, tmp: Path, workers: list[int], has_workers: bool, fixed_flow: float | None) -> dict:
    name = f"n{n}-s{args.seed}" + ("" if args.prose == "templated" else f"-{args.prose}")
    cdir = Path(args.corpus_root) / name if args.corpus_root else tmp / f"corpus-{n}"
    manifest_file = cdir / "corpus.json"
    old = json.loads(manifest_file.read_text()) if manifest_file.exists() else {}
    if old.get("n") == n and old.get("prose", "templated") == args.prose:
        manifest = old
    else:
        t0 = time.perf_counter()
        manifest = corpus_mod.generate(cdir, n, seed=args.seed, html_share=args.html_share, jobs=os.cpu_count() or 1,
                                       prose=args.prose)
        print(f"# corpus N={n}: generated in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    rows = []
    for fmt in args.formats:
        src = cdir / fmt
        docs, nbytes = manifest[f"{fmt}_docs"], manifest[f"{fmt}_bytes"]
        if not args.no_ref:
            ref = run_ref(REF_HTML if fmt == "html" else REF_TEXT, src, env)
            rr = row(f"{fmt}/ref", docs, nbytes, ref)
            rr["loop_docs_s"] = docs / ref["loop_s"] if ref["loop_s"] else None
            rows.append(rr)
            print("# " + _line(rr), file=sys.stderr, flush=True)
        if args.clean_only:  # the cleaners alone: one process, no Prefect, no watchdog, no Parquet
            cr = run_ref(CLEAN_ONLY, src, env)
            rc = row(f"{fmt}/clean", docs, nbytes, cr)
            rc["loop_docs_s"] = docs / cr["loop_s"] if cr["loop_s"] else None
            rows.append(rc)
            print("# " + _line(rc), file=sys.stderr, flush=True)
        for k in workers:
            if k > 1 and not has_workers:
                continue
            r = run_pipeline(src, env, k if has_workers else None, args.batch_size, tmp, args.run_args.split())
            pr = row(f"{fmt}/run w{k}" + (f" [{args.run_args}]" if args.run_args else ""), docs, nbytes, r, fixed_flow)
            s = r.get("summary") or {}
            pr.update(new=s.get("new"), rejected=sum((s.get("rejected_by_reason") or {}).values()),
                      flow_seconds=s.get("seconds"), archive_mb=r["archive_bytes"] / 1e6, phases=r["phases"])
            if r["rc"] != 0:
                pr["error"] = r["stderr"][-1500:]
                print(pr["error"], file=sys.stderr)
            rows.append(pr)
            print("# " + _line(pr), file=sys.stderr, flush=True)
    if not args.corpus_root and not args.keep_corpus:
        shutil.rmtree(cdir, ignore_errors=True)
    return {"n": n, "manifest": manifest, "rows": rows}


def _line(r: dict) -> str:
    s = (f"{r['label']:<12} {r['docs']:>7} docs {fmt_mb(r['bytes']):>6} MB  wall {r['wall']:8.2f}s  "
         f"{r['docs_s']:8.1f} docs/s {r['mb_s']:7.2f} MB/s  peak tree {r['peak_tree_mb']:7.0f} MB "
         f"(biggest proc {r['max_single_mb']:.0f} MB, {r['procs']} procs)")
    if "net_wall" in r:
        s += f"  net {r['net_docs_s']:.1f} docs/s {r['net_mb_s']:.2f} MB/s"
    s += f"  cpu {r['cpu']:.1f}s ({r['cpu_docs_s']:.1f} docs per cpu-s)  load {r['load']:.1f}"
    if r.get("loop_docs_s"):
        s += f"  (loop only: {r['loop_docs_s']:.1f} docs/s, {r['bytes'] / 1e6 / (r['docs'] / r['loop_docs_s']):.2f} MB/s)"
    if r.get("rejected"):
        s += f"  rejected {r['rejected']}"
    if r.get("flow_seconds"):
        s += f"  in flow {r['flow_seconds']:.1f}s"
    if ph := r.get("phases"):
        s += (f"  phases: start-up {ph['startup']:.1f}s, batches {ph['batches']:.1f}s, end {ph['end']:.1f}s"
              f" ({ph['ahead']} cleaned ahead)")
    if r.get("peak_by_role_mb") and len(r["peak_by_role_mb"]) > 2:
        s += "  peaks: " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(r["peak_by_role_mb"].items()) if k != "time")
    return s


def _workers_of(label: str) -> int | None:
    tail = label.rsplit(" w", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else None


def ratios(res: dict) -> list[str]:
    rows = {r["label"].split(" [")[0]: r for r in res["rows"]}
    out = []
    for fmt in ("html", "text"):
        ref, w1, w2 = rows.get(f"{fmt}/ref"), rows.get(f"{fmt}/run w1"), rows.get(f"{fmt}/run w2")
        if ref and w1:
            out.append(f"N={res['n']} {fmt}: run w1 / ref = {w1['docs_s'] / ref['docs_s']:.3f} (end to end)"
                       + (f", {w1['net_docs_s'] / ref['docs_s']:.3f} (net of Prefect start-up)" if "net_docs_s" in w1 else ""))
        if w1 and w2:
            out.append(f"N={res['n']} {fmt}: run w2 / run w1 = {w2['docs_s'] / w1['docs_s']:.3f} (end to end)"
                       + (f", {w2['net_docs_s'] / w1['net_docs_s']:.3f} (net)" if "net_docs_s" in w1 else "")
                       + (f", {w1['phases']['batches'] / w2['phases']['batches']:.3f} (the batches alone)"
                          if w1.get("phases") and w2.get("phases") and w2["phases"]["batches"] > 0 else ""))
        if fmt == "text" and w1:
            out.append(f"N={res['n']} text: run w1 = {w1['mb_s']:.2f} MB/s end to end, "
                       f"{w1.get('net_mb_s', float('nan')):.2f} MB/s net, on one worker")
        for label, r in sorted(rows.items()) if fmt == "text" else ():
            k = _workers_of(label)
            if label.startswith("text/run") and k and r["cpu"]:
                cores = " = per core, as many workers as cores (target 5)" if k == os.cpu_count() else ""
                out.append(f"N={res['n']} text: run w{k} = {r['mb_s'] / k:.2f} MB/s per worker{cores}; "
                           f"{r['bytes'] / 1e6 / r['cpu']:.2f} MB per CPU-second")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", default="1000", help="comma-separated corpus sizes, e.g. 1000,10000,100000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--html-share", type=float, default=0.5)
    ap.add_argument("--prose", choices=corpus_mod.PROSES, default="varied",
                    help="corpus prose (benchmarks/corpus.py): varied = realistic (default), templated = near-duplicate worst case")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--no-ref", action="store_true",
                    help="skip the reference loops (e.g. for a 100k memory run; ratios then unavailable)")
    ap.add_argument("--formats", default="html,text")
    ap.add_argument("--batch-size", type=int, default=None, help="pass --batch-size to newsarchive run")
    ap.add_argument("--clean-only", action="store_true",
                    help="also time cleaners.pipeline.clean_source alone over the files (one process, no Prefect)")
    ap.add_argument("--run-args", default="", help="extra options for every `newsarchive run`, e.g. '--time-limit 0'")
    ap.add_argument("--repeat", type=int, default=3, help="repeats for the fixed-cost figures")
    ap.add_argument("--fixed-only", action="store_true", help="only the fixed costs (run seeds/, empty flow, clean)")
    ap.add_argument("--no-fixed", action="store_true", help="skip the fixed costs (net figures then unavailable)")
    ap.add_argument("--corpus-root", default=None, help="keep/reuse corpora under this folder (outside the repo)")
    ap.add_argument("--keep-corpus", action="store_true")
    ap.add_argument("--prefect-home", default=None, help="PREFECT_HOME for every run (default: a temp dir)")
    ap.add_argument("--json-out", default=None)
    ap.add_argument("--end-phase", default=None, metavar="DIR:N1,N2",
                    help="in-process memory/time of batches, near-dup flags and commit for the first N files of DIR")
    args = ap.parse_args(argv)
    args.formats = [f for f in args.formats.split(",") if f]
    if args.end_phase:
        folder, ns = args.end_phase.rsplit(":", 1)
        for n in ns.split(","):
            r = subprocess.run([PY, "-c", END_PHASE, folder, n], capture_output=True, text=True)
            print(r.stdout.strip() or r.stderr[-2000:], flush=True)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="newsarchive-bench-"))
    home = args.prefect_home or str(tmp / "prefect-home")
    env = bench_env(home)
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.splitlines()
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                                "mem_gb": round(psutil.virtual_memory().total / 2**30, 1),
                                "load_at_start": os.getloadavg(), "cpu_model": cpu_model(),
                                "python_ms": python_speed()},
                    "git": {"head": git.stdout.strip(), "modified_files": dirty}, "prose": args.prose, "runs": []}
    m = report["machine"]
    print(f"# commit {report['git']['head']} ({len(dirty)} modified files), {os.cpu_count()} cpus "
          f"({m['cpu_model']}, python_ms {m['python_ms']}), load {os.getloadavg()[0]:.1f}, prose {args.prose}",
          flush=True)
    try:
        # Warm-up: the first embedded start on a new PREFECT_HOME migrates its database (~20 s).
        print("# warming up Prefect home", home, file=sys.stderr, flush=True)
        timed([PY, "-c", EMPTY_FLOW], env)
        has_workers = workers_supported(env)
        report["workers_option"] = has_workers
        fixed = None
        if not args.no_fixed:
            fixed = fixed_costs(env, args.repeat, tmp, args.run_args.split())
            fixed["run_args"] = args.run_args
            report["fixed"] = fixed
            print(f"fixed{' [' + args.run_args + ']' if args.run_args else ''}: "
                  f"empty flow {fixed['empty_flow']:.2f}s (Prefect starting its own server: "
                  f"{fixed['empty_flow_prefect']:.2f}s), run seeds/ {fixed['run_seeds']:.2f}s "
                  f"(+{fixed['run_seeds'] - fixed['empty_flow']:.2f}s), clean {fixed['clean']:.2f}s "
                  f"[median of {args.repeat}]", flush=True)
        if not args.fixed_only:
            workers = [int(x) for x in args.workers.split(",") if x]
            for n in (int(x) for x in args.n.split(",") if x):
                res = bench_n(n, args, env, tmp, workers, has_workers, fixed["empty_flow"] if fixed else None)
                report["runs"].append(res)
                for r in res["rows"]:
                    print(_line(r), flush=True)
                for line in ratios(res):
                    print(line, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
