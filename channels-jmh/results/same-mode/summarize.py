"""Groups the forks of run.sh by the machine's mode and prints a Markdown table.

python3 summarize.py DIR   (DIR holds run.sh's probes.txt and json/)

A fork's mode is that of the probes before and after its command when both agree (near or far),
otherwise "mixed", and a mixed fork is counted but left out of the figures. Each cell gives the
mean of its fork means in that mode, then the smallest and largest fork and the number of forks.
"""
import json
import os
import sys
from collections import defaultdict

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
probes = [line.split() for line in open(os.path.join(out, "probes.txt")) if line.strip()]
mode = {}
for i, p in enumerate(probes[:-1]):
    before, after = p[-1], probes[i + 1][-1]
    mode[p[0]] = before if before == after and before in ("near", "far") else "mixed"

forks = defaultdict(list)   # (cell, impl) -> [(mode, score, bytes)]
unit = {}
for tag in mode:
    path = os.path.join(out, "json", tag + ".json")
    if not os.path.exists(path):
        continue
    for r in json.load(open(path)):
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        params = r.get("params") or {}
        cell = name + (" P=" + params["producers"] if "producers" in params else "")
        pm = r["primaryMetric"]
        # one mean per fork (run.sh runs one, SAME_MODE_RUN may ask for more), as ResultsReport.forkMeans
        if "rawData" in pm:
            scores = [sum(fork) / len(fork) for fork in pm["rawData"]]
        else:   # sampled: the weighted mean of each fork's histograms
            scores = []
            for fork in pm["rawDataHistogram"]:
                pairs = [(v, c) for it in fork for v, c in it]
                scores.append(sum(v * c for v, c in pairs) / sum(c for _, c in pairs))
        norm = (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
        for score in scores:
            impl = params.get("impl", "?") + (" before" if tag.endswith("-before") else "")
            forks[(cell, impl)].append((mode[tag], score, norm["score"] if norm else None))
        unit[cell] = pm["scoreUnit"]


def fmt(v):
    return "%.0f" % v if abs(v) >= 100 else "%.2f" % v


def figure(values):
    if not values:
        return "–"
    mean = sum(values) / len(values)
    return "%s (%s–%s, %d)" % (fmt(mean), fmt(min(values)), fmt(max(values)), len(values))


print("| cell | unit | impl | near | far | mixed forks | B/op (all forks) |")
print("|---|---|---|---|---|---|---|")
for (cell, impl) in sorted(forks, key=lambda k: (k[0], not k[1].startswith("channels4j"), k[1])):
    fs = forks[(cell, impl)]
    near = [s for m, s, _ in fs if m == "near"]
    far = [s for m, s, _ in fs if m == "far"]
    mixed = sum(1 for m, _, _ in fs if m == "mixed")
    norms = [b for _, _, b in fs if b is not None]
    print("| %s | %s | %s | %s | %s | %d | %s |" % (cell, unit[cell], impl, figure(near), figure(far), mixed,
                                                    "%.1f" % (sum(norms) / len(norms)) if norms else ""))
counts = defaultdict(int)
for t in mode:
    counts[mode[t]] += 1
print()
print("commands by mode: " + ", ".join("%s %d" % (m, counts[m]) for m in ("near", "far", "mixed")))
