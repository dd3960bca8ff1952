/**
 * A corrupt JPEG is called damaged, not "too high resolution" (issue 22, item 7). @napi-rs/canvas
 * crashed (SIGSEGV) on a JPEG cut short or with garbage in it, which the render process reported as
 * its memory cap; the content check now refuses such a file before any decoder sees it.
 */
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { sniff } from "~/documents/text/sniff";

function photo(): Buffer {
  const c = createCanvas(400, 300);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, 400, 300);
  ctx.fillStyle = "#000";
  ctx.font = "32px sans-serif";
  ctx.fillText("Faktura 1234", 20, 60);
  return c.toBuffer("image/jpeg");
}

describe("a corrupt JPEG", () => {
  const good = photo();
  it("a whole JPEG passes the content check", async () => {
    expect(await sniff(good)).toMatchObject({ ok: true, kind: "jpeg" });
  });
  it("a JPEG cut short is refused as damaged", async () => {
    expect(await sniff(good.subarray(0, Math.floor(good.length / 2)))).toMatchObject({ ok: false, reason: "corrupt" });
  });
  it("a JPEG with garbage after its first headers is refused as damaged", async () => {
    expect(await sniff(Buffer.concat([good.subarray(0, 200), Buffer.alloc(4000, 0x5a)]))).toMatchObject({ ok: false, reason: "corrupt" });
  });
});
