/**
 * The receipt of a sent application abroad as an A4 PDF: exactly what was sent (data.sent), with
 * the applicant's name; every text wraps, nothing is cut (issue 22, item 6).
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { earliestPaymentInTime } from "~/domain/abroad-start";
import { formatDecimalAmount as formatAmount, formatOre } from "~/kernel/money";
import { formatShortDate, type Lang, type MessageKey, translator } from "~/i18n";
import { todayOslo } from "~/utils/clock.server";
import { osloDateTime } from "~/utils/format.server";
import { maskAccount, type SentSnapshot } from "~/domain/abroad-application";
import { winAnsiSafe, wrapText } from "./pdf-text.server";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.12, 0.17, 0.24);
const MUTED = rgb(0.29, 0.35, 0.42);

export async function renderReceipt(input: { reference: string; applicant: string | null; submittedAt: Date; sent: SentSnapshot; lang: Lang }): Promise<Uint8Array> {
  const { sent, lang } = input;
  const t = translator(lang);
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(`${t("abroad.receipt.title")} ${input.reference}`));
  doc.setAuthor("Frikortportalen");
  doc.setLanguage(lang === "en" ? "en" : lang === "nn" ? "nn-NO" : "nb-NO");
  doc.setCreationDate(input.submittedAt);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const ensure = (needed: number) => {
    if (y - needed < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const line = (s: string, opts: { x?: number; size?: number; f?: PDFFont; color?: typeof INK; width?: number; gap?: number } = {}) => {
    // Wrapped, never cut (issue 22, item 6): each further line of the same text is size + 3 lower.
    const size = opts.size ?? 10;
    const x = opts.x ?? MARGIN;
    const lines = wrapText(s, opts.f ?? font, size, opts.width ?? A4[0] - x - MARGIN);
    lines.forEach((l, i) => {
      if (i > 0) y -= size + 3;
      ensure(size + 4);
      page.drawText(l, { x, y, size, font: opts.f ?? font, color: opts.color ?? INK });
    });
    y -= opts.gap ?? size + 5;
  };
  const cols = (cells: Array<[string, number, number]>, f: PDFFont = font) => {
    const wrapped = cells.map(([s, , w]) => wrapText(s, f, 9, w));
    const rows = Math.max(...wrapped.map((w) => w.length));
    ensure(rows * 11 + 4);
    wrapped.forEach((lines, i) => lines.forEach((l, k) => page.drawText(l, { x: cells[i]![1], y: y - k * 11, size: 9, font: f, color: INK })));
    y -= rows * 11 + 2;
  };

  line(t("abroad.receipt.title"), { size: 16, f: bold, gap: 24 });
  line(`${t("case.reference")}: ${input.reference}`, { size: 12, f: bold, gap: 16 });
  if (input.applicant) line(`${t("abroad.receipt.applicant")}: ${input.applicant}`, { size: 11, gap: 16 });
  line(`${t("abroad.receipt.sentAt")}: ${osloDateTime(input.submittedAt, lang)}`, { color: MUTED, gap: 22 });

  const st = sent.start;
  if (st) {
    line(t("abroad.summary.start"), { size: 12, f: bold, gap: 16 });
    if (st.country) line(`${t("abroad.summary.country")}: ${t(`abroad.country.${st.country}` as MessageKey)}`);
    if (st.period) {
      // "Paid before <date>" as it stood on the day it was sent.
      const late =
        st.period.paidRecently === false ? ` (${t("abroad.summary.paidLate", { date: formatShortDate(earliestPaymentInTime(todayOslo(input.submittedAt)), lang) })})` : "";
      line(`${t("abroad.summary.period")}: ${t("abroad.summary.periodValue", { from: formatShortDate(st.period.from, lang), to: formatShortDate(st.period.to, lang) })}${late}`);
    }
    if (st.exemption) {
      const e = st.exemption;
      line(
        `${t("abroad.summary.exemption")}: ${e.kind === "other" ? t("abroad.summary.exemption.other", { text: e.otherText ?? "" }) : t(`abroad.summary.exemption.${e.kind}` as MessageKey)}`,
      );
    }
    if (st.referral) {
      const r = st.referral;
      const by = r.had && r.referrer ? t("abroad.summary.referral.by", { who: t(`abroad.referral.referrer.${r.referrer.inNorway ? r.referrer.kind : "lege-utland"}`) }) : "";
      const arose =
        r.had && r.referrer && !r.referrer.inNorway
          ? ` (${t(r.referrer.illnessAroseAbroad ? "abroad.summary.referral.aroseAbroad" : "abroad.summary.referral.notAroseAbroad")})`
          : "";
      line(
        `${t("abroad.summary.referral")}: ${r.had ? t("abroad.summary.referral.yes", { date: formatShortDate(r.date, lang) }) : t("abroad.summary.referral.no")}${by ? `. ${by}${arose}` : ""}`,
      );
    }
    y -= 10;
  }

  line(t("abroad.summary.documents"), { size: 12, f: bold, gap: 16 });
  for (const d of sent.documents) {
    cols([
      [t(`abroad.kind.${d.kind}` as MessageKey), MARGIN, 90],
      [d.filename, MARGIN + 95, 260],
      [d.sha256 ? `SHA-256 ${d.sha256.slice(0, 16)}…` : "", MARGIN + 360, 140],
    ]);
  }
  y -= 10;

  sent.invoices.forEach((inv, n) => {
    const a = inv.answers;
    ensure(60);
    line(`${t("abroad.check.invoiceN", { n: n + 1 })}: ${a.providerName} · ${a.invoiceNumber}`, { size: 12, f: bold, gap: 16 });
    line(
      `${t("abroad.field.invoiceDate")}: ${a.invoiceDate ? formatShortDate(a.invoiceDate, lang) : "–"} · ${t("abroad.field.paymentDate")}: ${formatShortDate(a.paymentDate, lang)} · ${t("abroad.field.total")}: ${formatAmount(a.total, a.currency, lang)}`,
      { color: MUTED },
    );
    cols(
      [
        [t("abroad.line.date"), MARGIN, 70],
        [t("abroad.line.treatmentForm"), MARGIN + 75, 150],
        [t("abroad.line.description"), MARGIN + 230, 170],
        [t("abroad.line.amount"), MARGIN + 405, 90],
      ],
      bold,
    );
    for (const l of a.lines) {
      cols([
        [l.date ? formatShortDate(l.date, lang) : "–", MARGIN, 70],
        [t(`abroad.form.${l.treatmentForm}` as MessageKey), MARGIN + 75, 150],
        [`${l.description}${l.durationMinutes ? ` (${l.durationMinutes} min)` : ""}`, MARGIN + 230, 170],
        [formatAmount(l.amount, a.currency, lang), MARGIN + 405, 90],
      ]);
    }
    y -= 10;
  });

  line(t("abroad.summary.estimate"), { size: 12, f: bold, gap: 16 });
  line(
    sent.estimate.rateMissing ? t("abroad.refundOpen") : `${formatOre(sent.estimate.refundOre, lang)}${sent.estimate.indicative ? ` (${t("abroad.summary.indicative")})` : ""}`,
    { gap: 22 },
  );
  line(t("abroad.summary.payment"), { size: 12, f: bold, gap: 16 });
  line(maskAccount(sent.account), { gap: 22 });
  line(t("abroad.receipt.footer"), { color: MUTED, size: 9 });
  return doc.save();
}
