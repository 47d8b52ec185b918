#!/usr/bin/env python3
"""Summarize ModeWindows output (run.sh's windows.txt): python3 table.py windows.txt

A window is near when the line probes before and after it both read below 150 ns, far when
both read above 250 ns (LinePingPong's thresholds), mixed otherwise. For each workload,
implementation and capacity: the windows' median and range in each mode, and the JVMs' whole means (what a
JMH fork of the same length would report) with their max/min."""
import collections, statistics, sys

rows = collections.defaultdict(list)
order = []
for line in open(sys.argv[1] if len(sys.argv) > 1 else 'windows.txt'):
    f = line.split()
    if len(f) != 7:
        continue
    rnd, work, impl, cap, before, rt, after = f[0], f[1], f[2], f[3], float(f[4]), float(f[5]), float(f[6])
    mode = 'near' if before < 150 and after < 150 else 'far' if before > 250 and after > 250 else 'mixed'
    key = (work, impl, cap)
    if key not in order:
        order.append(key)
    rows[key].append((rnd, mode, rt))

def span(xs):
    if not xs:
        return '–'
    return f"{statistics.median(xs):,.0f} ({min(xs):,.0f}–{max(xs):,.0f}; {len(xs)}; {max(xs)/min(xs):.2f}×)"

print('| workload | implementation | capacity | near windows: median (range; n; max/min) | far windows | mixed | JVM means (max/min) |')
print('|---|---|---|---|---|---|---|')
for key in order:
    v = rows[key]
    by = {m: [rt for _, mm, rt in v if mm == m] for m in ('near', 'far', 'mixed')}
    jvms = collections.defaultdict(list)
    for rnd, _, rt in v:
        jvms[rnd].append(rt)
    means = [statistics.mean(x) for x in jvms.values()]
    jm = ', '.join(f"{m:,.0f}" for m in means) + f" ({max(means)/min(means):.2f}×)"
    print(f"| {key[0]} | {key[1]} | {key[2]} | {span(by['near'])} | {span(by['far'])} | {len(by['mixed'])} | {jm} |")

# The line probes' medians in each mode, and a two-point fit per row: figure = c + k x line,
# through the near and far medians (an inference: two modes give two points, no more).
lines = {'near': [], 'far': []}
for line in open(sys.argv[1] if len(sys.argv) > 1 else 'windows.txt'):
    f = line.split()
    if len(f) == 7:
        b, a = float(f[4]), float(f[6])
        m = 'near' if b < 150 and a < 150 else 'far' if b > 250 and a > 250 else None
        if m:
            lines[m] += [b, a]
ln, lf = statistics.median(lines['near']), statistics.median(lines['far'])
print()
print(f"line probe medians: near {ln:.0f} ns, far {lf:.0f} ns")
print()
print('| workload | implementation | capacity | k: line round trips | c: ns besides |')
print('|---|---|---|---|---|')
for key in order:
    v = rows[key]
    near = [rt for _, m, rt in v if m == 'near']
    far = [rt for _, m, rt in v if m == 'far']
    if near and far:
        k = (statistics.median(far) - statistics.median(near)) / (lf - ln)
        c = statistics.median(near) - k * ln
        print(f"| {key[0]} | {key[1]} | {key[2]} | {k:.2f} | {c:.0f} |")
