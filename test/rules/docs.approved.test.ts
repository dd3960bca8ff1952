import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderRulesMarkdown } from "~/domain/rule-docs";

const APPROVED = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/rules/egenandelstak.md");

describe("docs/rules/egenandelstak.md", () => {
  it("matches the rule tables (run with UPDATE_APPROVED=1 to regenerate)", () => {
    const rendered = `${renderRulesMarkdown()}\n`;
    if (process.env.UPDATE_APPROVED === "1") {
      mkdirSync(dirname(APPROVED), { recursive: true });
      writeFileSync(APPROVED, rendered);
    }
    expect(existsSync(APPROVED), `${APPROVED} is missing: run with UPDATE_APPROVED=1`).toBe(true);
    expect(readFileSync(APPROVED, "utf8")).toBe(rendered);
  });
});
