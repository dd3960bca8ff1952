/** Issue 22, item 8: false checks on lines that are no treatment (an elastic band, a gym fee, tape, a cancellation fee). */
import { describe, expect, it } from "vitest";
import { type CheckDocument, checkInvoiceContents, runAbroadChecks } from "~/domain/abroad-checks";
import type { IsoDate } from "~/kernel/types";

const line = (date: IsoDate, treatmentForm: string | null, durationMinutes: number | null, amount = 40) => ({ date, treatmentForm, durationMinutes, amount });
const invoice = (lines: CheckDocument["lines"]): CheckDocument => ({
  id: "inv1",
  documentType: "invoice",
  language: "de",
  providerName: "Physio Praxis Müller GmbH",
  therapists: [{ name: "Anna Müller", authorisationNumber: "DE-123" }],
  invoiceNumber: "2024-0042",
  diagnosis: { code: "M54.5", text: "Lumbago" },
  currency: "EUR",
  lines,
  total: 200,
  checksum: "ABC",
  paymentDate: "2024-05-20",
});
const codes = (r: ReturnType<typeof runAbroadChecks>) => r.map((c) => `${c.status}:${c.code}`);

describe("lines that are no treatment", () => {
  it("an elastic band, a gym fee, tape and a cancellation fee have no duration and are not said to miss one", () => {
    const r = checkInvoiceContents(
      invoice([
        line("2024-05-06", "ovelsesbehandling", 30),
        line("2024-05-06", "ikke-dekket", null),
        line("2024-05-07", "ikke-dekket", null),
        line("2024-05-08", "ikke-dekket", null),
      ]),
    );
    expect(codes(r)).toContain("ok:invoice.line.duration.present");
  });

  it("a covered treatment without a duration is still said to miss one (with its line number)", () => {
    const r = checkInvoiceContents(invoice([line("2024-05-06", "ikke-dekket", null), line("2024-05-07", "manuellterapi", null)]));
    expect(r.find((c) => c.code === "invoice.line.duration.missing")?.params).toEqual({ lines: ["2"] });
  });

  it("a cancellation fee does not make '4 days in one week': three visits and a fee are three treatment days", () => {
    const withFee = [
      line("2024-05-06", "ovelsesbehandling", 30),
      line("2024-05-07", "ovelsesbehandling", 30),
      line("2024-05-08", "ovelsesbehandling", 30),
      line("2024-05-09", "ikke-dekket", null),
    ];
    const r = runAbroadChecks({ documents: [invoice(withFee)], today: "2024-06-01" });
    const freq = r.find((c) => c.code.startsWith("frequency."))!;
    expect(freq.params.treatmentDays).toBe(3);
    expect(codes(r)).not.toContain("flag:frequency.high.rolling-7-days");
  });

  it("four real visits in one week are still flagged", () => {
    const visits = (["2024-05-06", "2024-05-07", "2024-05-08", "2024-05-09"] as IsoDate[]).map((d) => line(d, "ovelsesbehandling", 30));
    const r = runAbroadChecks({ documents: [invoice(visits)], today: "2024-06-01" });
    expect(codes(r).some((c) => c.startsWith("flag:frequency.high"))).toBe(true);
  });
});
