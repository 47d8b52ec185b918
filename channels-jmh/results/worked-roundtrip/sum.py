"""The table of README.md from json/: per thread kind, side, work and implementation, over the
forks (one a file), the median and range of the round trip (ns), of the round trip less the
work alone (the median of workAlone's forks at that work), of the CPU time a round trip and
of the CPUs busy."""
import collections, glob, json, statistics

rows = collections.defaultdict(list)
alone = collections.defaultdict(list)
for f in sorted(glob.glob("json/*.json")):
    kind, impl = f.split("/")[-1].split("-")[:2]
    try:
        data = json.load(open(f))
    except Exception:
        continue
    for b in data:
        p = b["params"]
        score = b["primaryMetric"]["score"]
        if kind == "workalone":
            alone[int(p["work"])].append(score)
            continue
        sec = b["secondaryMetrics"]
        rows[(kind, p["side"], int(p["work"]), impl)].append(
            (score, sec["cpu.time.norm"]["score"], sec["cpu.util"]["score"]))

def fmt(xs, d=0):
    return f"{statistics.median(xs):.{d}f} ({min(xs):.{d}f}–{max(xs):.{d}f})"

print("work alone (ns):", ", ".join(f"{w}: {fmt(xs, 1)}" for w, xs in sorted(alone.items())))
print()
print("| threads | side | work | impl | forks | round trip, ns | less the work | max/min | CPU ns a round trip | CPUs busy |")
print("|---|---|---|---|---|---|---|---|---|---|")
order = {"channels4j": 0, "sq": 1, "jox": 2, "ltq": 3}
for key in sorted(rows, key=lambda k: (k[0], k[1], k[2], order.get(k[3], 9))):
    kind, side, work, impl = key
    xs = rows[key]
    base = statistics.median(alone[work]) if alone.get(work) else float("nan")
    s = [x[0] for x in xs]
    print(f"| {kind} | {side} | {work} | {impl} | {len(xs)} | {fmt(s)} | {statistics.median(s) - base:.0f} "
          f"| {max(s) / min(s):.2f} | {fmt([x[1] for x in xs])} | {fmt([x[2] for x in xs], 2)} |")
