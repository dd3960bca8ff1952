import re,collections,sys
txt=open(sys.argv[1]).read()
entries=re.split(r'\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ UTC)', txt)
tot=collections.defaultdict(float); cnt=collections.Counter()
phase=None; cpu=None
for e in entries:
    m=re.search(r'LOG:  (\w[\w ]*) STATISTICS',e)
    if m: phase=m.group(1); cpu=None; continue
    u=re.search(r'DETAIL:.*?([\d.]+) s user, ([\d.]+) s system',e,re.S)
    if u: cpu=float(u.group(1))+float(u.group(2)); continue
    m=re.search(r'STATEMENT:  (.*)',e,re.S)
    if m and phase and cpu is not None:
        s=' '.join(m.group(1).split())
        key=s[:80]
        mm=re.match(r'(?:begin; )?execute (\w+)', s)
        if mm: key='EXEC '+mm.group(1)
        if 'for no key update' in s and 'jsonb_to_recordset' in s: key='LOCK persons'
        elif s.startswith('with ck as'): key='LOAD state'
        elif s.startswith('with pr as'): key='APPLY plan'
        tot[(key,phase)]+=cpu; cnt[(key,phase)]+=1
        phase=None; cpu=None
grand=sum(tot.values())
print('total CPU s', round(grand,3))
bykey=collections.defaultdict(float)
for (k,ph),v in tot.items(): bykey[k]+=v
for k,v in sorted(bykey.items(), key=lambda kv:-kv[1])[:14]:
    print(f"{v:8.3f}s  {k}")
print('--- by phase')
for (k,ph),v in sorted(tot.items(), key=lambda kv:-kv[1])[:24]:
    print(f"{v:8.3f}s {cnt[(k,ph)]:6d} {1000*v/cnt[(k,ph)]:7.3f}ms  {ph:14s} {k[:60]}")
