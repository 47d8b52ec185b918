import json,glob,sys,collections
res=collections.defaultdict(list)
for f in sorted(glob.glob(sys.argv[1]+'/json/*.json')):
    v=f.split('/')[-1][:-5].split('-',1)[1]
    for r in json.load(open(f)):
        b=r['benchmark'].split('.')[-1]; p=r['params']
        key='%s c%s P%s'%(b,p.get('capacity',''),p.get('producers',''))
        d=r['primaryMetric']['rawData'][0]
        a=r['secondaryMetrics'].get('gc.alloc.rate.norm',{}).get('score',0)
        res[(key,v)].append((sum(d)/len(d),a))
for k in sorted(res):
    xs=res[k]; m=[x[0] for x in xs]
    print('%-40s %-8s mean %8.2f  forks %s  B/op %.1f'%(k[0],k[1],sum(m)/len(m),' '.join('%.2f'%x for x in m),xs[0][1]))
