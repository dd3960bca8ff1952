/**
 * The content check of an uploaded PDF (sniff.ts), which parses it in the capped render process: how long an upload waits for
 * it with a fresh render process (one that exited after 10 s idle), with a running one, and in this process (FRIKORT_ISOLATE_RENDER=off;
 * the first call loads pdf-lib and pdf.js through tsx).  npx tsx bench/ocr/check-latency.ts
 */
import { readFileSync } from "node:fs";
import { sniff } from "../../app/documents/text/sniff";
import { RenderProcess } from "../../app/documents/text/isolated";
const b = new Uint8Array(readFileSync(new URL("../../../shared/fixtures/documents/inv02-sv-se-pdf.pdf", import.meta.url)));
const r = new RenderProcess({ idleMs: 300, lightIdleMs: 300 });
for (const mode of ["render process, fresh", "render process, running", "wait", "render process, fresh again", "this process, first", "this process, again"]) {
  if (mode === "wait") {
    await new Promise((res) => setTimeout(res, 1000));
    continue;
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const res = await sniff(b, {}, mode.startsWith("this") ? null : r);
  const c = process.cpuUsage(c0);
  console.log(`${mode}: ok=${res.ok} ${(performance.now() - t0).toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU in this process`);
}
r.end();
