#!/usr/bin/env python3
"""python3 table.py DIR [MODE]: per cell and variant, the fork means of the forks whose probes
before and after both read MODE (far unless given; near for a sitting in the near mode), with
every fork listed when some were not, their mean and max/min."""
import glob, json, os, re, sys

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
mode = sys.argv[2] if len(sys.argv) > 2 else 'far'
for cell in sorted(os.listdir(d)):
    if not os.path.isdir(os.path.join(d, cell, 'json')):
        continue
    modes = {}
    for line in open(os.path.join(d, cell, 'probes.txt')):
        m = re.match(r'(r\d+) (\S+) \[.* (\w+)\] \[.* (\w+)\]', line.strip())
        if m:
            modes[(m.group(1), m.group(2))] = (m.group(3), m.group(4))
    kept, every, unit = {}, {}, ''
    for f in sorted(glob.glob(os.path.join(d, cell, 'json', '*.json'))):
        r, v = re.match(r'(r\d+)-(.+)\.json', os.path.basename(f)).groups()
        try:
            js = json.load(open(f))
        except ValueError:
            continue
        for b in js:
            s = b['primaryMetric']['score']
            unit = b['primaryMetric']['scoreUnit']
            every.setdefault(v, []).append(s)
            if modes.get((r, v)) == (mode, mode):
                kept.setdefault(v, []).append(s)
    print(f'{cell} ({unit}; {mode} forks, both probes)')
    for v in every:
        xs = kept.get(v, [])
        if xs:
            print(f'  {v:7s} {sum(xs) / len(xs):8.3f}  ({min(xs):.3f}-{max(xs):.3f}, {max(xs) / min(xs):.2f}x, {len(xs)} forks)'
                  + ('' if len(xs) == len(every[v]) else '  all: ' + ' '.join(f'{x:.3f}' for x in every[v])))
        else:
            print(f'  {v:7s} no {mode} fork; all: ' + ' '.join(f'{x:.3f}' for x in every[v]))
