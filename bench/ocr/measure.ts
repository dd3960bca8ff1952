/**
 * What the OCR benchmarks (bench.ts, page-cpu.ts) measure with: CPU time of this process and of the native CLI, the native
 * CLI run the one way every comparison makes it, the scanned pages they read, and the process set up as the server runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";

/**
 * Measure the process as the server runs it: package.json's start, dev and worker scripts cap glibc's malloc arenas (each OCR
 * and helper thread otherwise gets its own, and freed native memory stays in them: peak RSS 850–1 130 MB against 810–850 MB
 * capped, three rounds of the application in bench.ts). ADR 0006, "Memory". Without the cap, runs this script again with it
 * and exits with its status.
 */
export function runWithCappedArenas(): void {
  if (process.env.MALLOC_ARENA_MAX) return;
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, MALLOC_ARENA_MAX: "2" } });
  process.exit(r.status ?? 1);
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** CPU of this process in ms, every thread (the OCR workers and the preparation helper are threads in it). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU of this process's waited-for children (the native CLI), in ms (clock ticks of 10 ms). */
export function childCpuMs(): number {
  const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(f[13]) + Number(f[14])) * 10;
}

export function nativeInstalled(): boolean {
  return spawnSync("sh", ["-c", "command -v tesseract"]).status === 0;
}

/** One run of the native CLI as every comparison makes it: OEM 1, PSM 3, 300 DPI, TSV out (into `outDir`), one thread. */
export function runNative(input: string, langs: string, outDir: string, tessdataDir?: string): void {
  execFileSync(
    "tesseract",
    [...(tessdataDir ? ["--tessdata-dir", tessdataDir] : []), input, join(outDir, "out"), "-l", langs, "--oem", "1", "--psm", "3", "-c", "user_defined_dpi=300", "tsv"],
    { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, stdio: "ignore" },
  );
}

/** The scans and photos of a fixture folder to read: BENCH_PAGES=all, else the first two of scan-png, scan-jpg and phone. */
export function scannedPages(dir: string): string[] {
  const all = readdirSync(dir)
    .filter((f) => /-(scan-png|scan-jpg|phone)\.(png|jpe?g)$/.test(f))
    .sort();
  return process.env.BENCH_PAGES === "all" ? all : ["scan-png", "scan-jpg", "phone"].flatMap((r) => all.filter((f) => f.includes(`-${r}.`)).slice(0, 2));
}

/**
 * CPU seconds of this process's live descendants (the render process, its helpers), sampled from /proc: a child that exits is
 * not waited for by us (childCpuMs misses it), so `start()` samples every 50 ms and keeps each one's last figure.
 */
export function descendantsCpu(): { start: () => void; stop: () => number } {
  const seen = new Map<number, number>();
  const sample = () => {
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
      try {
        const st = readFileSync(`/proc/${d}/stat`, "utf8");
        const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
        const ppid = Number(f[1]);
        if (ppid === process.pid || seen.has(ppid)) seen.set(Number(d), (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        /* gone */
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  let base = 0;
  const total = () => [...seen.values()].reduce((a, b) => a + b, 0);
  return {
    start() {
      sample();
      base = total();
      timer = setInterval(sample, 50);
      timer.unref();
    },
    stop() {
      sample();
      if (timer) clearInterval(timer);
      return total() - base;
    },
  };
}

/**
 * The benches' scanned application (bench.ts, render-start.ts, scan-page.ts): the JPEG scans of `dir` in name order, and a
 * three-page PDF of the first three, each drawn over an A4 page as a scanner writes it.
 */
export async function scannedPdf(dir: string): Promise<{ scans: string[]; pdf: Uint8Array }> {
  const scans = readdirSync(dir)
    .filter((f) => /-scan-jpg\.jpg$/.test(f))
    .sort();
  const doc = await PDFDocument.create();
  for (const f of scans.slice(0, 3)) {
    const jpg = await doc.embedJpg(readFileSync(join(dir, f)));
    doc.addPage([595, 842]).drawImage(jpg, { x: 0, y: 0, width: 595, height: 842 });
  }
  return { scans, pdf: await doc.save() };
}
