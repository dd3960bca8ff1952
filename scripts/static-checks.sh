#!/usr/bin/env bash
# The type check and the lint (eslint, prettier, layer rules) at the same time: each holds one core,
# and the machines have two. Fails when either fails; both always finish, so both report.
set -u
npm run -s typecheck &
typecheck=$!
npm run -s lint &
lint=$!
wait "$typecheck"
t=$?
wait "$lint"
l=$?
[ "$t" -eq 0 ] || echo "static checks: the type check failed" >&2
[ "$l" -eq 0 ] || echo "static checks: the lint failed" >&2
[ "$t" -eq 0 ] && [ "$l" -eq 0 ]
