#!/usr/bin/env python3
"""Per cell and JDK: the fork means of every round, their mean and their spread (max/min)."""
import glob, json, os, sys, collections
out = sys.argv[1]
cells = collections.defaultdict(list)
units = {}
for f in sorted(glob.glob(os.path.join(out, 'json', '*.json'))):
    jdk = os.path.basename(f).split('-')[1]
    text = open(f).read().strip()
    if not text:
        continue  # a run in progress
    for b in json.loads(text):
        p = b.get('params', {})
        name = b['benchmark'].split('.')[-2] + '.' + b['benchmark'].split('.')[-1]
        if '1c-' in os.path.basename(f):
            name += ' (1 carrier)'  # run.sh --one-carrier's files
        key = (name, p.get('capacity'), p.get('producers', ''), p.get('impl'))
        cells[(key, jdk)].append(b['primaryMetric']['score'])
        units[key] = b['primaryMetric']['scoreUnit']
print('| benchmark | capacity | P | impl | JDK 21 forks | mean | max/min | JDK 25 forks | mean | max/min | unit |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
for key in sorted({k for k, _ in cells}):
    row = list(key)
    for jdk in ('21', '25'):
        v = cells.get((key, jdk), [])
        if v:
            row += [' / '.join(f'{x:.3g}' for x in v), f'{sum(v)/len(v):.3g}', f'{max(v)/min(v):.2f}']
        else:
            row += ['-', '-', '-']
    row.append(units[key])
    print('| ' + ' | '.join(str(x) for x in row) + ' |')

# channels4j against the best peer in the same fork round (the machine's mode moves every figure
# of a round together): > 1 means channels4j is ahead
print()
print('| benchmark | capacity | P | JDK | round 1 | round 2 | round 3 | best peer each round |')
print('|---|---|---|---|---|---|---|---|')
for (name, cap, p) in sorted({k[:3] for k, _ in cells}):
    for jdk in ('21', '25'):
        ours = cells.get(((name, cap, p, 'channels4j'), jdk), [])
        peers = {k[3]: v for (k, j), v in cells.items() if k[:3] == (name, cap, p) and j == jdk and k[3] != 'channels4j'}
        ratios, best = [], []
        for r in range(len(ours)):
            higher = units[(name, cap, p, 'channels4j')].startswith('ops')
            cand = {i: v[r] for i, v in peers.items() if len(v) > r}
            b = (max if higher else min)(cand, key=cand.get)
            ratios.append(ours[r] / cand[b] if higher else cand[b] / ours[r])
            best.append(b)
        print(f'| {name} | {cap} | {p} | {jdk} | ' + ' | '.join(f'{x:.2f}' for x in ratios) + ' | ' + ', '.join(best) + ' |')
