/** Development helper: prints extractFromPages for every cached page file, one JSON line each (to diff two checkouts). */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { extractFromPages } from "../../app/documents/extract";
import type { PageText } from "../../app/documents/types";

for (const dir of process.argv.slice(2).map((d) => resolve(d)))
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".pages.json"))
    .sort())
    console.log(f, JSON.stringify(extractFromPages(JSON.parse(readFileSync(join(dir, f), "utf8")) as PageText[])));
