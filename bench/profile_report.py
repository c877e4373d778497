#!/usr/bin/env python3
"""bench/profile_report.py: turns the profiles taken by bench/profile into bench/PROFILE.md."""
import argparse
import collections
import datetime
import os
import re
import subprocess

SHORT = [
    (r"std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >", "std::string"),
    (r"std::basic_string_view<char, std::char_traits<char> >", "std::string_view"),
    (r"nlohmann::json_abi_v3_11_\d+::basic_json<std::map, std::vector, std::string, bool, long, "
     r"unsigned long, double, std::allocator, nlohmann::json_abi_v3_11_\d+::adl_serializer, "
     r"std::vector<unsigned char, std::allocator<unsigned char> >, void>", "json"),
    (r"nlohmann::json_abi_v3_11_\d+::basic_json<std::map, std::vector, std::string, bool, long, "
     r"unsigned long, double, std::allocator, nlohmann::json_abi_v3_11_\d+::adl_serializer, "
     r"std::vector<unsigned char, std::allocator<unsigned char> > >", "json"),
    (r"nlohmann::json_abi_v3_11_\d+::", "nlohmann::"),
    (r"std::__cxx11::", "std::"),
]


def short(name, limit=150):
    for pat, rep in SHORT:
        name = re.sub(pat, rep, name)
    if len(name) > limit:
        name = name[:limit - 1] + "…"
    return name.replace("|", "\\|").replace("`", "'")


def obj_name(path):
    base = os.path.basename(path.strip())
    return base or path


# --- callgrind ---------------------------------------------------------------------------------

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*?)\s*$")


def annotate(path, inclusive):
    args = ["callgrind_annotate", "--threshold=100", "--inclusive=%s" % ("yes" if inclusive else "no"), path]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    total = None
    rows = []
    section = 0
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        rest = m.group(3)
        if rest == "PROGRAM TOTALS":
            total = ir
            continue
        # "file:function [object]"
        obj = ""
        mo = re.search(r"\s\[([^\[\]]*)\]$", rest)
        if mo:
            obj = obj_name(mo.group(1))
            rest = rest[:mo.start()]
        file, _, func = rest.partition(":")
        if not func:
            func, file = file, "???"
        rows.append({"ir": ir, "pct": float(m.group(2)), "file": file, "func": func, "obj": obj})
        section += 1
    return total, rows


def perf_rows(path, sort, extra=()):
    args = ["perf", "report", "-i", path, "--stdio", "--no-children", "-g", "none", "--percent-limit", "0",
            "-F", "overhead," + sort, "-t", "\t"] + list(extra)
    text = subprocess.run(args, capture_output=True, text=True).stdout
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        try:
            pct = float(parts[0].rstrip("%"))
        except ValueError:
            continue
        rows.append([pct] + parts[1:])
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--annalist", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--callgrind")
    ap.add_argument("--perf-instructions")
    ap.add_argument("--callgrind-serve")
    ap.add_argument("--serve-n")
    ap.add_argument("--serve-edits")
    ap.add_argument("--instr-n", type=int)
    ap.add_argument("--perf-clock")
    ap.add_argument("--time-default")
    ap.add_argument("--time-j1")
    ap.add_argument("--nproc")
    ap.add_argument("--busy", help="busy.txt of wait_quiet")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()

    L = []
    w = L.append
    version = subprocess.run([a.annalist, "--version"], capture_output=True, text=True).stdout.strip()
    w("# annalist profile")
    w("")
    import hashlib
    sha = hashlib.sha256(open(a.annalist, "rb").read()).hexdigest()[:12]
    built = datetime.datetime.utcfromtimestamp(os.path.getmtime(a.annalist)).strftime("%Y-%m-%d %H:%M UTC")
    w("Written by `bench/profile` on %s for %s (Release build, as `bench/run` measures it; binary built %s, "
      "sha256 %s). Corpora from gen-corpus (bench/corpus/cN). Re-run `bench/profile` after optimising."
      % (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), version, built, sha))
    w("")

    def wall(path):
        try:
            e, u, s, m = open(path).read().split()
            return float(e), float(u), float(s), int(m) / 1024
        except (OSError, ValueError):
            return None
    td, t1 = wall(a.time_default or ""), wall(a.time_j1 or "")
    if td or t1:
        w("## Where the wall time goes (N=1000, one run each, `/usr/bin/time`)")
        w("")
        w("| build | wall s | user s | sys s | (user+sys) ÷ wall | peak RSS |")
        w("|---|---:|---:|---:|---:|---:|")
        for label, t in (("default -j (%s cores)" % (a.nproc or "?"), td), ("-j1", t1)):
            if t:
                w("| %s | %.3f | %.3f | %.3f | %.2f | %.1f MiB |" % (label, t[0], t[1], t[2], (t[1] + t[2]) / t[0], t[3]))
        w("")
        try:
            busy = open(a.busy).read().split("\n") if a.busy else []
        except OSError:
            busy = []
        busy = [b for b in busy if b.strip()]
        if busy:
            w("CPU busy with other processes just before each (%% over 1 s): %s." % "; ".join(busy))
            w("")
        w("A ratio well under 1 at -j1 means the build waits (I/O, locks, sleeping) rather than computes; "
          "well under the core count at default -j means the parallel part is small or the threads wait.")
        w("")

    def callgrind_section(path, title, intro, per=None):
        total, self_rows = annotate(path, False)
        _, incl_rows = annotate(path, True)
        w("## " + title)
        w("")
        w(intro + " Total: %s instructions%s." % (
            format(total or 0, ","), " (%.1f M %s)" % ((total or 0) / 1e6 / per[0], per[1]) if per else ""))
        w("")
        by_obj = collections.Counter()
        for r in self_rows:
            by_obj[r["obj"] or "?"] += r["ir"]
        w("Self instructions by object: " + "; ".join(
            "%s %.1f%%" % (obj, 100.0 * ir / total) for obj, ir in by_obj.most_common(8) if total) + ".")
        w("")
        w("### Top %d functions by self instructions (hotspots)" % a.top)
        w("")
        w("| # | % self | instructions | function | object |")
        w("|---:|---:|---:|---|---|")
        for i, r in enumerate(self_rows[:a.top], 1):
            w("| %d | %.2f%% | %s | `%s` | %s |" % (i, r["pct"], format(r["ir"], ","), short(r["func"]), r["obj"]))
        w("")
        w("### Top %d functions by inclusive instructions (self + callees)" % (a.top + 10))
        w("")
        w("| # | % inclusive | function | object |")
        w("|---:|---:|---|---|")
        shown = 0
        for r in incl_rows:
            if r["func"] in ("(below main)",) or r["func"].startswith("0x"):
                continue
            shown += 1
            w("| %d | %.2f%% | `%s` | %s |" % (shown, r["pct"], short(r["func"]), r["obj"]))
            if shown >= a.top + 10:
                break
        w("")

    if a.callgrind:
        callgrind_section(
            a.callgrind, "Full build: callgrind, N=%s, -j1" % a.instr_n,
            "`perf stat -e instructions` is not supported on this machine (no hardware counters in the VM), "
            "so instructions were counted with `valgrind --tool=callgrind` (exact and repeatable whatever else "
            "the machine is doing; user space only: time in the kernel, e.g. writing files, is not in these "
            "numbers — see the perf cpu-clock section).", per=(a.instr_n or 1, "per chapter"))
    if a.callgrind_serve:
        callgrind_section(
            a.callgrind_serve, "Incremental rebuild (`annalist serve`): callgrind, N=%s, %s chapter edits"
            % (a.serve_n, a.serve_edits),
            "`annalist serve` under `valgrind --tool=callgrind --instr-atstart=no`; instrumentation switched on "
            "(`callgrind_control -i on`) only around %s edits of one chapter (append a sentence, wait for the "
            "rebuild), so the first build and the idle server are not counted." % a.serve_edits,
            per=(int(a.serve_edits or 1), "per rebuild"))

    if a.perf_instructions:
        rows = perf_rows(a.perf_instructions, "dso,sym")
        w("## Instructions: perf record -e instructions:u, N=%s, -j1" % a.instr_n)
        w("")
        w("| # | % of instructions | function | object |")
        w("|---:|---:|---|---|")
        for i, r in enumerate(rows[:a.top], 1):
            sym = r[2][4:] if len(r) > 2 and r[2][:3] in ("[.]", "[k]") else (r[2] if len(r) > 2 else "?")
            w("| %d | %.2f%% | `%s` | %s |" % (i, r[0], short(sym), r[1]))
        w("")

    if a.perf_clock:
        rows = perf_rows(a.perf_clock, "dso,sym")
        dsos = perf_rows(a.perf_clock, "dso")
        w("## Time samples: perf record -e cpu-clock, N=1000, -j1 (user and kernel)")
        w("")
        w("Sampled at 4 kHz; shares of on-CPU time (time spent waiting is not sampled). The output directory "
          "is deleted just before the build (as between benchmark runs, and as `annalist build` itself removes "
          "the previous site after swapping the new one in); ext4 kernel functions such as "
          "`find_get_block_common`, `recently_deleted` and `find_inode_bit` are inode allocation for the new "
          "files right after many were deleted, so the number of files written matters as much as their bytes.")
        w("")
        w("| object | % of samples |")
        w("|---|---:|")
        for r in dsos[:12]:
            w("| %s | %.2f%% |" % (r[1] if len(r) > 1 else "?", r[0]))
        w("")
        w("| # | % of samples | function | object |")
        w("|---:|---:|---|---|")
        for i, r in enumerate(rows[:a.top], 1):
            sym = r[2] if len(r) > 2 else "?"
            sym = sym[4:] if sym[:3] in ("[.]", "[k]") else sym
            w("| %d | %.2f%% | `%s` | %s |" % (i, r[0], short(sym), r[1]))
        w("")
    open(a.out, "w", encoding="utf-8").write("\n".join(L))


if __name__ == "__main__":
    main()
