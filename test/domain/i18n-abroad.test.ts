import { describe, expect, it } from "vitest";
import { abroad } from "~/i18n/abroad";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("abroad messages", () => {
  it("bokmål, nynorsk and English have the same keys, none empty, with the same placeholders", () => {
    const nb = Object.keys(abroad.nb).sort();
    expect(Object.keys(abroad.nn).sort()).toEqual(nb);
    expect(Object.keys(abroad.en).sort()).toEqual(nb);
    for (const k of nb) {
      const v = (abroad.nb as Record<string, string>)[k]!;
      if (k === "abroad.assess.reason.none") continue;
      for (const lang of ["nb", "nn", "en"] as const) expect((abroad[lang] as Record<string, string>)[k], `${lang} ${k}`).not.toBe("");
      expect(placeholders(abroad.nn[k as keyof typeof abroad.nn]), `nn ${k}`).toEqual(placeholders(v));
      expect(placeholders(abroad.en[k as keyof typeof abroad.en]), `en ${k}`).toEqual(placeholders(v));
    }
  });
});
