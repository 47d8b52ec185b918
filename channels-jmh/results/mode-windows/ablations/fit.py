#!/usr/bin/env python3
"""table.py's two-point fit for the rotations' raw windows (ab.sh / ab-jars.sh / ab-entries.sh
output: round, variant, workload, impl, capacity, probe before, figure, probe after):
python3 fit.py file.txt ... For each workload, capacity and variant with near and far windows
(at least 3 far): figure = c + k x line, through the near and far medians, the line being the
probes' median in each mode across the file. k reads as line round trips per operation, c as
the nanoseconds besides: an inference (two modes give two points, no more)."""
import sys, collections, statistics as st
for fn in sys.argv[1:]:
    d=collections.defaultdict(lambda: {'near':[], 'far':[]}); lines={'near':[], 'far':[]}
    for l in open(fn):
        f=l.split()
        if len(f)!=8: continue
        r,name,w,impl,cap,b,x,a=f; b,x,a=float(b),float(x),float(a)
        m='near' if b<150 and a<150 else 'far' if b>250 and a>250 else None
        if not m: continue
        d[(w,cap,name)][m].append(x); lines[m]+= [b,a]
    ln,lf=st.median(lines['near']),st.median(lines['far'])
    print(f"{fn}: line near {ln:.0f} far {lf:.0f}")
    for k in sorted(d):
        v=d[k]
        if v['near'] and v['far'] and len(v['far'])>=3:
            kk=(st.median(v['far'])-st.median(v['near']))/(lf-ln); c=st.median(v['near'])-kk*ln
            print(f"  {k[0]:14s} {k[1]:3s} {k[2]:14s} k={kk:5.2f} c={c:5.0f}  (near n={len(v['near'])}, far n={len(v['far'])})")
