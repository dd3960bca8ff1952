import { describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { takeUpload } from "~/utils/upload.server";

// What the server answers for the file field of a form (the browser side: test/e2e/portal.test.ts, without JavaScript)
describe("a chosen file with nothing in it", () => {
  const noDb = null as unknown as Db; // neither answer touches the database
  it("is said, not dropped", async () => {
    const form = new FormData();
    form.set("receipt", new File([], "tom.png", { type: "image/png" }));
    expect(await takeUpload(noDb, "person", form, "receipt")).toEqual({ upload: null, error: "errors.upload.empty" });
  });
  it("is told apart from no file chosen, which the browser sends with no name", async () => {
    const form = new FormData();
    form.set("receipt", new File([], "", { type: "application/octet-stream" }));
    expect(await takeUpload(noDb, "person", form, "receipt")).toEqual({ upload: null, error: null });
  });
});
