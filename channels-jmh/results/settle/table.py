#!/usr/bin/env python3
"""python3 table.py [DIR]: per cell, benchmark and parameters (impl aside), and variant: the mean
of the forks whose probes before and after both read far, their range and max/min, and the
same for the near forks; rounds in which both builds ran far give the after/before ratio."""
import glob, json, os, re, sys

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
for cell in sorted(os.listdir(d)):
    if not os.path.isdir(os.path.join(d, cell, 'json')):
        continue
    modes = {}
    for line in open(os.path.join(d, cell, 'probes.txt')):
        m = re.match(r'(r\d+) (\S+) \[.* (\w+)\] \[.* (\w+)\]', line.strip())
        if m:
            modes[(m.group(1), m.group(2))] = m.group(3) if m.group(3) == m.group(4) else 'mixed'
    rows = {}
    for f in sorted(glob.glob(os.path.join(d, cell, 'json', '*.json'))):
        r, v = re.match(r'(r\d+)-(.+)\.json', os.path.basename(f)).groups()
        try:
            js = json.load(open(f))
        except ValueError:
            continue
        for b in js:
            p = {k: x for k, x in b.get('params', {}).items() if k not in ('impl',)}
            key = b['benchmark'].rsplit('.', 2)[-2] + '.' + b['benchmark'].rsplit('.', 1)[-1] + ' ' + \
                ' '.join(f'{k}={x}' for k, x in sorted(p.items()) if k in ('capacity', 'producers'))
            rows.setdefault((key, b['primaryMetric']['scoreUnit']), {}).setdefault(v, []).append(
                (r, modes.get((r, v), '?'), b['primaryMetric']['score']))
    for (key, unit), by in rows.items():
        print(f'{cell}: {key} ({unit})')
        for v, xs in by.items():
            line = f'  {v:7s}'
            for mode in ('far', 'near'):
                s = [x for _, m, x in xs if m == mode]
                if s:
                    line += f'  {mode} {sum(s) / len(s):9.3f} ({min(s):.3f}-{max(s):.3f}, {max(s) / min(s):.2f}x, {len(s)})'
            other = [f'{x:.3f}({m})' for _, m, x in xs if m not in ('far', 'near')]
            print(line + ('  other: ' + ' '.join(other) if other else ''))
        if 'before' in by and 'after' in by:
            b = {r: x for r, m, x in by['before'] if m == 'far'}
            a = {r: x for r, m, x in by['after'] if m == 'far'}
            both = sorted(set(a) & set(b))
            if both:
                print('  after/before, rounds both far: ' + ' '.join(f'{a[r] / b[r]:.2f}' for r in both))
