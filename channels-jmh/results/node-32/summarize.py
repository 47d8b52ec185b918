# Per variant: the primary score and gc.alloc.rate.norm (B/op), mean (smallest-largest) over forks.
# python3 summarize.py CELL_DIR   (reads CELL_DIR/json/r<round>-<variant>.json)
import json,glob,sys,re,collections
d=sys.argv[1]
res=collections.defaultdict(list)
for f in sorted(glob.glob(d+'/json/*.json')):
    v=re.search(r'r\d+-(.*)\.json',f).group(1)
    for b in json.load(open(f)):
        key=b['benchmark'].split('.')[-1]+' '+' '.join(f"{k}={x}" for k,x in sorted(b.get('params',{}).items()) if k!='impl')
        sm=b.get('secondaryMetrics',{})
        g=sm.get('·gc.alloc.rate.norm') or sm.get('gc.alloc.rate.norm')
        res[(key,v)].append((b['primaryMetric']['score'], g['score'] if g else float('nan')))
for (key,v),l in sorted(res.items()):
    s=[x for x,_ in l]; g=[y for _,y in l]
    print(f"{key:45s} {v:7s} n={len(l)} score {sum(s)/len(s):9.3f} ({min(s):.3f}-{max(s):.3f})  B/op {sum(g)/len(g):7.1f} ({min(g):.1f}-{max(g):.1f})")
