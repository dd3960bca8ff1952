/**
 * What `cases.data` holds, per case kind, as zod schemas: the column is typed with `CaseData` and
 * read through `caseDataOf`, which parses it by the case's kind into a tagged union, so a decision
 * never reads a report's amount or an application's receipts through a cast. Parsing keeps only
 * the fields named here (the row itself is never rewritten from the parsed copy).
 */
import { z } from "zod";
import { isIsoDate } from "~/kernel/dates";
import { isOre } from "~/kernel/money";
import { SERVICE_TYPES } from "~/kernel/types";

const serviceType = z.enum(SERVICE_TYPES);
/** Checked when the case was stored: read back as an IsoDate and Ore, refused when not one. */
const isoDate = z.string().refine(isIsoDate);
const ore = z.number().int().refine(isOre);

/** A missing egenandel the resident reported (routes/citizen/missing.tsx). */
export const reportDataSchema = z.object({
  providerName: z.string(),
  /** "" or absent when the resident did not know it: Helfo registers it under its own provider. */
  providerOrgnr: z.string().optional(),
  serviceDate: isoDate,
  serviceType,
  amountOre: ore,
});

/** A frikort application of a reserved resident: the receipts of one year (routes/citizen/application.tsx). */
export const frikortApplicationDataSchema = z.object({
  year: z.number().int(),
  lines: z.array(
    z.object({
      id: z.string(),
      providerName: z.string(),
      serviceDate: isoDate,
      serviceType,
      amountOre: ore,
      uploadId: z.string().optional(),
      filename: z.string().optional(),
      /** The resident confirmed an amount above the usual maximum (app/rules/parameters/blue-prescription.ts). */
      confirmedAboveUsualMax: z.boolean().optional(),
    }),
  ),
});

export const tipDataSchema = z.object({ egenandelId: z.string().optional(), reason: z.string(), comment: z.string().optional() });
export const reservationDataSchema = z.object({ deletedEgenandeler: z.number().int(), year: z.number().int() });
export const liftReservationDataSchema = z.object({ liftedOn: z.string() });
export const claimReportDataSchema = z.object({
  reasons: z.array(z.string()),
  comment: z.string().optional(),
  /** The provider's claim and line behind the report, for the controller. */
  claim: z.object({ orgnr: z.string(), claimId: z.string(), lineNo: z.number(), lineId: z.string(), therapistHpr: z.string() }).optional(),
  billed: z.object({ takst: z.string(), serviceDate: z.string(), startMinute: z.number(), minutes: z.number(), groupSize: z.number().nullable() }).optional(),
});

export type ReportData = z.infer<typeof reportDataSchema>;
export type FrikortApplicationData = z.infer<typeof frikortApplicationDataSchema>;
export type TipData = z.infer<typeof tipDataSchema>;
export type ReservationData = z.infer<typeof reservationDataSchema>;
export type LiftReservationData = z.infer<typeof liftReservationDataSchema>;
export type ClaimReportData = z.infer<typeof claimReportDataSchema>;
export type CaseData = ReportData | FrikortApplicationData | TipData | ReservationData | LiftReservationData | ClaimReportData;

/** The data of a case, by its kind. `unknown` is a kind this version does not know, or data not in its kind's shape. */
export type TypedCaseData =
  | { kind: "missing-egenandel"; data: ReportData }
  | { kind: "frikort-application"; data: FrikortApplicationData }
  | { kind: "tip"; data: TipData }
  | { kind: "reservation"; data: ReservationData }
  | { kind: "lift-reservation"; data: LiftReservationData }
  | { kind: "claim-report"; data: ClaimReportData }
  | { kind: "unknown"; data: unknown };

const SCHEMAS = {
  "missing-egenandel": reportDataSchema,
  "frikort-application": frikortApplicationDataSchema,
  tip: tipDataSchema,
  reservation: reservationDataSchema,
  "lift-reservation": liftReservationDataSchema,
  "claim-report": claimReportDataSchema,
} as const;

export function caseDataOf(c: { kind: string; data: unknown }): TypedCaseData {
  const schema = SCHEMAS[c.kind as keyof typeof SCHEMAS];
  if (!schema) return { kind: "unknown", data: c.data };
  const r = schema.safeParse(c.data);
  return r.success ? ({ kind: c.kind, data: r.data } as TypedCaseData) : { kind: "unknown", data: c.data };
}
