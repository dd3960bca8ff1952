import { readFileSync } from "node:fs";
import { generateFnr } from "~/kernel/fnr";
import type { Fnr, IsoDate } from "~/kernel/types";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;

/** A fixture document from test/fixtures/documents, as a browser upload named `name`. */
export function fixturePdf(file: string, name: string): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: "application/pdf", buffer: readFileSync(`${FIXTURES}${file}`) };
}

/** The first valid fødselsnummer for a birth date from individual number `from` on (each test its own resident). */
export function fnrFor(birthDate: IsoDate, from: number): Fnr {
  for (let i = from; i < from + 50; i++) {
    const f = generateFnr(birthDate, i);
    if (f) return f;
  }
  throw new Error("no fnr");
}
