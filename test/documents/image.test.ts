import { describe, expect, it } from "vitest";
import { invertFilledBoxes, removeRules, rotateGray, toPgm } from "~/documents/image";
import { topPart } from "~/documents/ocr";

const blank = (w: number, h: number) => new Uint8Array(w * h).fill(255);
const fill = (g: Uint8Array, w: number, x0: number, y0: number, x1: number, y1: number, v: number) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) g[y * w + x] = v;
};
const mean = (g: Uint8Array, w: number, x0: number, y0: number, x1: number, y1: number) => {
  let s = 0; for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += g[y * w + x]!;
  return s / ((x1 - x0) * (y1 - y0));
};

describe("image preparation", () => {
  it("turns a dark filled box with light text into dark text on white", () => {
    const w = 600, h = 300, g = blank(w, h);
    fill(g, w, 100, 100, 500, 180, 90); // the "Total" bar
    fill(g, w, 150, 125, 160, 155, 240); // a light stroke inside it
    expect(invertFilledBoxes(g, w, h)).toBe(1);
    expect(mean(g, w, 110, 105, 140, 175)).toBeGreaterThan(240); // former fill → paper
    expect(mean(g, w, 150, 125, 160, 155)).toBeLessThan(60); // former light text → ink
    expect(mean(g, w, 0, 0, 90, 90)).toBe(255); // paper outside untouched
  });

  it("leaves ordinary text and thin rules alone when looking for filled boxes", () => {
    const w = 600, h = 300, g = blank(w, h);
    fill(g, w, 50, 100, 550, 103, 0); // a 3-px rule
    for (let x = 60; x < 540; x += 14) fill(g, w, x, 150, x + 6, 180, 20); // a row of glyph-like strokes
    const before = g.slice();
    expect(invertFilledBoxes(g, w, h)).toBe(0);
    expect(g).toEqual(before);
  });

  it("removes table rules with small gaps and their faint edges, keeps glyphs", () => {
    const w = 800, h = 200, g = blank(w, h);
    fill(g, w, 20, 50, 780, 52, 30);
    fill(g, w, 400, 50, 402, 52, 255); // a 2-px break in the rule
    fill(g, w, 20, 52, 780, 53, 200); // anti-aliased edge row
    fill(g, w, 100, 100, 110, 130, 20); // a glyph stroke
    removeRules(g, w, h);
    expect(mean(g, w, 20, 48, 780, 55)).toBe(255);
    expect(mean(g, w, 100, 100, 110, 130)).toBe(20);
  });

  it("rotates a grey image about its centre", () => {
    const w = 200, h = 100, g = blank(w, h);
    fill(g, w, 20, 49, 180, 51, 0);
    expect(rotateGray(g, w, h, 0)).toEqual(g);
    const r = rotateGray(g, w, h, (5 * Math.PI) / 180);
    // canvas convention (y down): a positive angle turns the line clockwise, so its right end moves down
    const col = (x: number) => { const ys: number[] = []; for (let y = 0; y < h; y++) if (r[y * w + x]! < 128) ys.push(y); return ys.reduce((p, q) => p + q, 0) / ys.length; };
    expect(col(170) - col(30)).toBeGreaterThan(9);
    expect(col(170) - col(30)).toBeLessThan(15);
  });

  it("cuts the top part of a PGM without copying the header wrongly", () => {
    const w = 10, h = 20, g = new Uint8Array(w * h).map((_, i) => Math.floor(i / w));
    const top = topPart({ data: toPgm(g, w, h), width: w, height: h }, 0.5);
    expect(top.subarray(0, 11).toString("latin1")).toBe("P5\n10 10\n255\n".slice(0, 11));
    const header = "P5\n10 10\n255\n";
    expect(top.length).toBe(header.length + w * 10);
    expect(top[header.length + w * 9]).toBe(9);
  });
});
