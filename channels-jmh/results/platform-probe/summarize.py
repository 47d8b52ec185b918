"""(JSON files may be gzipped.) GroupThroughput counts messages by its receivers' score ('take'). Per cell and variant: mean of fork means (smallest-largest) over the forks whose probes before
and after read MODE (default far; 'all' for every fork), and the count. Usage: summarize.py DIR [MODE]"""
import json,glob,sys,collections,re,gzip
d=sys.argv[1]; mode=sys.argv[2] if len(sys.argv)>2 else 'far'
ok=set()
for l in open(d+'/probes.txt'):
    m=re.match(r'(\S+) (\S+) \[.* (\w+)\] \[.* (\w+)\]',l)
    if m and (mode=='all' or (m.group(3)==mode and m.group(4)==mode)): ok.add(m.group(1)+'-'+m.group(2))
res=collections.defaultdict(list)
for f in sorted(glob.glob(d+'/json/*.json*')):
    tag=f.split('/')[-1].split('.json')[0]
    if tag not in ok: continue
    v=tag.split('-',1)[1]
    for r in json.load(gzip.open(f) if f.endswith('.gz') else open(f)):
        b=r['benchmark'].split('.')[-1]; p=r['params']
        key='%s c%s P%s'%(b,p.get('capacity',''),p.get('producers',''))
        # GroupThroughput's primary score adds the senders' and the receivers' operations, two
        # per message: its messages per µs are the receivers' ('take')
        pm=r['secondaryMetrics']['take'] if b=='transfer' and 'take' in r.get('secondaryMetrics',{}) else r['primaryMetric']
        x=pm['rawData'][0] if 'rawData' in pm else [pm['score']]
        res[(key,v)].append(sum(x)/len(x))
for k in sorted(res):
    m=res[k]
    print('%-34s %-7s n=%d mean %9.3f  (%s)  forks %s'%(k[0],k[1],len(m),sum(m)/len(m),'%.3f-%.3f'%(min(m),max(m)),' '.join('%.3f'%x for x in m)))
