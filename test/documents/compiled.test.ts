/**
 * The render process and the preparation helper start from one compiled JavaScript file each (compiled.ts), not through tsx's
 * loader, which cost every fresh render process about 3 CPU s (bench/ocr/render-start.ts); through tsx when that is turned off.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { compiledEntry, compiledEnv } from "~/documents/text/compiled";
import { RenderProcess } from "~/documents/text/isolated";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);

describe("compiled entries", () => {
  afterEach(() => {
    delete process.env.FRIKORT_COMPILED_ENTRIES;
  });

  it("bundles each entry once, into the source tree's node_modules cache, named by its content", () => {
    const child = compiledEntry("isolated.child.ts")!;
    expect(child).toMatch(/node_modules\/\.cache\/frikortportalen\/isolated\.child-[0-9a-f]{16}\.mjs$/);
    expect(compiledEntry("isolated.child.ts")).toBe(child);
    // our modules are in it; packages stay imports
    const js = readFileSync(child, "utf8");
    expect(js).toMatch(/function drawScanPage/);
    expect(js).toMatch(/from "pdf-lib"/);
    // a process started from it finds the helper's compiled file and the sources through its environment
    expect(compiledEnv()).toMatchObject({ FRIKORT_COMPILED_PREP_HELPER: compiledEntry("prep-helper.worker.ts"), FRIKORT_COMPILED_RENDER_CHILD: child });
    process.env.FRIKORT_COMPILED_ENTRIES = "off";
    expect(compiledEntry("prep-helper.worker.ts")).toBeNull();
  });

  it("the render process runs the compiled file with plain node, and reads the same page as through tsx", async () => {
    const scan = new Uint8Array(readFileSync(`${FIXTURES}inv03-nb-es-scan-png.png`));
    const read = async (off: boolean) => {
      if (off) process.env.FRIKORT_COMPILED_ENTRIES = "off";
      else delete process.env.FRIKORT_COMPILED_ENTRIES;
      const rp = new RenderProcess({ log: () => undefined });
      try {
        // spareCore: the page is prepared with the helper thread, compiled too
        const img = await rp.prepareImage(scan, true);
        return { img, argv: cmdline(rp.pid!) };
      } finally {
        rp.end();
      }
    };
    const compiled = await read(false);
    const tsx = await read(true);
    expect(compiled.argv.some((a) => /frikortportalen\/isolated\.child-[0-9a-f]+\.mjs$/.test(a))).toBe(true);
    expect(compiled.argv.some((a) => a.endsWith("isolated.boot.mjs"))).toBe(false);
    expect(tsx.argv.some((a) => a.endsWith("isolated.boot.mjs"))).toBe(true);
    expect([compiled.img.width, compiled.img.height]).toEqual([tsx.img.width, tsx.img.height]);
    expect(Buffer.from(compiled.img.data).equals(Buffer.from(tsx.img.data))).toBe(true);
  });
});
