import { describe, expect, it } from "vitest";
import { createCanvas } from "@napi-rs/canvas";
import {
  estimateSkew,
  invertFilledBoxes,
  prepareDrawableForOcr,
  removeDottedRules,
  removeRules,
  rgbaToGray,
  rotateGray,
  scaleFor,
  scaleForText,
  shrink,
  textHeight,
  toPgm,
} from "~/documents/text/image";
import { detectionImage, topPart } from "~/documents/text/page-image";

const blank = (w: number, h: number) => new Uint8Array(w * h).fill(255);
const fill = (g: Uint8Array, w: number, x0: number, y0: number, x1: number, y1: number, v: number) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) g[y * w + x] = v;
};
const mean = (g: Uint8Array, w: number, x0: number, y0: number, x1: number, y1: number) => {
  let s = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += g[y * w + x]!;
  return s / ((x1 - x0) * (y1 - y0));
};

describe("image preparation", () => {
  it("turns a dark filled box with light text into dark text on white", () => {
    const w = 600,
      h = 300,
      g = blank(w, h);
    fill(g, w, 100, 100, 500, 180, 90); // the "Total" bar
    fill(g, w, 150, 125, 160, 155, 240); // a light stroke inside it
    expect(invertFilledBoxes(g, w, h)).toBe(1);
    expect(mean(g, w, 110, 105, 140, 175)).toBeGreaterThan(240); // former fill → paper
    expect(mean(g, w, 150, 125, 160, 155)).toBeLessThan(60); // former light text → ink
    expect(mean(g, w, 0, 0, 90, 90)).toBe(255); // paper outside untouched
  });

  it("leaves ordinary text and thin rules alone when looking for filled boxes", () => {
    const w = 600,
      h = 300,
      g = blank(w, h);
    fill(g, w, 50, 100, 550, 103, 0); // a 3-px rule
    for (let x = 60; x < 540; x += 14) fill(g, w, x, 150, x + 6, 180, 20); // a row of glyph-like strokes
    const before = g.slice();
    expect(invertFilledBoxes(g, w, h)).toBe(0);
    expect(g).toEqual(before);
  });

  it("removes table rules with small gaps and their faint edges, keeps glyphs", () => {
    const w = 800,
      h = 200,
      g = blank(w, h);
    fill(g, w, 20, 50, 780, 52, 30);
    fill(g, w, 400, 50, 402, 52, 255); // a 2-px break in the rule
    fill(g, w, 20, 52, 780, 53, 200); // anti-aliased edge row
    fill(g, w, 100, 100, 110, 130, 20); // a glyph stroke
    removeRules(g, w, h);
    expect(mean(g, w, 20, 48, 780, 55)).toBe(255);
    expect(mean(g, w, 100, 100, 110, 130)).toBe(20);
  });

  it("removes a form's short cell borders that end at a rule, keeps a tall glyph stroke and a lone bar", () => {
    // a box row 80 px high on an A4-high page (a vertical rule on its own is 100+ px there): top and bottom rules, a 2-px cell
    // border between two values; beside it a value's "1"-like stroke
    const w = 1000,
      h = 3000,
      g = blank(w, h);
    fill(g, w, 50, 100, 950, 103, 0);
    fill(g, w, 50, 180, 950, 183, 0);
    fill(g, w, 500, 106, 502, 178, 0); // the cell border, starting 3 px under the top rule (its faint edge was whitened)
    fill(g, w, 530, 120, 534, 160, 0); // a glyph stroke of the value beside it (40 px: shorter than a border)
    fill(g, w, 700, 250, 702, 305, 0); // a 55-px bar on its own, not touching a rule (a "|" or an "l" of a heading)
    fill(g, w, 300, 250, 312, 305, 0); // a bold stroke as tall
    removeRules(g, w, h);
    expect(mean(g, w, 500, 104, 503, 180)).toBe(255);
    expect(mean(g, w, 530, 120, 534, 160)).toBe(0);
    expect(mean(g, w, 700, 250, 702, 305)).toBe(0);
    expect(mean(g, w, 300, 250, 312, 305)).toBe(0);
  });

  it("removes dotted rules and dot leaders, keeps text, its thin strokes and an underline touching it", () => {
    const w = 1000,
      h = 300,
      g = blank(w, h);
    for (let x = 20; x < 980; x += 6) fill(g, w, x, 40, x + 3, 42, 120); // a dotted rule between two table rows
    // a text row: glyph-like strokes with thin horizontal bars (the arcs of "o", the bar of "e") at one height
    for (let x = 40; x < 940; x += 14) {
      fill(g, w, x, 100, x + 3, 130, 0);
      fill(g, w, x + 3, 100, x + 12, 103, 0);
      fill(g, w, x + 3, 114, x + 12, 116, 0);
    }
    fill(g, w, 40, 133, 940, 135, 0); // an underline 3 px under the text
    for (let x = 300; x < 700; x += 9) fill(g, w, x, 226, x + 4, 230, 0); // dot leaders between an item and its amount…
    fill(g, w, 100, 200, 104, 230, 0);
    fill(g, w, 900, 200, 904, 230, 0); // …which stand apart from it
    const text = g.slice();
    expect(removeDottedRules(g, w, h, 250)).toBeGreaterThan(0);
    expect(mean(g, w, 20, 38, 980, 44)).toBe(255);
    expect(mean(g, w, 300, 224, 700, 232)).toBe(255);
    for (const [x0, y0, x1, y1] of [
      [40, 100, 940, 136],
      [100, 200, 105, 231],
      [900, 200, 905, 231],
    ] as const) {
      expect(mean(g, w, x0, y0, x1, y1)).toBe(mean(text, w, x0, y0, x1, y1));
    }
  });

  it("rotates a grey image about its centre", () => {
    const w = 200,
      h = 100,
      g = blank(w, h);
    fill(g, w, 20, 49, 180, 51, 0);
    expect(rotateGray(g, w, h, 0)).toEqual(g);
    const r = rotateGray(g, w, h, (5 * Math.PI) / 180);
    // canvas convention (y down): a positive angle turns the line clockwise, so its right end moves down
    const col = (x: number) => {
      const ys: number[] = [];
      for (let y = 0; y < h; y++) if (r[y * w + x]! < 128) ys.push(y);
      return ys.reduce((p, q) => p + q, 0) / ys.length;
    };
    expect(col(170) - col(30)).toBeGreaterThan(9);
    expect(col(170) - col(30)).toBeLessThan(15);
  });

  it("cuts the top part of a PGM without copying the header wrongly", () => {
    const w = 10,
      h = 20,
      g = new Uint8Array(w * h).map((_, i) => Math.floor(i / w));
    const top = topPart({ data: toPgm(g, w, h), width: w, height: h }, 0.5);
    expect(top.subarray(0, 11).toString("latin1")).toBe("P5\n10 10\n255\n".slice(0, 11));
    const header = "P5\n10 10\n255\n";
    expect(top.length).toBe(header.length + w * 10);
    expect(top[header.length + w * 9]).toBe(9);
  });

  it("converts RGBA to luminance with one load per pixel, aligned or not", () => {
    const w = 3,
      h = 2,
      d = new Uint8Array(w * h * 4 + 1);
    const px = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [255, 255, 255],
      [0, 0, 0],
      [10, 200, 30],
    ];
    px.forEach(([r, g, b], i) => d.set([r!, g!, b!, 255], i * 4));
    const want = px.map(([r, g, b]) => (r! * 77 + g! * 150 + b! * 29) >> 8);
    expect([...rgbaToGray(d.subarray(0, w * h * 4), w, h)]).toEqual(want);
    const odd = new Uint8Array(w * h * 4 + 1);
    odd.set(d.subarray(0, w * h * 4), 1);
    expect([...rgbaToGray(odd.subarray(1), w, h)]).toEqual(want);
  });

  it("shrinks by block averages", () => {
    const g = Uint8Array.from([0, 100, 200, 50, 100, 100, 0, 50]); // 4×2
    expect([...shrink(g, 4, 2, 2)]).toEqual([75, 75]);
    expect(shrink(g, 4, 2, 1)).toBe(g);
  });

  it("finds a page's text angle and ignores a long frame drawn at another angle", () => {
    const w = 800,
      h = 1000,
      g = blank(w, h);
    const a = (1.5 * Math.PI) / 180;
    // 30 "text lines" of short strokes at 1.5°, and a long frame line at -1°
    for (let l = 0; l < 30; l++)
      for (let x = 80; x < 720; x += 9) {
        if ((x / 9) % 7 === 0) continue; // word gaps
        const y = Math.round(100 + l * 28 + x * Math.tan(a));
        fill(g, w, x, y, x + 5, y + 9, 20);
      }
    for (let x = 40; x < 760; x++) {
      const y = Math.round(950 - x * Math.tan(Math.PI / 180));
      fill(g, w, x, y, x + 1, y + 3, 0);
    }
    expect((estimateSkew(g, w, h) * 180) / Math.PI).toBeCloseTo(1.5, 0);
  });

  it("prepares a rotated page: deskewed, grey, as a PGM the size of the page", () => {
    const w = 1800,
      h = 2400;
    const c = createCanvas(w, h),
      ctx = c.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    ctx.translate(w / 2, h / 2);
    ctx.rotate((2 * Math.PI) / 180);
    ctx.translate(-w / 2, -h / 2);
    ctx.fillStyle = "#000";
    // small print (glyphs 12 px high): the page is upscaled
    for (let l = 0; l < 40; l++) for (let x = 200; x < 1600; x += 22) if ((x / 22) % 6) ctx.fillRect(x, 300 + l * 45, 10, 12);
    const img = prepareDrawableForOcr(c, w, h);
    expect((img.skewRadians! * 180) / Math.PI).toBeCloseTo(2, 0);
    expect(img.photo).toBe(false); // a scan: our angle, read in single-block mode
    const header = `P5\n${img.width} ${img.height}\n255\n`;
    expect(img.data.subarray(0, header.length).toString("latin1")).toBe(header);
    expect(img.data.length).toBe(header.length + img.width * img.height);
    expect(img.width).toBeGreaterThanOrEqual(2400); // upscaled towards ≈ 2 400 px
    // after the deskew the rows are level: a row's ink is at the same height at its left and right end
    const g = img.data.subarray(header.length),
      W = img.width;
    const rowOf = (x: number) => {
      for (let y = 0; y < img.height; y++) if (g[y * W + x]! < 128) return y;
      return -1;
    };
    const left = rowOf(Math.round(W * 0.2)),
      right = rowOf(Math.round(W * 0.75));
    expect(Math.abs(left - right)).toBeLessThan(15);
  });

  it("measures the text height as the typical height of letter-sized marks", () => {
    const w = 1600,
      h = 2200,
      g = blank(w, h);
    // 30 lines of "words": glyphs 16 px high (every fifth 22 px: capitals, ascenders), a dot after some, a rule and a logo
    for (let l = 0; l < 30; l++)
      for (let k = 0; k < 90; k++) {
        const x = 100 + k * 14,
          tall = k % 5 === 0;
        fill(g, w, x, 200 + l * 60 + (tall ? 0 : 6), x + 9, 222 + l * 60, 0);
        if (k % 7 === 0) fill(g, w, x + 10, 220 + l * 60, x + 12, 222 + l * 60, 0);
      }
    fill(g, w, 100, 120, 1500, 123, 0); // a rule
    fill(g, w, 1420, 200, 1560, 400, 0); // a logo
    expect(textHeight(g, w, h)).toBeCloseTo(16, 0);
    expect(textHeight(blank(w, h), w, h)).toBe(0); // nothing to measure
  });

  it("upscales a page only as far as its text needs: large print is read as it is, small print is upscaled", () => {
    const TEXT_HEIGHT = 20;
    const widthScale = scaleFor(1700, 2400); // an A4 scan at ≈ 205 DPI: ≈ 1.41 by width
    expect(widthScale).toBeGreaterThan(1.3);
    expect(scaleForText(TEXT_HEIGHT * 1.3, widthScale, TEXT_HEIGHT)).toBe(1); // large print: not upscaled
    expect(scaleForText(TEXT_HEIGHT * 0.95, widthScale, TEXT_HEIGHT)).toBe(1); // within 8 % of the target: not resampled
    expect(scaleForText(TEXT_HEIGHT * 0.8, widthScale, TEXT_HEIGHT)).toBeCloseTo(1.25, 5); // upscaled just to the target
    expect(scaleForText(TEXT_HEIGHT / 1.35, widthScale, TEXT_HEIGHT)).toBe(widthScale); // the width's scale is within 8 %: by width
    expect(scaleForText(10, widthScale, TEXT_HEIGHT)).toBe(widthScale); // small print: no more than the width asks
    expect(scaleForText(0, widthScale, TEXT_HEIGHT)).toBe(widthScale); // nothing measured: by width
    expect(scaleForText(TEXT_HEIGHT * 1.3, widthScale, 0)).toBe(widthScale); // measure off
    expect(scaleForText(5, 1, TEXT_HEIGHT)).toBe(1); // a page wide enough is never upscaled, however small its print
  });

  it("prepares a narrow page of large print at its own size and one of small print upscaled, given a text height", () => {
    const page = (glyphW: number, glyphH: number) => {
      const w = 1700,
        h = 2400;
      const c = createCanvas(w, h),
        ctx = c.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, w, h);
      ctx.fillStyle = "#000";
      for (let l = 0; l < 30; l++) for (let x = 200; x < 1500; x += glyphW + 8) if ((x / (glyphW + 8)) % 6 > 1) ctx.fillRect(x, 300 + l * 60, glyphW, glyphH);
      return (textHeight?: number) => prepareDrawableForOcr(c, w, h, { textHeight });
    };
    const byWidth = Math.round(1700 * scaleFor(1700, 2400));
    expect(page(18, 28)(20).width).toBe(1700);
    expect(page(8, 10)(20).width).toBe(byWidth);
    expect(page(18, 28)().width).toBe(byWidth); // the measure is off by default (TEXT_HEIGHT 0): by width
  });

  it("makes the detection read's image: the top of the page at half resolution", () => {
    const w = 1200,
      h = 3000,
      g = blank(w, h);
    for (let i = 0; i < 50; i++) fill(g, w, 100, 100 + i * 50, w - 100, 124 + i * 50, 0);
    const d = detectionImage({ data: toPgm(g, w, h), width: w, height: h })!;
    expect(d.width).toBe(600);
    expect(d.height).toBeLessThan(1800 / 2);
    expect(d.data.length).toBe(`P5\n600 ${d.height}\n255\n`.length + 600 * d.height);
    expect(d.params.user_defined_dpi).toBe("150");
    expect(detectionImage({ data: toPgm(blank(800, 1200), 800, 1200), width: 800, height: 1200 })).toBeNull();
  });
});
