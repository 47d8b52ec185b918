import json, glob, statistics, collections
rows = collections.defaultdict(lambda: collections.defaultdict(list))
alloc = collections.defaultdict(lambda: collections.defaultdict(list))
for f in sorted(glob.glob("json/*-r*.json")):
    v = f.split("/")[-1].split("-")[0]
    try:
        data = json.load(open(f))
    except Exception:
        continue
    for b in data:
        key = (b["benchmark"].split(".")[-1], b["params"]["channels"])
        for fork in b["primaryMetric"]["rawData"]:
            rows[key][v].append(statistics.mean(fork))
        g = b["secondaryMetrics"].get("gc.alloc.rate.norm")
        if g:
            for fork in g["rawData"]:
                alloc[key][v].append(statistics.mean(fork))
for key in sorted(rows):
    out = []
    for v in ("before", "after"):
        xs = rows[key][v]
        if xs:
            a = alloc[key][v]
            out.append(f"{v} {statistics.median(xs):.0f} ns (forks {min(xs):.0f}-{max(xs):.0f}, n={len(xs)}; {statistics.mean(a):.1f} B/op)")
    print(f"{key[0]} k={key[1]}: " + " | ".join(out))
