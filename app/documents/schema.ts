/** The output contract of the document pipeline (mirrors /work/shared/schemas/extracted-document.schema.json). */
import { z } from "zod";

import { TREATMENT_FORMS } from "../kernel/treatment-forms";

export { TREATMENT_FORMS, type TreatmentForm } from "../kernel/treatment-forms";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TreatmentLineSchema = z.looseObject({
  date: isoDate.nullable(),
  treatmentForm: z.enum(TREATMENT_FORMS),
  description: z.string(),
  durationMinutes: z.number().int().nullable(),
  amount: z.number(),
  count: z.number().int().min(2).optional(),
});
export type TreatmentLine = z.infer<typeof TreatmentLineSchema>;

export const ExtractedDocumentSchema = z.looseObject({
  documentType: z.enum(["invoice", "authorisation", "epikrise", "unknown"]),
  language: z.string().nullable(),
  country: z.string().nullable(),
  providerName: z.string().nullable(),
  therapists: z.array(z.looseObject({ name: z.string(), authorisationNumber: z.string().nullable() })),
  patientName: z.string().nullable(),
  patientBirthDate: isoDate.nullable(),
  invoiceNumber: z.string().nullable(),
  invoiceDate: isoDate.nullable(),
  diagnosis: z.looseObject({ code: z.string().nullable(), text: z.string().nullable() }).nullable(),
  currency: z.string().nullable(),
  lines: z.array(TreatmentLineSchema),
  total: z.number().nullable(),
  issuingAuthority: z.string().nullable(),
  treatmentPeriod: z.looseObject({ from: isoDate, to: isoDate }).nullable(),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocumentSchema>;

/** Result of the cross-checks the extractor runs on its own output. */
export interface ExtractionChecks {
  /** Sum of line amounts equals the printed total (±0.005); null when there are no lines or no total. */
  linesMatchTotal: boolean | null;
  /** Sum of line amounts, for display next to the printed total. */
  linesSum: number | null;
  /** Which reader gave the lines: the general table reader (ADR 0018) or the older per-layout one; null without lines. */
  linesFrom?: "table" | "older" | null;
}

/**
 * What the document job stores in abroad_documents.result: the extracted document and how it was
 * read (pages, text layer or OCR, confidence, the extractor's own cross-checks). Parsed with this
 * schema before it is written and again when it is read, so no reader sees an untyped blob.
 */
export const StoredExtractionSchema = ExtractedDocumentSchema.extend({
  pages: z.number().int().nonnegative(),
  source: z.enum(["text-layer", "ocr", "mixed"]),
  confidence: z.number().optional(),
  checks: z.looseObject({ linesMatchTotal: z.boolean().nullable().optional(), linesSum: z.number().nullable().optional() }).optional(),
  /** What the document shows of payment (documents/payment-proof.ts); absent on documents read before it was stored. */
  payment: z
    .object({
      evidence: z.array(z.object({ kind: z.enum(["card-slip", "bank-transfer", "paid-on-invoice"]), matched: z.array(z.string()) })),
      payments: z.array(z.object({ amount: z.number(), currency: z.string().nullable(), date: isoDate.nullable() })),
    })
    .optional(),
});
export type StoredExtraction = z.infer<typeof StoredExtractionSchema>;
