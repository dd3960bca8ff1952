import os, time, sys, json, re
hz = os.sysconf('SC_CLK_TCK')
last = {}
def cat(pid):
    try:
        cmd = open(f'/proc/{pid}/cmdline','rb').read().replace(b'\0',b' ').decode(errors='replace')
    except Exception: return None
    if 'chromium' in cmd:
        m = re.search(r'--type=(\S+)', cmd); return 'chromium-' + (m.group(1) if m else 'browser')
    if 'build/server' in cmd or 'server/main' in cmd: return 'server'
    if 'isolated' in cmd or 'render' in cmd.lower() and 'node' in cmd: return 'render-child'
    if 'vitest' in cmd: return 'vitest'
    if 'postgres' in cmd: return 'postgres'
    if 'node' in cmd: return 'node-other:' + cmd[:80]
    return 'other:' + cmd[:40]
out = sys.argv[1]
while True:
    for pid in os.listdir('/proc'):
        if not pid.isdigit(): continue
        try:
            f = open(f'/proc/{pid}/stat').read().rsplit(')',1)[1].split()
            ut, st = int(f[11]), int(f[12])
        except Exception: continue
        if pid not in last or last[pid][0] is None:
            c = cat(pid)
            last[pid] = [c, ut, st]
        else:
            last[pid][1], last[pid][2] = ut, st
    agg = {}
    for pid,(c,ut,st) in last.items():
        if c is None: continue
        a = agg.setdefault(c, [0,0,0]); a[0]+=ut/hz; a[1]+=st/hz; a[2]+=1
    json.dump(agg, open(out,'w'), indent=0)
    time.sleep(1)
