/**
 * Post-payment control of a provider (etterkontroll, issue 20 part 5; seed 000 "Ordinær saksgang i
 * en kontroll": innhenting → vurdering → varsel → tilsvar → ny vurdering → vedtak → klage). The
 * deadlines and the legal basis each letter cites, as dated parameters with their sources.
 *
 * rules-research.md §5: the legal basis for gathering information is folketrygdloven § 21-4, and
 * the rundskriv to ftrl kap. 21 says a letter must give hjemmel, purpose, deadline and the right to
 * complain (C). The documentation duty is takstforskriften § 5 and helsepersonelloven §§ 39–40
 * (seed 000, "Dokumentasjonsplikt", C). No published source gives Helfo's own deadlines for the
 * provider's answers: those are our assumption (U) and say so.
 */
import type { IsoDate } from "../../kernel/types";
import { defineParameter, valueAt } from "../parameter";

const LAST_REVIEWED_ON: IsoDate = "2026-12-06";
const RUNDSKRIV_21 = "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-21";
const SEED_000 = "seeds/helfo-etterkontroll-fysioterapi.txt (Helfo kontroll): 'Ordinær saksgang i en kontroll', 'Dokumentasjonsplikt'";

/** Days the provider gets to send the journal documentation asked for (innhenting). */
export const documentationDeadlineDays = defineParameter<number>({
  id: "control.documentation_deadline_days",
  description: "A provider asked for journal documentation in a control case must send it within this many days of the letter.",
  unit: "days",
  legalBasis: "folketrygdloven § 21-4 (the letter must give a deadline: rundskriv til ftrl kap. 21)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: 21,
      reference: RUNDSKRIV_21,
      confidence: "U",
      note: "The rundskriv requires a deadline; its length is not published. Three weeks is our assumption.",
    },
  },
});

/** Days the provider gets to answer the advance notice (tilsvar), forvaltningsloven § 16. */
export const noticeAnswerDays = defineParameter<number>({
  id: "control.notice_answer_days",
  description: "A provider given advance notice of a repayment claim may answer (tilsvar) within this many days of the notice.",
  unit: "days",
  legalBasis: "forvaltningsloven § 16 (forhåndsvarsel with a deadline for comments)",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "1967-01-01": {
      value: 21,
      reference: "https://lovdata.no/lov/1967-02-10/§16",
      confidence: "U",
      note: "The law requires a deadline for comments; the agency sets its length. Three weeks is our assumption.",
    },
  },
});

/** Weeks to appeal a vedtak (forvaltningsloven § 29), counted here from the vedtak date. */
export const appealWeeks = defineParameter<number>({
  id: "control.appeal_weeks",
  description: "A vedtak about repayment can be appealed within this many weeks.",
  unit: "weeks",
  legalBasis: "forvaltningsloven §§ 28–29",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: { "1967-01-01": { value: 6, reference: "https://lovdata.no/lov/1967-02-10/§29", confidence: "C" } },
});

/**
 * Years after a vedtak after which an appeal received too late can never be considered, whatever the
 * reason for the delay (forvaltningsloven § 31 third paragraph: "Har det gått mer enn ett år siden
 * vedtaket ble truffet, kan klagen ikke i noe tilfelle tas under behandling").
 */
export const lateAppealLimitYears = defineParameter<number>({
  id: "control.late_appeal_limit_years",
  description: "A late appeal against a control case's vedtak can be considered under forvaltningsloven § 31 only if it arrived within this many years of the vedtak.",
  unit: "years",
  legalBasis: "forvaltningsloven § 31 third paragraph",
  lastReviewedOn: "2026-12-06",
  values: {
    "1967-01-01": {
      value: 1,
      reference: "https://lovdata.no/lov/1967-02-10/§31 (third paragraph; also the Sivilombudet's statements on oversittelse av klagefrist)",
      confidence: "C",
      note: "Counted here to the day the appeal was received (our reading of 'since the vedtak was made').",
    },
  },
});

/** Days to complain about an order to give information (the innhenting letter), forvaltningsloven § 14. */
export const informationOrderAppealDays = defineParameter<number>({
  id: "control.information_order_appeal_days",
  description: "A provider ordered to give information may complain about the order within this many days.",
  unit: "days",
  legalBasis: "forvaltningsloven § 14",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "1967-01-01": {
      value: 3,
      reference: "https://lovdata.no/lov/1967-02-10/§14",
      confidence: "P",
      note: "From the text of § 14 as we know it; not in rules-research.md, to be checked against Lovdata.",
    },
  },
});

/** Days from a vedtak om tilbakekreving until the amount owed back falls due (the receivable's due date). */
export const repaymentDueDays = defineParameter<number>({
  id: "control.repayment_due_days",
  description: "A provider ordered to repay after a control owes the amount this many days after the vedtak.",
  unit: "days",
  legalBasis: "folketrygdloven § 22-15 (tilbakekreving); the time to pay is set in the vedtak",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "1997-05-01": {
      value: 30,
      reference: "https://lovdata.no/lov/1997-02-28-19/§22-15",
      confidence: "U",
      note: "No published source gives Helfo's time to pay a repayment claim; 30 days is our assumption. An appeal does not postpone it (forvaltningsloven § 42 lets the agency do so; not built).",
    },
  },
});

/**
 * How much of each later claim's refusjon may be held back (set off, motregning) against a receivable
 * that is due, in percent. No published source gives Helfo's practice for providers with direct
 * settlement; 100 % (the whole refusjon until the debt is paid) is our assumption (U).
 */
export const setOffSharePercent = defineParameter<number>({
  id: "control.set_off_share_percent",
  description: "Share of a later claim's refusjon that is set off against the provider's due receivable from a control case.",
  unit: "percent",
  legalBasis: "folketrygdloven § 22-15 (tilbakekreving) with the general law of set-off (motregning); our reading",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "1997-05-01": {
      value: 100,
      reference: "https://lovdata.no/lov/1997-02-28-19/§22-15",
      confidence: "U",
      note: "Our assumption: set-off starts on the receivable's due date and takes the whole refusjon of each claim received from then on until the balance is paid. No published source gives a limit for providers.",
    },
  },
});

/** The provisions each letter of a control case cites, by letter kind (translated around them in app/i18n/control.ts). */
export interface LetterBasis {
  provisions: readonly string[];
  reference: string;
}

export const letterBasis = defineParameter<Record<"innhenting" | "varsel" | "vedtak" | "klage" | "avvisning", LetterBasis>>({
  id: "control.letter_basis",
  description:
    "The legal provisions a control case's letters cite: the request for documentation, the advance notice, the vedtak about repayment, the answer to an appeal (upheld and sent on, or reversed) and the dismissal of a late appeal.",
  unit: "mapping",
  legalBasis: "folketrygdloven §§ 21-4, 21-12 and 22-15; takstforskriften § 5; helsepersonelloven §§ 39–40; forvaltningsloven §§ 2, 16, 18, 24–25, 28–29, 31, 33",
  lastReviewedOn: LAST_REVIEWED_ON,
  values: {
    "2017-01-01": {
      value: {
        innhenting: {
          provisions: ["folketrygdloven § 21-4", "forskrift om stønad til dekning av utgifter til fysioterapi m.m. (takstforskriften) § 5", "helsepersonelloven §§ 39 og 40"],
          reference: `rules-research.md §5 (ftrl § 21-4, C: ${RUNDSKRIV_21}); ${SEED_000}`,
        },
        varsel: {
          provisions: ["forvaltningsloven § 16", "folketrygdloven § 22-15", "takstforskriften § 5"],
          reference:
            "https://lovdata.no/lov/1967-02-10/§16 (C); ftrl § 22-15 as the basis for repayment of amounts paid in error is our reading (U): rules-research.md does not cover it",
        },
        vedtak: {
          provisions: ["folketrygdloven § 22-15", "takstforskriften § 5", "helsepersonelloven §§ 39 og 40", "forvaltningsloven §§ 24, 25, 28 og 29"],
          reference: "ftrl § 22-15 (U, see varsel); forvaltningsloven §§ 24–25 (reasons), §§ 28–29 (appeal within six weeks) https://lovdata.no/lov/1967-02-10 (C); seed 000",
        },
        klage: {
          provisions: ["forvaltningsloven § 33", "folketrygdloven § 21-12"],
          reference:
            "https://lovdata.no/lov/1967-02-10/§33 (C: the first instance may reverse or change its vedtak when it finds the appeal justified, otherwise it sends the case to the appeal body); ftrl § 21-12 (klage og anke) https://lovdata.no/lov/1997-02-28-19/§21-12 — that it governs appeals of a provider's repayment vedtak is our reading (U)",
        },
        avvisning: {
          provisions: ["forvaltningsloven §§ 29, 31 og 33 andre ledd"],
          reference:
            "https://lovdata.no/lov/1967-02-10/§31 (C: a late appeal may be considered when the party cannot be blamed for the delay or there are special reasons; never after one year) and §33 second paragraph (C: the first instance dismisses an appeal whose conditions are not met); a dismissal is itself an enkeltvedtak (§ 2 third paragraph, C) that can be appealed (§ 28)",
        },
      },
      reference: SEED_000,
      confidence: "P",
      note: "ftrl § 21-4 and the documentation duty are confirmed by the sources; ftrl § 22-15 for repayment is not in rules-research.md and must be checked by Helfo's lawyers.",
    },
  },
});

export function controlDaysAt(p: typeof documentationDeadlineDays, date: IsoDate): number {
  return valueAt(p, date);
}
