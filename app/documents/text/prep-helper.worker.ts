/** The preparation helper thread (see prep-helper.ts): decodes a page's image and runs the row-range kernels it is sent. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort } from "node:worker_threads";
import { loadImage, type Image } from "@napi-rs/canvas";
import { PREP_KERNELS, type PrepOp } from "./image";

const port = parentPort!;
// a decoded page (17–48 MB of native memory) is only freed when its Image object is collected, and this thread makes too little
// garbage of its own for V8 to collect soon: collected when a page is done (measured: preparing the 20 fixture images three
// times peaked at 507 MB with the helper against 371 MB without it, before this)
setFlagsFromString("--expose-gc");
const exposed: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
const gc = typeof exposed === "function" ? (exposed as () => void) : () => undefined;
const images = new Map<number, Promise<Image>>();

type Msg = { op: "open"; id: number; bytes: Uint8Array } | { op: "close"; id: number } | { op: PrepOp; id: number; seq: number; args: never; a: number; b: number };

port.on("message", (m: Msg) => {
  if (m.op === "open") {
    const p = loadImage(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    p.catch(() => undefined); // reported to the step that needs it
    images.set(m.id, p);
    return;
  }
  if (m.op === "close") {
    images.delete(m.id);
    gc();
    return;
  }
  const { seq } = m;
  void (async () => {
    const kernel = PREP_KERNELS[m.op] as (src: unknown, args: unknown, a: number, b: number) => void;
    if (!kernel) throw new Error(`unknown step ${String(m.op)}`);
    const src = m.op === "drawScaled" || m.op === "drawBox" ? await images.get(m.id) : null;
    if ((m.op === "drawScaled" || m.op === "drawBox") && !src) throw new Error(`no image for job ${m.id}`);
    kernel(src, m.args, m.a, m.b);
  })().then(
    () => port.postMessage({ seq }),
    (e: unknown) => port.postMessage({ seq, error: String(e) }),
  );
});
port.postMessage({ ready: true });
