"""Like cells.py, but only forks whose probes before and after both read far. Usage: farcells.py DIR"""
import json,glob,sys,collections,re
far=set()
for l in open(sys.argv[1]+'/probes.txt'):
    m=re.match(r'(\S+) (\S+) \[.* (\w+)\] \[.* (\w+)\]',l)
    if m and m.group(3)=='far' and m.group(4)=='far': far.add(m.group(1)+'-'+m.group(2))
res=collections.defaultdict(list)
for f in sorted(glob.glob(sys.argv[1]+'/json/*.json')):
    tag=f.split('/')[-1][:-5]
    if tag not in far: continue
    v=tag.split('-',1)[1]
    for r in json.load(open(f)):
        b=r['benchmark'].split('.')[-1]; p=r['params']
        key='%s c%s P%s'%(b,p.get('capacity',''),p.get('producers',''))
        d=r['primaryMetric']['rawData'][0]
        res[(key,v)].append(sum(d)/len(d))
for k in sorted(res):
    m=res[k]
    print('%-32s %-7s mean %8.2f  (%s)  forks %s'%(k[0],k[1],sum(m)/len(m),'%.2f-%.2f'%(min(m),max(m)),' '.join('%.2f'%x for x in m)))
