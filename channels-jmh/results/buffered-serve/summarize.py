#!/usr/bin/env python3
"""summary.md for a buffered-serve or recv-poll run (its parts c2, c1, pl, ub): per cell and implementation, the mean of the fork
means, the smallest and largest fork, and how many forks ran in each machine mode (two-carrier
cells; the mode is the probe's before the command). Usage: summarize.py DIR"""
import collections, json, os, re, sys

d = sys.argv[1]
mode = {}
for line in open(os.path.join(d, 'probes.txt')):
    f = line.split()
    mode[f[0]] = f[-1]
cells = collections.defaultdict(list)
for name in sorted(os.listdir(os.path.join(d, 'json'))):
    m = re.match(r'r(\d+)-(\w+)-(\w+)\.json', name)
    rnd, impl, carriers = m.groups()
    for r in json.load(open(os.path.join(d, 'json', name))):
        p = dict(r['params'])
        p.pop('impl')
        for k in ('policy', 'threads', 'shape'):
            p.pop(k, None)
        key = (carriers, r['benchmark'].split('.', 3)[-1], ' '.join(f'{k}={v}' for k, v in sorted(p.items())), r['primaryMetric']['scoreUnit'])
        # GroupThroughput's primary score adds senders' and receivers' operations (two per
        # message): count its messages by the receivers' score
        metric = r['secondaryMetrics']['take'] if r['benchmark'].endswith('GroupThroughput.transfer') else r['primaryMetric']
        fork = [sum(x) / len(x) for x in metric['rawData']][0]
        cells[key].append((impl, fork, mode.get(name[:-5], '?') if carriers != 'c1' else '-'))
impls = ['channels4j', 'before', 'jox', 'abq']
print('| carriers | benchmark | params | unit | ' + ' | '.join('after' if i == 'channels4j' else i for i in impls) + ' |')
print('|---|---|---|---|' + '---|' * len(impls))
for key in sorted(cells):
    row = []
    for i in impls:
        v = [f for (j, f, _) in cells[key] if j == i]
        if not v:
            row.append('–')
            continue
        modes = collections.Counter(mo for (j, _, mo) in cells[key] if j == i)
        ms = '' if key[0] == 'c1' else ' ' + '/'.join(f'{n}{k[0]}' for k, n in sorted(modes.items()))
        row.append(f'{sum(v) / len(v):.3g} ({min(v):.3g}–{max(v):.3g}{ms})')
    print(f'| {key[0]} | {key[1]} | {key[2]} | {key[3]} | ' + ' | '.join(row) + ' |')
print()
print('Each cell: mean of the fork means (smallest–largest fork; on two carriers, forks per mode, n = near, f = far, m = mixed).')
