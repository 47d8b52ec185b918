#!/usr/bin/env python3
"""Writes summary.md for a batch-grid run: per cell, each implementation's mean of fork means,
its smallest and largest fork mean, their ratio, and the machine's mode before the cell; Go's
figure for the same cell. Usage: summarize.py DIR"""
import json, os, sys

d = sys.argv[1]
modes = {}
for line in open(os.path.join(d, 'probes.txt')):
    f = line.split()
    modes[f[0]] = f[-1]
go = {}
gp = os.path.join(d, 'json', 'go.json')
if os.path.exists(gp):
    for r in json.load(open(gp)):
        if 'BatchThroughput' in r['benchmark']:
            p = r['params']
            go[(p['capacity'], str(p['producers']), p['shape'])] = r['primaryMetric']['score']

def cell(name):
    out = {}
    for r in json.load(open(os.path.join(d, 'json', name + '.json'))):
        forks = [sum(f) / len(f) for f in r['primaryMetric']['rawData']]
        out[r['params']['impl']] = (sum(forks) / len(forks), min(forks), max(forks))
    return out

rows, wins, total = [], 0, 0
for cap, peers in (('0', 'sq ltq'), ('1', 'abq lbq'), ('16', 'abq lbq')):
    for c in ('1-mpsc', '2-mpsc', '4-mpsc', '8-mpsc', '2-mpmc', '4-mpmc', '8-mpmc'):
        p, shape = c.split('-')
        name = f'{cap}-{c}'
        if not os.path.exists(os.path.join(d, 'json', name + '.json')):
            continue
        r = cell(name)
        def fmt(i):
            if i not in r:
                return '–'
            m, lo, hi = r[i]
            return f'{m:.2f} ({lo:.2f}–{hi:.2f}, {hi / lo:.2f}×{" ⚠" if hi / lo > 1.3 else ""})'
        jvm_peers = [i for i in r if i != 'channels4j']
        best = max(jvm_peers, key=lambda i: r[i][0])
        ahead = r['channels4j'][0] >= r[best][0]
        total += 1
        wins += ahead
        ratio = r['channels4j'][0] / r[best][0]
        g = go.get((cap, p, shape))
        rows.append(f'| {cap} | {p} | {shape} | {modes.get(name, "?")} | {fmt("channels4j")} | {fmt("jox")} | '
                    f'{" / ".join(fmt(i) for i in peers.split())} | {best} {ratio:.2f}× | {f"{g:.2f}" if g else "–"} |')

print('| capacity | P | shape | mode | channels4j | jox 1.0.1 | JDK peers | channels4j / best JVM peer | Go |')
print('|---|---|---|---|---|---|---|---|---|')
print('\n'.join(rows))
print()
print(f'channels4j at or above the best JVM peer (by mean of fork means) in {wins} of {total} cells.')
