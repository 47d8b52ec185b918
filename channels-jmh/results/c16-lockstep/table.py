import re,glob,sys,json
# per measured iteration: msg/us, share of receives that took an element in the poll, parks per message, serves per message
def rows(d):
    out=[]
    for f in sorted(glob.glob(d+'/logs/*.log')):
        L=open(f).read().split('\n'); name=f.split('/')[-1][:-4]
        its=[]
        for i,l in enumerate(L):
            m=re.match(r'(# Warmup )?Iteration\s+(\d+): DIAG (.*)',l)
            if m:
                sc=float(L[i+1].split()[0]); d_=dict(kv.split('=') for kv in m.group(3).split())
                msgs=sc*0.5e6
                parks=sum(int(d_[k]) for k in ['U-park','O-park','X-park'])
                its.append((('w' if m.group(1) else 'm')+m.group(2), sc, int(d_['pollOk'])/msgs, parks/msgs, (int(d_['serveR'])+int(d_['serveS']))/msgs))
        out.append((name,its))
    return out
for d in sys.argv[1:]:
    for name,its in rows(d):
        print('| %s | %s |' % (name, ' | '.join('%.2f: %.2f/%.3f/%.2f'%(sc,p,k,s) for _,sc,p,k,s in its)))
