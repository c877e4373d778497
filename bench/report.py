#!/usr/bin/env python3
"""bench/report.py: turns bench/out/results/ (written by bench/run) into bench/RESULTS.md."""
import argparse
import json
import os
import re

# (results name, column label). "(a)": the earlier output moved aside before each run (bench/rotate);
# "(b)": deleted just before each run (rm -rf), as a user rebuilds; "(c)": a chapter edited, then
# built into the previous output (no target: information). See bench/README.md.
TOOLS = [
    ("floor", "floor (cmark-gfm only, 1 thread)"),
    ("annalist", "annalist build (a)"),
    ("annalist-rm", "annalist build (b) rm before"),
    ("annalist-j1", "annalist build -j1 (a)"),
    ("hugo", "hugo to disk (a)"),
    ("hugo-rm", "hugo to disk (b) rm before"),
    ("hugo-mem", "hugo --renderToMemory"),
    ("annalist-edit", "annalist (c) edit, rebuild"),
    ("hugo-edit", "hugo (c) edit, rebuild"),
    ("nochange", "annalist no-change rebuild"),
]
SCALING = ["floor", "annalist", "annalist-rm", "annalist-j1", "hugo", "hugo-rm", "hugo-mem", "annalist-edit", "hugo-edit"]
PROTOCOLS = (("a", "annalist", "hugo", "output moved aside"), ("b", "annalist-rm", "hugo-rm", "rm -rf just before"))

# Issue 22's targets and references.
FLOOR_LIMIT = 1.2          # full build ÷ one-thread floor
HUGO_LIMIT = 5             # hugo to disk ÷ annalist
OUTPUT_REF = 36e6          # bytes of annalist's output at N=1000 when the issue was filed (hugo: 12 MB)
HUGO_OUTPUT_REF = 12e6
SEARCH_QUERY = "跨境电商"
SEARCH_LIMIT = 300 * 1024  # bytes one query loads at N=5000 (KB as bench/search-bytes prints: 1024 bytes)
SERVE_LIMIT = 30           # ms, one-chapter edit at N=5000, wall
COMPILE_LIMIT = 180        # s, clean -j2 build


class Results:
    def __init__(self, d):
        self.d = d

    def path(self, name):
        return os.path.join(self.d, name)

    def text(self, name):
        try:
            return open(self.path(name), encoding="utf-8", errors="replace").read().strip()
        except OSError:
            return None

    def jsonf(self, name):
        try:
            return json.load(open(self.path(name), encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def hf(self, tool, n):
        """hyperfine result in ms: dict(median, min, max, mean, runs) or None."""
        j = self.jsonf("%s-%d.json" % (tool, n))
        if not j or not j.get("results"):
            return None
        r = j["results"][0]
        times = r.get("times") or []
        return {"median": r["median"] * 1000, "min": r["min"] * 1000, "max": r["max"] * 1000,
                "mean": r["mean"] * 1000, "runs": len(times),
                "cpu": (r.get("user", 0) + r.get("system", 0)) * 1000, "sys": r.get("system", 0) * 1000}

    def why_missing(self, tool, n):
        names = ["%s-%d.failed" % (tool, n)]
        if tool.startswith("annalist") or tool == "nochange":
            names += ["annalist-unavailable.txt", "annalist-%d.failed" % n]
        for name in names:
            t = self.text(name)
            if t:
                return t.splitlines()[0]
        return "not run"

    def rss_mb(self, tool, n):
        t = self.text("rss-%s-%d.txt" % (tool, n))
        if not t:
            return None
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
        if not m or "Exit status: 0" not in t:
            return None
        return int(m.group(1)) / 1024.0

    def num(self, name):
        t = self.text(name)
        try:
            return int(t.split()[0]) if t else None
        except ValueError:
            return None

    def search(self):
        """bench/search-bytes' table: (rows, other lines). A row: dict(n, query, found, bytes, files)."""
        rows, other = [], []
        for line in (self.text("search-bytes.md") or "").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if line.startswith("|") and len(cells) >= 5 and cells[0].isdigit():
                m = re.match(r"(\d+)", cells[3])
                rows.append({"n": int(cells[0]), "query": cells[1], "found": cells[2],
                             "bytes": int(m.group(1)) if m else None, "files": cells[4], "line": line})
            elif line.strip() and not line.startswith("|"):
                other.append(line.strip())
        return rows, other

    def compile(self):
        """The timed compile: dict(wall, user, sys, rss_mib) in s / MiB, or None."""
        t = self.text("compile-time.txt")
        if not t or self.text("compile.failed"):
            return None
        try:
            wall, user, sys_, rss = t.splitlines()[-1].split()[:4]
            return {"wall": float(wall), "user": float(user), "sys": float(sys_), "rss_mib": int(rss) / 1024.0}
        except ValueError:
            return None

    def compile_missing(self, meta):
        t = self.text("compile.failed")
        if t:
            return t.splitlines()[0]
        c = meta.get("compile", "")
        if c.startswith("not measured"):
            return c[len("not measured"):].strip(" ()") or "not run"
        return "not run" if not c else "no timing recorded"


def fms(v):
    if v is None:
        return "–"
    if v >= 1000:
        return "%.0f" % v
    if v >= 100:
        return "%.1f" % v
    return "%.2f" % v


def fnum(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return "–" if x is None else str(x)


def cell(h):
    if not h:
        return None
    return "**%s** (%s–%s)" % (fms(h["median"]), fms(h["min"]), fms(h["max"]))


def fmb(b):
    if b is None:
        return "–"
    return "%.1f MB" % (b / 1e6)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    R = Results(a.results)
    meta = {}
    for line in (R.text("meta.txt") or "").splitlines():
        k, _, v = line.partition(": ")
        meta[k] = v
    ns = [int(x) for x in meta.get("sizes", "").split(",") if x.strip()]
    quick = meta.get("mode") == "quick"
    L = []
    w = L.append

    w("# annalist benchmark results")
    w("")
    w("Written by `bench/run%s` on %s (%s s in all)%s. Times are hyperfine medians in ms, "
      "(min–max) after; warmup 1. See bench/README.md for what each row measures."
      % (" --quick" if quick else (" --sizes " + meta.get("sizes", "") if meta.get("sizes") != "100,1000,5000" else ""),
         meta.get("date", "?"), meta.get("elapsed", "?").replace(" s", ""),
         " — **a quick smoke run: sizes 100 and 1000 only, 3 runs each**" if quick else ""))
    w("")
    w("## Machine")
    w("")
    for k in ("nproc", "cpu", "ram", "os", "annalist", "hugo", "hyperfine", "g++", "cmark-gfm", "commit", "binary"):
        w("- %s: %s" % (k, meta.get(k, "?")))
    busy = []
    for line in (R.text("busy.txt") or "").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            busy.append((parts[0], int(parts[1]), "timed out" in line))
    if busy:
        late = [b for b in busy if b[2]]
        w("- other load: the script waits before each timed measurement until the CPUs are idle (≤ 15%% busy over "
          "1 s, up to 3 min each and 5 min in all); busy before the %d measurements: median %d%%, max %d%%%s"
          % (len(busy), sorted(b[1] for b in busy)[len(busy) // 2], max(b[1] for b in busy),
             ("; **%d started on a busy machine (%s): treat those rows with suspicion**"
              % (len(late), ", ".join(b[0] for b in late))) if late else ""))
    w("")
    if R.text("annalist-unavailable.txt"):
        w("> **annalist was not measured:** %s" % R.text("annalist-unavailable.txt"))
        w("")

    nproc = int(meta["nproc"]) if meta.get("nproc", "").isdigit() else 2
    busy_late = {b[0] for b in busy if b[2]}

    def flag(*labels):
        hit = [l for l in labels if l in busy_late]
        return " (measured on a busy machine: %s)" % ", ".join(hit) if hit else ""

    def ratio(x, y):
        return "%.2f×" % (x["median"] / y["median"]) if x and y else "–"

    # --- full builds ---
    w("## Full builds (ms)")
    w("")
    w("| N | " + " | ".join(t[1] for t in TOOLS) + " |")
    w("|---:|" + "---:|" * len(TOOLS))
    runs_seen = set()
    for n in ns:
        row = []
        for tool, _ in TOOLS:
            h = R.hf(tool, n)
            if h:
                runs_seen.add(h["runs"])
            row.append(cell(h) or "not measured: %s" % R.why_missing(tool, n))
        w("| %d | %s |" % (n, " | ".join(row)))
    w("")
    w("Runs per command: %s. Every annalist and hugo-to-disk run writes to a fresh output directory, under two "
      "protocols. **(a)** `hyperfine --prepare` moves the earlier output aside (bench/rotate), and everything "
      "moved aside is deleted only after the whole run: deleting it just before a build makes the filesystem's "
      "inode allocator scan the just-freed inodes on every file creation (see bench/README.md). **(b)** \"as a "
      "user rebuilds\": `--prepare 'rm -rf OUT'` deletes the previous output just before each build, so that "
      "scan is part of the time. The (b) runs come after every other measurement of the run (nothing deleted "
      "disturbs the (a) rows), for each N hugo first, then annalist (any bias is against annalist). **(c)** "
      "\"edit and rebuild\" (after (b)): `bench/append` adds a paragraph to one chapter of a scratch copy, then "
      "the tool builds into its previous output (hugo writes over it; annalist swaps a new site in and "
      "removes the old one). "
      "The no-change rebuild builds again into the output of a finished build (it must print \"up to date\"). "
      "The default parallelism is one thread per core (%s here); the floor uses one thread and writes nothing."
      % (", ".join(str(r) for r in sorted(runs_seen)) or "–", meta.get("nproc", "?")))
    w("")

    # --- CPU time ---
    w("### CPU time (user + sys, mean of the runs, ms)")
    w("")
    w("Less sensitive to other load than wall time; a parallel build's CPU time is the sum over its threads. "
      "(sys in brackets.)")
    w("")
    w("| N | " + " | ".join(t[1] for t in TOOLS) + " |")
    w("|---:|" + "---:|" * len(TOOLS))
    for n in ns:
        row = []
        for tool, _ in TOOLS:
            h = R.hf(tool, n)
            row.append("%s (%s)" % (fms(h["cpu"]), fms(h["sys"])) if h else "–")
        w("| %d | %s |" % (n, " | ".join(row)))
    w("")

    # --- ratios ---
    w("## Ratios")
    w("")
    w("Of wall-time medians; the last two columns compare CPU time (user+sys) instead: annalist's CPU time "
      "spread over the %d cores (the best wall time it allows) ÷ the floor's, and -j1 ÷ floor." % nproc)
    w("")
    w("| N | annalist ÷ floor (a) | annalist ÷ floor (b) | annalist -j1 ÷ floor | hugo to disk ÷ annalist (a) "
      "| hugo to disk ÷ annalist (b) | hugo in memory ÷ annalist | CPU: annalist ÷ %d ÷ floor | "
      "CPU: annalist -j1 ÷ floor |" % nproc)
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in ns:
        f, an, ab, a1, hd, hb, hm = (R.hf(t, n) for t in ("floor", "annalist", "annalist-rm", "annalist-j1",
                                                          "hugo", "hugo-rm", "hugo-mem"))
        cpu_par = "%.2f×" % (an["cpu"] / nproc / f["cpu"]) if an and f and f["cpu"] > 0 else "–"
        cpu_j1 = "%.2f×" % (a1["cpu"] / f["cpu"]) if a1 and f and f["cpu"] > 0 else "–"
        w("| %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            n, ratio(an, f), ratio(ab, f), ratio(a1, f), ratio(hd, an), ratio(hb, ab), ratio(hm, an), cpu_par, cpu_j1))
    w("")

    # --- scaling ---
    labels = dict(TOOLS)
    w("## Scaling: ms per chapter (median ÷ N)")
    w("")
    w("| | " + " | ".join("N=%d" % n for n in ns) + " |")
    w("|---|" + "---:|" * len(ns))
    for tool in SCALING:
        vals = []
        for n in ns:
            h = R.hf(tool, n)
            vals.append("%.3f" % (h["median"] / n) if h else "–")
        w("| %s | %s |" % (labels[tool], " | ".join(vals)))
    w("")

    # --- incremental ---
    w("## Incremental rebuilds (`annalist serve`)")
    w("")
    w("Wall = from the write of the file to `GET /__annalist/status` showing the next build "
      "(includes the file watcher's delay and a 1 ms poll); server = the rebuild's own `ms`. Median (min–max).")
    w("")
    w("| N | edit | iterations | wall ms | server ms | pages rendered / reused | notes |")
    w("|---:|---|---:|---:|---:|---:|---|")
    for n in ns:
        inc = R.jsonf("incremental-%d.json" % n)
        if inc is None:
            reason = R.why_missing("annalist", n) if (R.text("annalist-%d.failed" % n) or
                                                     R.text("annalist-unavailable.txt")) else "not run"
            w("| %d | – | – | – | – | – | not measured: %s |" % (n, reason))
            continue
        if not inc.get("available"):
            w("| %d | – | – | – | – | – | not measured: %s |" % (n, inc.get("reason", "serve not available")))
            continue
        fs = inc.get("first_status") or {}
        for key, label in (("chapter", "append a sentence to %s" % inc.get("chapter_file", "a chapter")),
                           ("data", "change one number in %s" % inc.get("data_file", "a csv"))):
            s = inc.get(key) or {}
            notes = []
            if s.get("timeouts"):
                notes.append("%d timed out" % s["timeouts"])
            if s.get("extra_rebuilds"):
                notes.append("%d extra rebuilds" % s["extra_rebuilds"])
            if s.get("all_ok") is False:
                notes.append("a rebuild reported ok=false")
            wm, sm = s.get("wall_ms"), s.get("server_ms")
            w("| %d | %s | %s | %s | %s | %s / %s | %s |" % (
                n, label, s.get("iterations", "–"),
                "**%s** (%s–%s)" % (fms(wm["median"]), fms(wm["min"]), fms(wm["max"])) if wm else "–",
                "%s (%s–%s)" % (fms(sm["median"]), fms(sm["min"]), fms(sm["max"])) if sm else "–",
                fnum(s.get("rendered")), fnum(s.get("reused")), "; ".join(notes)))
        w("| %d | (first build on start) | 1 | %s | %s | %s / %s | |" % (
            n, fms(inc.get("startup_wall_ms")), fms(fs.get("ms")), fs.get("rendered", "–"), fs.get("reused", "–")))
    w("")

    # --- output size ---
    def out_bytes(tool, n):
        return R.num("bytes-%s-%d.txt" % (tool, n))

    def out_files(tool, n):
        return R.num("files-%s-%d.txt" % (tool, n))

    def per(v, n, fmt="%.0f"):
        return fmt % (v / n) if v is not None else "–"

    w("## Output size")
    w("")
    w("One build to a fresh directory: bytes from `du -sb` (MB = 10^6 bytes), files from `find -type f`; "
      "per chapter = ÷ N. Issue 22's reference at N=1000: annalist %.0f MB (%.0f bytes per chapter), Hugo %.0f MB "
      "(%.0f)." % (OUTPUT_REF / 1e6, OUTPUT_REF / 1000, HUGO_OUTPUT_REF / 1e6, HUGO_OUTPUT_REF / 1000))
    w("")
    w("| N | annalist output | bytes / chapter | files | files / chapter | hugo output | bytes / chapter | files "
      "| annalist ÷ hugo (bytes) |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in ns:
        ab, hb = out_bytes("annalist", n), out_bytes("hugo", n)
        af, hf_ = out_files("annalist", n), out_files("hugo", n)
        w("| %d | %s | **%s** | %s | %s | %s | %s | %s | %s |" % (
            n, fmb(ab), per(ab, n), fnum(af), per(af, n, "%.2f"), fmb(hb), per(hb, n), fnum(hf_),
            "%.2f×" % (ab / hb) if ab and hb else "–"))
    w("")
    parts = {n: R.text("parts-annalist-%d.txt" % n) for n in ns}
    if any(parts.values()):
        w("What the bytes are: each top-level entry of the annalist output (`du -sb`), bytes per chapter.")
        w("")
        w("| part | " + " | ".join("N=%d" % n for n in ns) + " |")
        w("|---|" + "---:|" * len(ns))
        table = {}
        for n in ns:
            for line in (parts[n] or "").splitlines():
                size, _, name = line.partition("\t")
                if size.strip().isdigit():
                    table.setdefault(name.strip(), {})[n] = int(size)
        for name in sorted(table, key=lambda k: -max(table[k].values())):
            w("| %s | " % name + " | ".join(per(table[name].get(n), n) for n in ns) + " |")
        w("")

    # --- memory ---
    w("## Peak memory")
    w("")
    w("Peak RSS from `/usr/bin/time -v` (\"Maximum resident set size\", MiB = 2^20 bytes) of one build to a "
      "fresh directory.")
    w("")
    w("| N | annalist peak RSS | hugo peak RSS | floor peak RSS |")
    w("|---:|---:|---:|---:|")
    for n in ns:
        def mb(t):
            v = R.rss_mb(t, n)
            return "%.1f MiB" % v if v is not None else "–"
        w("| %d | %s | %s | %s |" % (n, mb("annalist"), mb("hugo"), mb("floor")))
    w("")

    # --- search ---
    srows, sother = R.search()
    w("## Search: the bytes one query loads")
    w("")
    w("From `bench/search-bytes --sizes %s` (after the timed builds): the site's own assets/search.js run by node "
      "for each query; every file it loads counts (search.html, search-index.js, assets/search.js, the index "
      "shards and the page texts). KB = 1024 bytes." % meta.get("sizes", "?"))
    w("")
    if srows:
        w("| N | query | pages found | bytes loaded | files loaded | of which index shards | page texts |")
        w("|---:|---|---:|---:|---:|---:|---:|")
        for r in srows:
            w(r["line"])
        w("")
        for line in sother:
            w("- " + line)
    else:
        w("Not measured: %s." % ((R.text("search-bytes.failed") or "not run").splitlines()[0]))
    if R.text("search-bytes.failed") and srows:
        w("")
        w("> %s" % R.text("search-bytes.failed").splitlines()[0])
    w("")

    # --- compile ---
    comp = R.compile()
    w("## The project's compile")
    w("")
    w("A clean build of annalist as CI builds it (Release, tests on), in a fresh directory, ccache off, "
      "two jobs, timed with `/usr/bin/time`:")
    w("")
    w("```")
    w(R.text("compile-command.txt") or "CCACHE_DISABLE=1 cmake -S ROOT -B bench/out/compile-build "
      "-DCMAKE_BUILD_TYPE=Release -DANNALIST_TESTS=ON\n  && cmake --build bench/out/compile-build -j2")
    w("```")
    w("")
    if comp:
        w("| wall | user | sys | (user + sys) ÷ 2 | peak RSS of one process |")
        w("|---:|---:|---:|---:|---:|")
        w("| **%.1f s** | %.1f s | %.1f s | %.1f s | %.0f MiB |" % (
            comp["wall"], comp["user"], comp["sys"], (comp["user"] + comp["sys"]) / 2, comp["rss_mib"]))
    else:
        w("Not measured: %s." % R.compile_missing(meta))
    w("")

    # --- targets ---
    w("## Targets (issue 22)")
    w("")
    w("Verdicts are on wall-time medians as the targets are stated. The last column repeats the comparison "
      "on CPU time (user+sys, summed over threads) as a check that is far less disturbed by other load "
      "on the machine.")
    w("")
    w("| target | measured | verdict | CPU-time check |")
    w("|---|---|---|---|")

    def row(t, measured, verdict_text, cpu="–"):
        w("| %s | %s | %s | %s |" % (t, measured, verdict_text, cpu))

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    def nm(reason):
        return "not measured (%s)" % reason

    def absent(n):
        if n not in ns:
            return "size %d not in this run%s" % (n, " (--quick)" if quick else "")
        return None

    def cpu_ratio(x, y, limit, better_low, what):
        if not x or not y or not y["cpu"]:
            return "–"
        r = x["cpu"] / y["cpu"]
        ok = r <= limit if better_low else r >= limit
        return "%s: %.2f× (%s vs %s ms) → %s" % (what, r, fms(x["cpu"]), fms(y["cpu"]), "met" if ok else "missed")

    # 1. full build vs the floor
    for n in (1000, 5000):
        f, a1 = R.hf("floor", n), R.hf("annalist-j1", n)
        for p, tool, _, how in PROTOCOLS:
            an = R.hf(tool, n)
            t = "1. full build ≤ %.1f× the one-thread floor at N=%d, (%s) %s" % (FLOOR_LIMIT, n, p, how)
            if absent(n):
                row(t, "–", nm(absent(n)))
            elif f and an:
                r = an["median"] / f["median"]
                extra = "; -j1: %.2f×" % (a1["median"] / f["median"]) if a1 and p == "a" else ""
                cpu = "–"
                if f["cpu"]:
                    rc = an["cpu"] / nproc / f["cpu"]
                    cpu = "annalist ÷ %d cores ÷ floor: %.2f× (%s vs %s ms) → %s" % (
                        nproc, rc, fms(an["cpu"] / nproc), fms(f["cpu"]), "met" if rc <= FLOOR_LIMIT else "missed")
                row(t, "%.2f× (%s vs %s ms)%s" % (r, fms(an["median"]), fms(f["median"]), extra),
                    verdict(r <= FLOOR_LIMIT) + flag("%s-%d" % (tool, n), "floor-%d" % n), cpu)
            else:
                row(t, "–", nm(R.why_missing(tool if f else "floor", n)))
    # 2. hugo to disk ÷ annalist
    for n in (1000, 5000):
        for p, tool, htool, how in PROTOCOLS:
            an, hd = R.hf(tool, n), R.hf(htool, n)
            t = "2. hugo to disk ÷ annalist ≥ %d at N=%d, (%s) %s" % (HUGO_LIMIT, n, p, how)
            if absent(n):
                row(t, "–", nm(absent(n)))
            elif hd and an:
                r = hd["median"] / an["median"]
                row(t, "%.2f× (hugo %s vs annalist %s ms)" % (r, fms(hd["median"]), fms(an["median"])),
                    verdict(r >= HUGO_LIMIT) + flag("%s-%d" % (tool, n), "%s-%d" % (htool, n)),
                    cpu_ratio(hd, an, HUGO_LIMIT, False, "hugo ÷ annalist"))
            else:
                row(t, "–", nm(R.why_missing(tool if hd else htool, n)))
    # 3. output size
    t = "3. output at N=1000 below the issue's %.0f MB (%.0f bytes per chapter)" % (OUTPUT_REF / 1e6, OUTPUT_REF / 1000)
    ab, hb = out_bytes("annalist", 1000), out_bytes("hugo", 1000)
    if absent(1000):
        row(t, "–", nm(absent(1000)))
    elif ab is None:
        row(t, "–", nm(R.why_missing("annalist", 1000)))
    else:
        af = out_files("annalist", 1000)
        row(t, "%s = %.0f bytes per chapter, %s files per chapter (hugo: %s)" % (
                fmb(ab), ab / 1000.0, per(af, 1000, "%.2f"),
                "%s = %.0f bytes per chapter" % (fmb(hb), hb / 1000.0) if hb else "–"),
            verdict(ab < OUTPUT_REF), "(bytes: unaffected by load)")
    # 4. search
    t = "4. a search for %s loads ≤ %d KB at N=5000" % (SEARCH_QUERY, SEARCH_LIMIT // 1024)
    q = {r["n"]: r for r in srows if r["query"] == SEARCH_QUERY and r["bytes"] is not None}
    others = ", ".join("N=%d: %.1f KB" % (n, q[n]["bytes"] / 1024.0) for n in sorted(q) if n != 5000)
    if absent(5000):
        row(t, "–" if not others else "(%s)" % others, nm(absent(5000)))
    elif 5000 in q:
        b = q[5000]["bytes"]
        row(t, "%.1f KB = %d bytes in %s files%s" % (b / 1024.0, b, q[5000]["files"],
                                                    " (%s)" % others if others else ""),
            verdict(b <= SEARCH_LIMIT), "(bytes: unaffected by load)")
    else:
        reason = R.text("search-bytes.failed") or ("no row for N=5000" if R.text("search-bytes.md") else "not run")
        row(t, "–", nm(reason.splitlines()[0]))
    # 5. serve
    t = "5. serve: one-chapter edit ≤ %d ms at N=5000 (wall)" % SERVE_LIMIT
    inc = R.jsonf("incremental-5000.json")
    s5 = (inc or {}).get("chapter") or {}
    if absent(5000):
        row(t, "–", nm(absent(5000)))
    elif not inc or not inc.get("available") or not s5.get("wall_ms"):
        row(t, "–", nm((inc or {}).get("reason") or R.why_missing("annalist", 5000)))
    else:
        wm = s5["wall_ms"]["median"]
        sm = (s5.get("server_ms") or {}).get("median")
        row(t, "%s ms wall, %s ms server (%s of %s pages rendered)" % (
                fms(wm), fms(sm), fnum(s5.get("rendered")), fnum((s5.get("rendered") or 0) + (s5.get("reused") or 0))),
            verdict(wm <= SERVE_LIMIT) + (" (server time alone: met)" if wm > SERVE_LIMIT and sm is not None
                                          and sm <= SERVE_LIMIT else "") + flag("incremental-5000"))
    # 6. compile
    t = "6. clean -j2 compile of annalist (Release, tests on, no ccache) < %d min" % (COMPILE_LIMIT // 60)
    if comp:
        cpu2 = (comp["user"] + comp["sys"]) / 2
        row(t, "%.1f s (user %.1f s, sys %.1f s)" % (comp["wall"], comp["user"], comp["sys"]),
            verdict(comp["wall"] < COMPILE_LIMIT) + flag("compile"),
            "(user + sys) ÷ 2 jobs: %.1f s → %s" % (cpu2, "met" if cpu2 < COMPILE_LIMIT else "missed"))
    else:
        row(t, "–", nm(R.compile_missing(meta)))
    w("")

    # --- information: earlier targets, no verdict ---
    w("## Other measurements (information)")
    w("")
    w("No verdict: the earlier targets these rows were held to are shown for comparison.")
    w("")
    w("| measurement | measured | earlier target | CPU time |")
    w("|---|---|---|---|")

    def info(t, measured, earlier, cpu="–"):
        w("| %s | %s | %s | %s |" % (t, measured, earlier, cpu))

    def within(ok):
        return "within" if ok else "over"

    for n in (1000, 5000):
        hm, an = R.hf("hugo-mem", n), R.hf("annalist", n)
        t = "hugo --renderToMemory ÷ annalist (a) at N=%d" % n
        if absent(n):
            info(t, "–", nm(absent(n)))
        elif hm and an:
            r = hm["median"] / an["median"]
            info(t, "%.2f× (hugo %s vs annalist %s ms)%s" % (r, fms(hm["median"]), fms(an["median"]),
                                                            flag("annalist-%d" % n, "hugo-mem-%d" % n)),
                 "> 1×: %s" % ("met" if r > 1 else "not met"),
                 "hugo ÷ annalist: %.2f× (%s vs %s ms)" % (hm["cpu"] / an["cpu"], fms(hm["cpu"]), fms(an["cpu"]))
                 if an["cpu"] else "–")
        else:
            info(t, "–", nm(R.why_missing("annalist" if hm else "hugo-mem", n)))
    for n in (1000, 5000):
        he, ae = R.hf("hugo-edit", n), R.hf("annalist-edit", n)
        t = "(c) a chapter edited, rebuilt into the previous output: hugo ÷ annalist at N=%d" % n
        if absent(n):
            info(t, "–", nm(absent(n)))
        elif he and ae:
            info(t, "%.2f× (hugo %s vs annalist %s ms)%s" % (he["median"] / ae["median"], fms(he["median"]),
                                                            fms(ae["median"]), flag("annalist-edit-%d" % n, "hugo-edit-%d" % n)),
                 "none (what an editor waits for between saves)",
                 "hugo ÷ annalist: %.2f× (%s vs %s ms)" % (he["cpu"] / ae["cpu"], fms(he["cpu"]), fms(ae["cpu"]))
                 if ae["cpu"] else "–")
        else:
            info(t, "–", nm(R.why_missing("annalist-edit" if he else "hugo-edit", n)))
    for n, key, label, limit in ((1000, "chapter", "chapter edit", 50), (1000, "data", "data edit", 50),
                                 (5000, "data", "data edit", 100)):
        t = "serve: %s at N=%d (wall)" % (label, n)
        if absent(n):
            info(t, "–", nm(absent(n)))
            continue
        inc = R.jsonf("incremental-%d.json" % n)
        s = (inc or {}).get(key) or {}
        if not inc or not inc.get("available") or not s.get("wall_ms"):
            info(t, "–", nm((inc or {}).get("reason") or R.why_missing("annalist", n)))
            continue
        wm = s["wall_ms"]["median"]
        sm = (s.get("server_ms") or {}).get("median")
        info(t, "%s ms wall, %s ms server (%s of %s pages rendered)%s" % (
                fms(wm), fms(sm), fnum(s.get("rendered")), fnum((s.get("rendered") or 0) + (s.get("reused") or 0)),
                flag("incremental-%d" % n)),
             "≤ %d ms: %s" % (limit, within(wm <= limit)))
    t = "peak RSS at N=5000"
    if absent(5000):
        info(t, "–", nm(absent(5000)))
    else:
        v, hv = R.rss_mb("annalist", 5000), R.rss_mb("hugo", 5000)
        if v is None:
            info(t, "–", nm(R.why_missing("annalist", 5000)))
        else:
            mbytes = v * 1.048576
            info(t, "%.0f MB = %.1f MiB (hugo: %s)" % (mbytes, v, "%.1f MiB" % hv if hv else "–"),
                 "≤ 150 MB: %s" % within(mbytes <= 150))
    t = "no-change rebuild at N=1000"
    if absent(1000):
        info(t, "–", nm(absent(1000)))
    else:
        h = R.hf("nochange", 1000)
        if h:
            info(t, "%s ms%s" % (fms(h["median"]), flag("nochange-1000")), "≤ 100 ms: %s" % within(h["median"] <= 100),
                 "%s ms" % fms(h["cpu"]))
        else:
            info(t, "–", nm(R.why_missing("nochange", 1000)))
    w("")
    notes = R.text("notes.txt")
    if notes:
        w("## Notes")
        w("")
        for line in notes.splitlines():
            w("- " + line)
        w("")
    open(a.out, "w", encoding="utf-8").write("\n".join(L))


if __name__ == "__main__":
    main()
