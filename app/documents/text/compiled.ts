/**
 * The TypeScript entries of the process and the thread the document reading starts (the render process, `isolated.child.ts`;
 * the preparation helper, `prep-helper.worker.ts`), each as one JavaScript file that plain node runs.
 *
 * Started through tsx's loader instead, every render process spent about 3 CPU s compiling, source-mapping and loading its
 * modules before its first page (bench/ocr/render-start.ts), and a render process starts again after 10 s idle or after a
 * large image: with two cores that was a page's worth of OCR time for every document that came after a pause.
 *
 * Each entry is bundled once per process with the esbuild that tsx brings (tsx is a runtime dependency: it is what runs our
 * TypeScript, with this same esbuild). Only our modules are bundled; packages stay imports, resolved from node_modules as
 * before. The file is written under node_modules/.cache/frikortportalen/ with its content's hash in its name, so processes of
 * another version never share one, and written whole before it is renamed into place. When anything of this fails, the entry
 * is started through tsx as before (`null`). `FRIKORT_COMPILED_ENTRIES=off` turns it off (benchmarks compare both).
 */
import { setting } from "../../config.server";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type Entry = "isolated.child.ts" | "prep-helper.worker.ts";

/** The environment a started process reads its compiled files and the source directory from (set by `compiledEnv`). */
const ENV = { "isolated.child.ts": "FRIKORT_COMPILED_RENDER_CHILD", "prep-helper.worker.ts": "FRIKORT_COMPILED_PREP_HELPER" } as const;
const DIR_ENV = "FRIKORT_TEXT_SOURCE_DIR";

/**
 * app/documents/text/ in the source tree: beside this module when it runs from source; for a copy of it bundled elsewhere (the
 * web build, a compiled entry) the directory its starter named, else the one under the working directory the server runs from.
 */
export function textSourceDir(): URL {
  const named = setting(DIR_ENV);
  if (named) return pathToFileURL(named.endsWith("/") ? named : named + "/");
  if (existsSync(fileURLToPath(new URL("./isolated.boot.mjs", import.meta.url)))) return new URL(".", import.meta.url);
  return pathToFileURL(join(process.cwd(), "app/documents/text") + "/");
}

const made = new Map<Entry, string | null>();

interface EsbuildLike {
  buildSync(o: Record<string, unknown>): { outputFiles?: Array<{ text: string }> };
}

function esbuild(): EsbuildLike | null {
  try {
    const req = createRequire(import.meta.url);
    return createRequire(req.resolve("tsx/package.json"))("esbuild") as EsbuildLike;
  } catch {
    return null;
  }
}

/** The entry as one JavaScript file (its path), or null: start it through tsx. */
export function compiledEntry(entry: Entry): string | null {
  const given = setting(ENV[entry]);
  if (given) return existsSync(given) ? given : null;
  if (setting("FRIKORT_COMPILED_ENTRIES") === "off") return null;
  const known = made.get(entry);
  if (known !== undefined && (known === null || existsSync(known))) return known;
  let file: string | null = null;
  try {
    const src = fileURLToPath(new URL(entry, textSourceDir()));
    const build = esbuild();
    if (build && existsSync(src)) {
      const out = build.buildSync({
        entryPoints: [src],
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        write: false,
        logLevel: "silent",
      }).outputFiles?.[0]?.text;
      if (out) {
        // in the source tree's node_modules, so that the packages it imports resolve from there
        const dir = fileURLToPath(new URL("../../../node_modules/.cache/frikortportalen/", textSourceDir()));
        const hash = createHash("sha256").update(out).digest("hex").slice(0, 16);
        file = join(dir, `${entry.replace(/\.ts$/, "")}-${hash}.mjs`);
        if (!existsSync(file)) {
          mkdirSync(dir, { recursive: true });
          const tmp = `${file}.${randomUUID()}.tmp`;
          writeFileSync(tmp, out);
          renameSync(tmp, file);
        }
      }
    }
  } catch {
    file = null;
  }
  made.set(entry, file);
  return file;
}

/**
 * The environment for a process started from a compiled entry: where the other compiled entries are (it does not bundle them
 * again) and where the source directory is.
 */
export function compiledEnv(): Record<string, string> {
  const env: Record<string, string> = { [DIR_ENV]: fileURLToPath(textSourceDir()) };
  for (const e of Object.keys(ENV) as Entry[]) {
    const f = compiledEntry(e);
    if (f) env[ENV[e]] = f;
  }
  return env;
}
