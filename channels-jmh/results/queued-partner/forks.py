# Prints each JMH result file's cells with the mean of every fork and the max/min spread: python3 forks.py json/*.json
import json,sys,glob,os
for f in sys.argv[1:]:
    if not os.path.exists(f): continue
    try: d=json.load(open(f))
    except Exception: continue
    for r in d:
        pm=r['primaryMetric']; raw=pm['rawData']
        fm=[sum(x)/len(x) for x in raw]
        params=','.join(f"{k}={v}" for k,v in (r.get('params') or {}).items() if k in('capacity','producers','impl'))
        print(f"{os.path.basename(f):8} {r['benchmark'].split('.')[-2]+'.'+r['benchmark'].split('.')[-1]:28} {params:35} {pm['score']:9.3f} {pm['scoreUnit']:8} forks {' / '.join(f'{x:.3f}' for x in fm)}  spread {max(fm)/min(fm):.2f}")
