#!/bin/bash
# usage: micro.sh LABEL "chromium args" files...   (from the repository root; output in /tmp/micro-LABEL.*)
label=$1; shift; args=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/cpusample.py" /tmp/micro-$label.json & sp=$!
s0=$(head -1 /proc/stat); t0=$(date +%s.%N)
E2E_SCREENSHOTS=off E2E_CHROMIUM_ARGS="$args" npx vitest run --project e2e "$@" > /tmp/micro-$label.log 2>&1; rc=$?
t1=$(date +%s.%N); s1=$(head -1 /proc/stat); sleep 1.2; kill $sp
python3 - "$label" "$s0" "$s1" "$t0" "$t1" "$rc" <<'PY'
import sys, json
label,s0,s1,t0,t1,rc=sys.argv[1:]
a=list(map(int,s0.split()[1:])); b=list(map(int,s1.split()[1:])); d=[y-x for x,y in zip(a,b)]
busy=(sum(d)-d[3]-d[4])/100
j=json.load(open(f'/tmp/micro-{label}.json'))
chrom=sum(v[0]+v[1] for k,v in j.items() if k.startswith('chromium'))
rend=sum(v[0]+v[1] for k,v in j.items() if k=='chromium-renderer'); nr=sum(v[2] for k,v in j.items() if k=='chromium-renderer')
br=sum(v[0]+v[1] for k,v in j.items() if k=='chromium-browser'); gpu=sum(v[0]+v[1] for k,v in j.items() if k=='chromium-gpu-process')
srv=sum(v[0]+v[1] for k,v in j.items() if k=='server')
print(f"{label}: rc={rc} wall={float(t1)-float(t0):.1f}s busy={busy:.1f}s chromium={chrom:.1f}s (renderer {rend:.1f} in {nr}, browser {br:.1f}, gpu {gpu:.1f}) server={srv:.1f}s")
PY
