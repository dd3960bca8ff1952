/**
 * Development helper: scores extractFromPages over cached pages (bench/ocr/cache-pages.ts) with the same rules as
 * ../shared/tools/score-extraction.mjs.   npx tsx bench/ocr/eval-cached.ts PAGES_DIR [FIXTURE_DIR] [-v]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { extractFromPages } from "../../app/documents/extract";
import type { PageText } from "../../app/documents/types";

const args = process.argv.slice(2);
const verbose = args.includes("-v");
if (verbose) args.splice(args.indexOf("-v"), 1);
const pagesDir = resolve(args[0] ?? "/tmp/pages");
const dir = resolve(args[1] ?? new URL("../../../shared/fixtures/documents/", import.meta.url).pathname);
const norm = (s: unknown) =>
  String(s ?? "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
const compact = (s: unknown) => norm(s).replace(/ /g, "");
const money = (a: unknown, b: unknown) => a != null && b != null && Math.abs(Number(a) - Number(b)) < 0.005;
type G = {
  docs: number;
  lm: number;
  dm: number;
  lt: number;
  lg: number;
  inv: number;
  cur: number;
  tot: number;
  no: number;
  date: number;
  pat: number;
  diag: number;
  auth: number;
  ther: number;
  wrongTotalFlaggedOk: number;
  silent: number;
};
const groups = new Map<string, G>();
/** Which reader gave each invoice's lines (checks.linesFrom): the general table reader or the older per-layout one. */
const readers: Array<{ name: string; from: string | null; matched: number; truth: number; got: number }> = [];
const g = (k: string) =>
  groups.get(k) ??
  groups.set(k, { docs: 0, lm: 0, dm: 0, lt: 0, lg: 0, inv: 0, cur: 0, tot: 0, no: 0, date: 0, pat: 0, diag: 0, auth: 0, ther: 0, wrongTotalFlaggedOk: 0, silent: 0 }).get(k)!;
for (const f of readdirSync(pagesDir)
  .filter((f) => f.endsWith(".pages.json"))
  .sort()) {
  const name = f.replace(/\.pages\.json$/, "");
  const truth = JSON.parse(readFileSync(join(dir, name + ".json"), "utf8"));
  const pages = JSON.parse(readFileSync(join(pagesDir, f), "utf8")) as PageText[];
  const got = extractFromPages(pages) as Record<string, any>;
  const rend = (name.match(/-(pdf|scan-(?:jpg|png|pdf)|phone)$/) ?? ["", "other"])[1]!;
  const notes: string[] = [];
  for (const k of [rend, "all"]) {
    const s = g(k);
    s.docs++;
    if (truth.documentType === "invoice") {
      s.inv++;
      const free = [...(got.lines ?? [])];
      let m = 0;
      const missed: any[] = [];
      const durationMisses: string[] = [];
      for (const t of truth.lines) {
        const i = free.findIndex((x: any) => x.date === t.date && x.treatmentForm === t.treatmentForm && money(x.amount, t.amount));
        if (i >= 0) {
          m++;
          if ((free[i].durationMinutes ?? null) === (t.durationMinutes ?? null)) s.dm++;
          else if (k === "all") durationMisses.push(`${t.date} ${t.treatmentForm} ${free[i].durationMinutes ?? null} want ${t.durationMinutes ?? null}`);
          free.splice(i, 1);
        } else missed.push(t);
      }
      s.lm += m;
      if (k === "all") readers.push({ name, from: got.checks?.linesFrom ?? null, matched: m, truth: truth.lines.length, got: (got.lines ?? []).length });
      s.lt += truth.lines.length;
      s.lg += (got.lines ?? []).length;
      if (got.currency === truth.currency) s.cur++;
      else if (k === "all") notes.push(`currency ${got.currency} want ${truth.currency}`);
      if (money(got.total, truth.total) || (truth.total == null && got.total == null)) s.tot++;
      else if (k === "all") notes.push(`total ${got.total} want ${truth.total} (sum ${got.checks?.linesSum}, match ${got.checks?.linesMatchTotal})`);
      if (compact(got.invoiceNumber) === compact(truth.invoiceNumber)) s.no++;
      else if (k === "all") notes.push(`invoiceNumber ${got.invoiceNumber} want ${truth.invoiceNumber}`);
      if (norm(got.patientName ?? "") === norm(truth.patientName ?? "")) s.pat++;
      else if (k === "all") notes.push(`patientName ${got.patientName} want ${truth.patientName}`);
      if ((got.diagnosis?.code ?? null) === (truth.diagnosis?.code ?? null)) s.diag++;
      else if (k === "all") notes.push(`diagnosis ${got.diagnosis?.code} want ${truth.diagnosis?.code}`);
      if (got.invoiceDate === truth.invoiceDate) s.date++;
      else if (k === "all") notes.push(`invoiceDate ${got.invoiceDate} want ${truth.invoiceDate}`);
      // silent error: lines or total wrong but checks say they match
      const linesRight = m === truth.lines.length && (got.lines ?? []).length === truth.lines.length;
      if (got.checks?.linesMatchTotal === true && (!linesRight || !money(got.total, truth.total))) {
        s.silent++;
        if (k === "all") notes.push("SILENT");
      }
      if (durationMisses.length) notes.push(`durations ${durationMisses.join(", ")}`);
      if (k === "all" && (m < truth.lines.length || free.length))
        notes.push(
          `lines ${m}/${truth.lines.length} got ${(got.lines ?? []).length}; missed ${JSON.stringify(missed.map((t: any) => [t.date, t.treatmentForm, t.amount]))} extra ${JSON.stringify(free.map((t: any) => [t.date, t.treatmentForm, t.amount]))}`,
        );
    } else if (truth.documentType === "authorisation") {
      s.auth++;
      const t = truth.therapists?.[0],
        o = got.therapists?.[0];
      if (t && o && norm(o.name) === norm(t.name) && compact(o.authorisationNumber) === compact(t.authorisationNumber)) s.ther++;
      else if (k === "all") notes.push(`therapist ${JSON.stringify(o)} want ${JSON.stringify(t)}`);
    }
  }
  if (verbose && notes.length) console.log(`${name}: ${notes.join(" | ")}`);
}
const f2 = (x: number | null) => (x == null ? "  -  " : x.toFixed(3));
for (const [k, s] of [...groups].sort()) {
  const p = s.lg ? s.lm / s.lg : 0,
    r = s.lt ? s.lm / s.lt : 0;
  const f1 = s.lt ? (p + r ? (2 * p * r) / (p + r) : 0) : null;
  console.log(
    `${k.padEnd(9)} docs ${s.docs} lineF1 ${f2(f1)} duration ${f2(s.lm ? s.dm / s.lm : null)} currency ${f2(s.inv ? s.cur / s.inv : null)} total ${f2(s.inv ? s.tot / s.inv : null)} invoiceNo ${f2(s.inv ? s.no / s.inv : null)} invoiceDate ${f2(s.inv ? s.date / s.inv : null)} patient ${f2(s.inv ? s.pat / s.inv : null)} diagnosis ${f2(s.inv ? s.diag / s.inv : null)} therapist ${f2(s.auth ? s.ther / s.auth : null)} silentWrong ${s.silent}`,
  );
}
const older = readers.filter((r) => r.from !== "table");
console.log(`lines from the table reader on ${readers.length - older.length} of ${readers.length} invoices; from the older reader or none:`);
for (const r of older) console.log(`  ${r.name}: ${r.from ?? "no lines"}, ${r.matched}/${r.truth} right of ${r.got} read`);
