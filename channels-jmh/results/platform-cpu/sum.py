"""The table of README.md from json/: per cell and implementation, over the forks (one a file),
the median and range of the primary score, of CPU time per operation and of CPUs busy, and the
mean allocation per operation. GroupThroughput's score is per side (take), messages a us; its
CPU time is per message (twice JMH's per-operation norm, which counts send and take)."""
import collections, glob, json, statistics

rows = collections.defaultdict(lambda: collections.defaultdict(list))
for f in sorted(glob.glob("json/*.json")):
    cell, impl = f.split("/")[-1].split("-")[:2]
    try:
        data = json.load(open(f))
    except Exception:
        continue
    for b in data:
        sec = b["secondaryMetrics"]
        group = "take" in sec
        score = sec["take"]["score"] if group else b["primaryMetric"]["score"]
        per_msg = 2 if group else 1
        r = rows[(cell, b["primaryMetric"]["scoreUnit"] if not group else "msg/us")][impl]
        r.append((score, sec["cpu.time.norm"]["score"] * per_msg, sec["cpu.util"]["score"],
                  sec.get("gc.alloc.rate.norm", {}).get("score", float("nan")) * per_msg))

def fmt(xs, d=0):
    return f"{statistics.median(xs):.{d}f} ({min(xs):.{d}f}-{max(xs):.{d}f})"

print("| cell | impl | forks | score | CPU ns a message | CPUs busy | B a message |")
print("|---|---|---|---|---|---|---|")
for (cell, unit), impls in sorted(rows.items()):
    for impl, xs in sorted(impls.items()):
        d = 2 if unit == "msg/us" else 0
        print(f"| {cell} ({unit}) | {impl} | {len(xs)} | {fmt([x[0] for x in xs], d)} | {fmt([x[1] for x in xs])} "
              f"| {fmt([x[2] for x in xs], 2)} | {statistics.mean([x[3] for x in xs]):.1f} |")
