import { readFileSync } from "node:fs";
import { createCanvas } from "@napi-rs/canvas";
import { afterAll, describe, expect, it } from "vitest";
import { prepareImageForOcr } from "~/documents/text/image";
import { PrepHelper } from "~/documents/text/prep-helper";

const dir = new URL("../fixtures/documents/", import.meta.url).pathname;

/** A synthetic page of text-like rows, drawn `deg` degrees off level, as PNG bytes. */
function skewedPage(w: number, h: number, deg: number): Uint8Array {
  const c = createCanvas(w, h),
    ctx = c.getContext("2d");
  ctx.fillStyle = "#f4f1ea";
  ctx.fillRect(0, 0, w, h); // greyish paper: the background division has work to do
  ctx.translate(w / 2, h / 2);
  ctx.rotate((deg * Math.PI) / 180);
  ctx.translate(-w / 2, -h / 2);
  ctx.fillStyle = "#111";
  for (let l = 0; l < 40; l++) for (let x = w * 0.1; x < w * 0.9; x += 22) if (Math.round(x / 22) % 6) ctx.fillRect(x, h * 0.12 + l * (h / 55), 14, 20);
  ctx.fillRect(w * 0.1, h * 0.1, w * 0.8, 3); // a table rule
  return new Uint8Array(c.encodeSync("png"));
}

describe("page preparation on two threads", () => {
  const helper = new PrepHelper(() => undefined);
  helper.start();
  afterAll(() => helper.stop());

  const pages: Array<[string, () => Uint8Array]> = [
    ["an upscaled skewed page (drawn scaled, rotated on the grey array)", () => skewedPage(1200, 1700, 1.5)],
    ["a skewed page at its own size (drawn rotated in one transform)", () => skewedPage(2400, 3300, -1)],
    ["a scanned invoice", () => new Uint8Array(readFileSync(dir + "inv03-nb-es-scan-png.png"))],
    ["a phone photo", () => new Uint8Array(readFileSync(dir + "inv16-pl-pl-phone.jpg"))],
  ];
  it.each(pages)("%s comes out byte for byte as on one thread", async (_name, make) => {
    expect(await helper.whenReady()).toBe(true);
    const bytes = make();
    const one = await prepareImageForOcr(bytes, { helper: null });
    const before = helper.steps;
    const two = await prepareImageForOcr(bytes, { helper });
    expect(helper.steps).toBeGreaterThan(before); // the helper did part of it
    expect(two.width).toBe(one.width);
    expect(two.height).toBe(one.height);
    expect(two.skewRadians).toBe(one.skewRadians);
    expect(Buffer.compare(two.data, one.data)).toBe(0);
  });

  it("an image that does not decode is rejected as on one thread, and the helper takes the next page", async () => {
    expect(await helper.whenReady()).toBe(true);
    const broken = new Uint8Array(Buffer.from("this is a text file, not an image\n".repeat(20))); // passed sniffing by mistake
    await expect(prepareImageForOcr(broken, { helper: null })).rejects.toThrow();
    await expect(prepareImageForOcr(broken, { helper })).rejects.toThrow();
    const before = helper.steps;
    await prepareImageForOcr(skewedPage(1200, 1700, 1.5), { helper });
    expect(helper.steps).toBeGreaterThan(before);
  });

  it("a helper that stops in the middle of a page: the page is prepared on one thread, the same", async () => {
    const h = new PrepHelper(() => undefined);
    h.start();
    expect(await h.whenReady()).toBe(true);
    const bytes = skewedPage(1200, 1700, 1.5);
    const one = await prepareImageForOcr(bytes, { helper: null });
    const p = prepareImageForOcr(bytes, { helper: h }); // opens its job on the helper, then decodes
    await h.stop();
    const two = await p;
    expect(h.steps).toBe(0);
    expect(Buffer.compare(two.data, one.data)).toBe(0);
    // a stopped helper takes no new page: one thread
    expect(Buffer.compare((await prepareImageForOcr(bytes, { helper: h })).data, one.data)).toBe(0);
  });

  it("a helper thread that goes down on its own is started again for the pages after", async () => {
    const h = new PrepHelper(() => undefined);
    h.start();
    try {
      expect(await h.whenReady()).toBe(true);
      await (h as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate(); // as if it had crashed
      await new Promise((r) => setImmediate(r)); // its exit event
      const bytes = skewedPage(1200, 1700, 1.5);
      const one = await prepareImageForOcr(bytes, { helper: null });
      // this page: one thread (the new thread is still starting); the next: two again
      expect(Buffer.compare((await prepareImageForOcr(bytes, { helper: h })).data, one.data)).toBe(0);
      expect(h.steps).toBe(0);
      expect(await h.whenReady()).toBe(true);
      expect(Buffer.compare((await prepareImageForOcr(bytes, { helper: h })).data, one.data)).toBe(0);
      expect(h.steps).toBeGreaterThan(0);
    } finally {
      await h.stop();
    }
  });
});
