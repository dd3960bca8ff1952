#!/bin/bash
# snap-score.sh NAME [scorer args...]: snapshot /work/wt-ocr (without node_modules) to /work/ocr-snap-NAME, run the scorer on both folders there
name=$1; shift
d=/work/ocr-snap-$name
if [ ! -d $d ]; then
mkdir -p $d
(cd /work/wt-ocr && tar --exclude=./node_modules --exclude=./.git -cf - .) | tar -xf - -C $d
cp -al /work/main/node_modules $d/node_modules
fi
cd $d
node /work/ocr-logs/score-extraction-notimeout.mjs ../shared/fixtures/documents --json "$@" > /work/ocr-logs/score-docs-$name.json 2>/work/ocr-logs/score-docs-$name.err
node /work/ocr-logs/score-extraction-notimeout.mjs ../shared/fixtures/documents-more --json "$@" > /work/ocr-logs/score-more-$name.json 2>/work/ocr-logs/score-more-$name.err
echo done > /work/ocr-logs/$name.done
