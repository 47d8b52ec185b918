#!/usr/bin/env python3
"""Join JMH's per-iteration scores (json/*.json) with ModeProbe's probes (probes/*.txt, the same
name) and summarize by mode: python3 table.py [DIR]

An iteration is near when its probes before and after both read below 150 ns, far when both
read above 250 ns, mixed otherwise (LinePingPong's thresholds). For each benchmark, parameter
set and implementation: the iterations' median and range in each mode, and the fork means (what
JMH's own figure averages) with their max/min. Units are the benchmark's (msg/us for
BatchThroughput, higher is better; ns for the others)."""
import collections, glob, json, os, statistics, sys

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rows = collections.defaultdict(lambda: {'near': [], 'far': [], 'mixed': [], 'forks': []})
unit = {}
for jf in sorted(glob.glob(os.path.join(d, 'json', '*.json'))):
    name = os.path.basename(jf)[:-5]
    probes = collections.defaultdict(list)
    for line in open(os.path.join(d, 'probes', name + '.txt')):
        bench, params, kind, _, before, after = line.split()
        if kind == 'MEASUREMENT':
            probes[(bench, params)].append((float(before), float(after)))
    for res in json.load(open(jf)):
        params = ','.join(f"{k}={v}" for k, v in sorted(res['params'].items()))
        pr = probes[(res['benchmark'], params)]
        raw = [x for fork in res['primaryMetric']['rawData'] for x in fork]
        if len(pr) != len(raw):
            sys.exit(f"{name}: {len(raw)} iterations but {len(pr)} probe pairs for {params}")
        cell = res['benchmark'].split('.')[-2] + '.' + res['benchmark'].split('.')[-1] + ' ' + \
            ','.join(f"{k}={v}" for k, v in sorted(res['params'].items()) if k not in ('impl', 'threads', 'policy'))
        key = (cell, res['params']['impl'])
        unit[cell] = res['primaryMetric']['scoreUnit']
        for (b, a), x in zip(pr, raw):
            m = 'near' if b < 150 and a < 150 else 'far' if b > 250 and a > 250 else 'mixed'
            rows[key][m].append(x)
        rows[key]['forks'] += [statistics.mean(f) for f in res['primaryMetric']['rawData']]

def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.2f}"

def span(xs):
    if not xs:
        return '–'
    return f"{fmt(statistics.median(xs))} ({fmt(min(xs))}–{fmt(max(xs))}; {len(xs)})"

print('| cell | unit | implementation | near iterations: median (range; n) | far iterations | mixed | fork means (max/min) |')
print('|---|---|---|---|---|---|---|')
for key in sorted(rows):
    r = rows[key]
    fm = r['forks']
    print(f"| {key[0]} | {unit[key[0]]} | {key[1]} | {span(r['near'])} | {span(r['far'])} | {len(r['mixed'])} | "
          + ', '.join(fmt(x) for x in fm) + f" ({max(fm)/min(fm):.2f}×) |")
