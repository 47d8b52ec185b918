import collections, statistics as st, sys
d=collections.defaultdict(lambda: collections.defaultdict(list))
for l in open(sys.argv[1]):
    f=l.split()
    if len(f)!=8: continue
    r,name,w,impl,cap,b,x,a=f; b,x,a=float(b),float(x),float(a)
    m='near' if b<150 and a<150 else 'far' if b>250 and a>250 else 'mixed'
    d[(w,impl,cap,name)][m].append(x)
for k in sorted(d):
    v=d[k]
    s=lambda xs: f"{st.median(xs):.0f} (n={len(xs)}, {min(xs):.0f}-{max(xs):.0f})" if xs else '-'
    print(*k, 'near', s(v['near']), 'far', s(v['far']), 'mixed', len(v['mixed']))
