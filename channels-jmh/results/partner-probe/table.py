import glob, json, os, re, sys
d = sys.argv[1]
for cell in sorted(os.listdir(d)):
    if not os.path.isdir(os.path.join(d, cell, 'json')): continue
    modes = {}
    for line in open(os.path.join(d, cell, 'probes.txt')):
        m = re.match(r'(r\d+) (\S+) \[.* (\w+)\] \[.* (\w+)\]', line.strip())
        if m: modes[(m.group(1), m.group(2))] = m.group(3)[0] + m.group(4)[0]
    res = {}
    for f in sorted(glob.glob(os.path.join(d, cell, 'json', '*.json'))):
        r, v = re.match(r'(r\d+)-(.+)\.json', os.path.basename(f)).groups()
        try: js = json.load(open(f))
        except ValueError: continue
        for b in js:
            s = b['primaryMetric']['score']; u = b['primaryMetric']['scoreUnit']
            g = b.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score', 0)
            res.setdefault(v, []).append((r, s, modes.get((r, v), '?'), g))
    print(cell, u)
    for v, xs in res.items():
        sc = [x[1] for x in xs]
        print(f'  {v:6s} mean {sum(sc)/len(sc):9.3f} min {min(sc):9.3f} max {max(sc):9.3f} ({max(sc)/min(sc):.2f}x) :: ' + ' '.join(f'{x[1]:.0f}{x[2]}/{x[3]:.0f}B' if x[1] > 50 else f'{x[1]:.2f}{x[2]}/{x[3]:.0f}B' for x in xs))
