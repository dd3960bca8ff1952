import { describe, expect, it } from "vitest";
import { readMultipartForm } from "~/utils/upload.server";

/**
 * A browser's multipart body reaches the server in chunks the network chose. The parser under Remix's
 * unstable_parseMultipartFormData failed a body whose closing delimiter arrived split over two chunks; a resident's upload
 * was then refused as a broken form. Every way of cutting the body in two must read the same form.
 */
describe("a multipart form read whatever chunks its body arrives in", () => {
  const boundary = "----WebKitFormBoundaryX3rPq9";
  const body = new TextEncoder().encode(
    [
      `--${boundary}\r\nContent-Disposition: form-data; name="providerName"\r\n\r\nFjordbyen Fysioterapi\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="receipt"; filename="kvittering.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG-bytes\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="amount"\r\n\r\n350\r\n`,
      `--${boundary}--\r\n`,
    ].join(""),
  );
  const request = (pieces: Uint8Array[]) =>
    new Request("http://localhost/mine/manglende", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body: new ReadableStream<Uint8Array>({
        start(c) {
          for (const p of pieces) c.enqueue(p);
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);

  it("in two chunks, cut at every byte", async () => {
    const failed: number[] = [];
    for (let k = 1; k < body.length; k++) {
      try {
        const form = await readMultipartForm(request([body.slice(0, k), body.slice(k)]));
        const file = (form as FormData).get("receipt");
        if (!(file instanceof File && file.name === "kvittering.png" && (form as FormData).get("amount") === "350")) failed.push(k);
      } catch {
        failed.push(k);
      }
    }
    expect(failed).toEqual([]);
  });

  it("one byte at a time", async () => {
    const form = (await readMultipartForm(request([...body].map((b) => Uint8Array.of(b))))) as FormData;
    expect((form.get("receipt") as File).size).toBe(new TextEncoder().encode("\u0089PNG-bytes").length);
    expect(form.get("providerName")).toBe("Fjordbyen Fysioterapi");
  });
});
