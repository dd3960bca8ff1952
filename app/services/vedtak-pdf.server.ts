import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { addDays } from "~/kernel/dates";
import { formatOre } from "~/kernel/money";
import type { IsoDate, ServiceType } from "~/kernel/types";
import { formatDate, type Lang, type MessageKey, translator } from "~/i18n";

/**
 * The decision letter (vedtaksbrev) of a decided case (ADR 0015): the outcome, the amounts per
 * line, the reasons, the rules applied with their legal basis, and the right to appeal within six
 * weeks (forvaltningsloven §§ 28–29). A4, Helvetica (WinAnsi covers Norwegian letters).
 */
export interface VedtakInput {
  lang: Lang;
  reference: string;
  kind: "missing-egenandel" | "frikort-application";
  outcome: "registered" | "completed" | "rejected";
  decidedOn: IsoDate;
  name: string | null;
  reason: string | null;
  lines: Array<{ providerName: string; serviceDate: IsoDate; serviceType: ServiceType; amountOre: number }>;
}

/** Forvaltningsloven § 29: six weeks from the day the letter reached the resident; counted from the decision date here. */
export const APPEAL_WEEKS = 6;
export function appealDeadline(decidedOn: IsoDate): IsoDate {
  return addDays(decidedOn, APPEAL_WEEKS * 7);
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.12, 0.17, 0.24);

function winAnsiSafe(s: string): string {
  return s.replace(/[\u2010-\u2012\u2212]/g, "-").replace(/[^\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac\u00a7]/g, "?");
}

export async function renderVedtakPdf(input: VedtakInput): Promise<Uint8Array> {
  const t = translator(input.lang);
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(t("vedtak.title", { reference: input.reference })));
  doc.setAuthor("Helfo");
  doc.setLanguage(input.lang === "en" ? "en" : input.lang === "nn" ? "nn-NO" : "nb-NO");
  doc.setCreationDate(new Date(`${input.decidedOn}T12:00:00Z`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const newPageIfNeeded = (needed: number) => {
    if (y - needed < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  /** Draws a paragraph, wrapped to the page width. */
  const para = (s: string, size = 11, f: PDFFont = font, gap = 6) => {
    const words = winAnsiSafe(s).split(/\s+/);
    let line = "";
    const flush = () => {
      newPageIfNeeded(size + 4);
      page.drawText(line, { x: MARGIN, y, size, font: f, color: INK });
      y -= size + 4;
      line = "";
    };
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (f.widthOfTextAtSize(next, size) > width && line) {
        flush();
        line = w;
      } else line = next;
    }
    if (line) flush();
    y -= gap;
  };
  const heading = (s: string) => {
    y -= 6;
    para(s, 13, bold, 4);
  };

  para("Helfo", 11, bold, 2);
  para(t("vedtak.date", { date: formatDate(input.decidedOn, input.lang) }), 10, font, 2);
  para(t("vedtak.reference", { reference: input.reference }), 10, font, 14);
  if (input.name) para(input.name, 11, font, 14);
  para(t("vedtak.title", { reference: input.reference }), 18, bold, 10);
  para(t(`vedtak.outcome.${input.kind}.${input.outcome}` as MessageKey), 11, font, 8);

  if (input.lines.length) {
    heading(t("vedtak.lines"));
    for (const l of input.lines) {
      para(`${formatDate(l.serviceDate, input.lang)} · ${l.providerName} · ${t(`service.${l.serviceType}` as MessageKey)} · ${formatOre(l.amountOre, input.lang)}`, 11, font, 2);
    }
    const total = input.lines.reduce((s, l) => s + l.amountOre, 0);
    y -= 4;
    para(t(input.outcome === "rejected" ? "vedtak.totalRejected" : "vedtak.total", { amount: formatOre(total, input.lang) }), 11, bold, 8);
  }
  if (input.reason) {
    heading(t("vedtak.reasons"));
    para(input.reason);
  }
  heading(t("vedtak.rules"));
  para(t(`vedtak.rules.${input.kind}` as MessageKey));
  heading(t("vedtak.appeal"));
  para(t("vedtak.appeal.text", { weeks: APPEAL_WEEKS, date: formatDate(appealDeadline(input.decidedOn), input.lang) }));
  heading(t("vedtak.access"));
  para(t("vedtak.access.text"));
  return doc.save();
}
