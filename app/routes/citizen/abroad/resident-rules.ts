import type { AppliedRule } from "~/domain/refund-estimate";

/**
 * What a resident reads about a rule: the exchange-rate rules become plain sentences with Norges
 * Bank's public page as the source (their internal references and notes are not sent at all).
 */
export function residentRule(r: Pick<AppliedRule, "key" | "parameterId" | "validFrom" | "value" | "reference" | "confidence">) {
  if (r.parameterId === "physio-abroad.rate-date-rule") {
    return { key: r.key, kind: "rate-date" as const, parameterId: "", validFrom: r.validFrom, value: String(r.value), reference: "", confidence: r.confidence, rate: null };
  }
  const m = r.parameterId.startsWith("norges-bank.exr.") ? /^(\d+(?:\.\d+)?) NOK per (\d+) ([A-Z]{3})$/.exec(String(r.value)) : null;
  if (m) {
    return {
      key: r.key,
      kind: "rate" as const,
      parameterId: "",
      validFrom: r.validFrom,
      value: "",
      reference: "",
      confidence: r.confidence,
      rate: { value: m[1]!, per: m[2]!, currency: m[3]! },
    };
  }
  return {
    key: r.key,
    kind: "other" as const,
    parameterId: r.parameterId,
    validFrom: r.validFrom,
    value: String(r.value),
    reference: r.reference,
    confidence: r.confidence,
    rate: null,
  };
}

export type ResidentRule = ReturnType<typeof residentRule>;
