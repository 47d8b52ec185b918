import json,glob,re,collections,sys
d=collections.defaultdict(list)
out=sys.argv[1]
for f in sorted(glob.glob(out+'/json/*.json')):
    m=re.match(r'.*/r(\d)-(\w+)-(before|after)\.json',f)
    r,cell,v=m.groups()
    try: j=json.load(open(f))
    except Exception as e: d[(cell,v)].append((int(r),None)); continue
    if not j: d[(cell,v)].append((int(r),None))
    for b in j:
        d[(cell,v)].append((int(r),b['primaryMetric']['score']))
cells=sorted(set(c for c,v in d))
for cell in cells:
    for v in ['before','after']:
        xs=d[(cell,v)]
        print(cell,v,' '.join(f"r{r}:{s:.3g}" if s is not None else f"r{r}:none" for r,s in xs))
