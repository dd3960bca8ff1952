/**
 * The usual highest egenandel for medicines and equipment on blue prescription (blåresept), per
 * prescription up to 2025 and per dispensing from 2026. A receipt above it is not impossible (several
 * prescriptions from different doctors or dates each have their own maximum up to 2025; a dearer
 * brand than the one the pharmacy may substitute costs the difference), so the portal questions it
 * rather than refusing it (issue 22 item 3).
 */
import { ore } from "../../kernel/money";
import type { IsoDate, Ore } from "../../kernel/types";
import { defineParameter, entryAt } from "../parameter";

export const bluePrescriptionMaxEgenandel = defineParameter<{ maxOre: Ore; per: "prescription" | "dispensing" }>({
  id: "blaresept.egenandel.maks",
  description:
    "The highest egenandel a patient pays for medicines or equipment on blue prescription at one time: per prescription (three months' use) up to 2025, per dispensing from 2026. Amounts above it are questioned, not refused.",
  unit: "NOK_ORE per prescription / dispensing",
  legalBasis: "blåreseptforskriften § 8 (egenandel); folketrygdloven § 5-14",
  lastReviewedOn: "2026-12-06",
  values: {
    "2017-01-01": {
      value: { maxOre: ore(520_00), per: "prescription" },
      reference:
        'helsenett.no, answer quoting Helfo ("39 prosent og maksimalt kr. 520" for three months\' use; prescriptions from different doctors or dates each count); pku.no 2021 (39 %, max 520 kr); Vitusapotek (2016: max 520 kr)',
      confidence: "P",
      note: "Secondary sources that agree with each other; not checked against the regulation's text for each year. The share was 39 % and later 50 %; only the maximum is used here.",
    },
    "2026-01-01": {
      value: { maxOre: ore(400_00), per: "dispensing" },
      reference: "lfn.no 2025, quoting VG 19.12.2025 and Lovdata: the change to blåreseptforskriften in force 1 January 2026 (60 %, at most 400 kr per dispensing)",
      confidence: "P",
      note: "Reported by secondary sources citing Lovdata; not checked against the regulation's text.",
    },
  },
});

/** The usual maximum on a date, or null before the table starts. */
export function bluePrescriptionMaxOn(date: IsoDate): { maxOre: Ore; per: "prescription" | "dispensing"; from: IsoDate; reference: string } | null {
  const e = entryAt(bluePrescriptionMaxEgenandel, date);
  return e && e.value ? { ...e.value, from: e.from, reference: e.reference } : null;
}
