/**
 * Settling a controlled treatment claim (pure): what the provider is paid per line, what the
 * patient's egenandel is, and which register request carries that egenandel to the register's one
 * writer (domain/register.ts). See docs/decisions/0014-treatment-claims.md.
 *
 * - A rejected line is not paid and carries no egenandel.
 * - A line held for control is not paid yet and its egenandel is not registered yet: both follow
 *   when the control approves it (later, through the same writer).
 * - An approved line is paid honorar − egenandel. Its egenandel is registered through the writer
 *   (source `claim`), which waives it when the patient has a frikort on the date (the provider is
 *   then paid the full honorar), refuses it for a child under 16 (likewise), and stores nothing for
 *   a reserved patient — who still pays the egenandel, so the provider is paid as usual.
 */
import type { LineOutcome } from "./claim-controls";
import type { Outcome, RegisterRequest } from "./register";
import { subOre, ZERO_ORE } from "../kernel/money";
import type { Fnr, IsoDate, Ore } from "../kernel/types";

export type EgenandelDisposition =
  /** Stored in the register; counts towards the frikort. */
  | "registered"
  /** The patient has reserved against storage: the patient pays it, nothing is stored. */
  | "reserved"
  /** The patient had a frikort on the date: no egenandel. */
  | "frikort"
  /** Under 16 on the date: no egenandel. */
  | "exempt-child"
  /** The takst has no egenandel part (A1c, A2k, C33a …). */
  | "none"
  /** The line is held for control; registered if the control approves it. */
  | "held"
  /** The line is rejected. */
  | "rejected"
  /** The register refused it for another reason (its register key is taken by another egenandel). */
  | "not-stored";

export interface LineMoney {
  honorarOre: Ore;
  /** Paid to the provider now. */
  refusjonOre: Ore;
  /** The patient's share: what the patient pays for the line (0 with a frikort, under 16, or when rejected). */
  egenandelOre: Ore;
  disposition: EgenandelDisposition;
}

/** The egenandel's key in the register: the claim's id and the line number, in a namespace of its own. */
export function egenandelClaimId(claimId: string, lineNo: number): string {
  return `regning:${claimId}:${lineNo}`;
}

/** The disposition before the register has answered (null: ask the register). */
export function dispositionBeforeRegister(outcome: LineOutcome, takstEgenandelOre: Ore): EgenandelDisposition | null {
  if (outcome === "avvist") return "rejected";
  if (outcome === "til-kontroll") return "held";
  return takstEgenandelOre > 0 ? null : "none";
}

/** The register's answer to a line's request, as its disposition. */
export function dispositionOf(o: Outcome): EgenandelDisposition {
  if (o.ok) return "registered";
  switch (o.refusal.code) {
    case "reserved":
      return "reserved";
    case "frikort":
      return "frikort";
    case "exempt-child":
      return "exempt-child";
    default:
      return "not-stored";
  }
}

/** The money of one line, given its takst amounts, outcome and egenandel disposition. */
export function lineMoney(takst: { honorarOre: Ore; egenandelOre: Ore } | null, outcome: LineOutcome, disposition: EgenandelDisposition): LineMoney {
  const honorarOre = takst?.honorarOre ?? ZERO_ORE;
  if (!takst || outcome === "avvist") return { honorarOre, refusjonOre: ZERO_ORE, egenandelOre: ZERO_ORE, disposition };
  const waived = disposition === "frikort" || disposition === "exempt-child";
  const egenandelOre = waived ? ZERO_ORE : takst.egenandelOre;
  if (outcome === "til-kontroll") return { honorarOre, refusjonOre: ZERO_ORE, egenandelOre, disposition };
  return { honorarOre, refusjonOre: subOre(honorarOre, egenandelOre), egenandelOre, disposition };
}

export interface LineRegistration {
  orgnr: string;
  providerName: string;
  claimId: string;
  lineNo: number;
  fnr: Fnr;
  birthDate: IsoDate | null;
  date: IsoDate;
  egenandelOre: Ore;
  paid: boolean;
  hash: string;
}

/** The register request that carries an approved line's egenandel to the one writer. */
export function lineRegisterRequest(r: LineRegistration): RegisterRequest {
  return {
    op: "register",
    source: { kind: "claim", reference: r.claimId },
    person: { fnr: r.fnr, birthDate: r.birthDate },
    claim: {
      orgnr: r.orgnr,
      claimId: egenandelClaimId(r.claimId, r.lineNo),
      providerName: r.providerName,
      serviceDate: r.date,
      serviceType: "fysioterapi",
      amountOre: r.egenandelOre,
      paid: r.paid,
      paidDate: r.paid ? r.date : null,
    },
    hash: r.hash,
    waiveOnFrikort: true,
  };
}
