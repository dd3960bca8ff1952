/**
 * The reasons a caseworker chooses from when deciding a refund claim for physiotherapy abroad
 * (issue 19 item 4), as a dated list: each code with the provision it rests on and the public page
 * that explains it. The resident's letter prints the plain-language text of each code
 * (i18n `abroadDecision.reason.<code>`) with its legal basis; free text comes in addition.
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-12-06";
const SCHEME = "folketrygdloven § 5-24 a; forskrift 22.11.2010 nr. 1466 om stønad til helsetjenester mottatt i et annet EØS-land";
const HELFO_ABROAD = "https://www.helsenorge.no/en/health-rights-abroad/planned-treatment-in-the-eueea/";

/** Which decisions a reason can support: a rejected line, a line approved in part, or both. */
export type ReasonUse = "reject" | "part" | "both";

export interface AbroadDecisionReason {
  code: string;
  use: ReasonUse;
  legalBasis: string;
  reference: string;
}

const REASONS: readonly AbroadDecisionReason[] = [
  { code: "not-covered-treatment", use: "reject", legalBasis: SCHEME, reference: HELFO_ABROAD },
  { code: "deadline-passed", use: "reject", legalBasis: "folketrygdloven § 22-13 andre ledd", reference: "https://lovdata.no/lov/1997-02-28-19/§22-13" },
  { code: "not-documented", use: "both", legalBasis: "folketrygdloven § 21-3", reference: "https://lovdata.no/lov/1997-02-28-19/§21-3" },
  { code: "claimed-before", use: "reject", legalBasis: SCHEME, reference: HELFO_ABROAD },
  { code: "not-physiotherapy", use: "reject", legalBasis: SCHEME, reference: HELFO_ABROAD },
  { code: "outside-eea", use: "reject", legalBasis: SCHEME, reference: HELFO_ABROAD },
  { code: "not-medically-necessary", use: "both", legalBasis: "folketrygdloven § 5-24 a (only treatment that would be covered in Norway)", reference: HELFO_ABROAD },
  { code: "amount-not-paid", use: "part", legalBasis: SCHEME, reference: HELFO_ABROAD },
  { code: "other", use: "both", legalBasis: SCHEME, reference: HELFO_ABROAD },
];

export const abroadDecisionReasons = defineParameter<readonly AbroadDecisionReason[]>({
  id: "physio-abroad.decision-reasons",
  description: "The reasons a caseworker can give for rejecting a line of a refund claim abroad, or approving it in part, each with its legal basis.",
  unit: "list of reason codes",
  legalBasis: SCHEME,
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2011-01-01": {
      value: [
        ...REASONS,
        {
          code: "no-referral",
          use: "reject",
          legalBasis: "forskrift om stønad til dekning av utgifter til fysioterapi; folketrygdloven § 5-24 a",
          reference: "https://www.helsedirektoratet.no/",
        },
      ],
      reference: `${HELFO_ABROAD}; rules-research.md §4`,
      confidence: "C",
      note: "Codes are Helfo's grounds as this portal names them; the resident's wording of each is in the i18n files. 'other' needs free text.",
    },
    "2018-01-01": {
      value: REASONS,
      reference: `${HELFO_ABROAD}; rules-research.md §4 (the referral requirement ended 1.1.2018)`,
      confidence: "C",
    },
  },
});
