import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { MODULES } from "~/i18n";
import { nb } from "~/i18n/nb";
import { nn } from "~/i18n/nn";

/**
 * The dictionaries are the core plus feature modules merged in order: a key defined twice makes the
 * later module silently replace the earlier text (an abroad payout's "waiting to be paid" once
 * replaced the frikort refund's "will be paid to account …" on every resident page).
 */
describe("message keys", () => {
  it.each([
    ["nb", nb, (m: (typeof MODULES)[number]) => m.nb],
    ["nn", nn, (m: (typeof MODULES)[number]) => m.nn],
    ["en", en, (m: (typeof MODULES)[number]) => m.en],
  ] as const)("no key is defined by two dictionaries (%s)", (_lang, core, pick) => {
    const seen = new Map<string, number>(Object.keys(core).map((k) => [k, -1]));
    const twice: string[] = [];
    MODULES.forEach((m, i) => {
      for (const k of Object.keys(pick(m))) {
        if (seen.has(k)) twice.push(`${k} (module ${i} and ${seen.get(k)})`);
        seen.set(k, i);
      }
    });
    expect(twice).toEqual([]);
  });
});
