import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { formatOre } from "~/kernel/money";
import type { YearOverview } from "~/domain/overview";
import { formatDate, formatShortDate, type Lang, translator } from "~/i18n";

/**
 * The resident's own record of one year: the same numbers as the overview page, as an A4 PDF.
 * Standard Helvetica covers Norwegian letters (WinAnsi); anything outside it is replaced, never dropped silently.
 */
export interface OverviewPdfInput {
  overview: YearOverview;
  name: string | null;
  lang: Lang;
  today: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.12, 0.17, 0.24);
const MUTED = rgb(0.29, 0.35, 0.42);

function winAnsiSafe(s: string): string {
  // Helvetica (WinAnsi) has no glyphs for e.g. the en dash's cousins or CJK; keep the text readable.
  return s.replace(/[\u2010-\u2012\u2212]/g, "-").replace(/[^\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac]/g, "?");
}

export async function renderOverviewPdf(input: OverviewPdfInput): Promise<Uint8Array> {
  const { overview, lang } = input;
  const t = translator(lang);
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(t("pdf.title", { year: overview.year })));
  doc.setAuthor("Frikortportalen");
  doc.setLanguage(lang === "en" ? "en" : lang === "nn" ? "nn-NO" : "nb-NO");
  doc.setCreationDate(new Date(`${input.today}T12:00:00Z`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const text = (s: string, x: number, size = 10, f: PDFFont = font, color = INK) => page.drawText(winAnsiSafe(s), { x, y, size, font: f, color });
  const right = (s: string, xRight: number, size = 10, f: PDFFont = font) => {
    const safe = winAnsiSafe(s);
    page.drawText(safe, { x: xRight - f.widthOfTextAtSize(safe, size), y, size, font: f, color: INK });
  };
  const fit = (s: string, width: number, size = 10) => {
    let out = winAnsiSafe(s);
    while (out.length > 1 && font.widthOfTextAtSize(out, size) > width) out = out.slice(0, -2) + "…";
    return out;
  };
  const newPageIfNeeded = (needed: number) => {
    if (y - needed < MARGIN + 20) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };

  text(t("pdf.title", { year: overview.year }), MARGIN, 20, bold);
  y -= 24;
  if (input.name) {
    text(`${t("pdf.person")}: ${input.name}`, MARGIN, 11);
    y -= 16;
  }
  text(t("pdf.generated", { date: formatDate(input.today, lang) }), MARGIN, 9, font, MUTED);
  y -= 28;

  if (overview.childExempt === "whole-year") {
    text(t("overview.childWholeYear", { year: overview.year }).slice(0, 110), MARGIN, 10);
    y -= 24;
  } else {
    for (const tak of overview.taks) {
      newPageIfNeeded(90);
      text(t(`overview.tak.${tak.tak}`), MARGIN, 13, bold);
      y -= 18;
      const rows: Array<[string, string]> = [
        [t("overview.registered"), formatOre(tak.registeredOre, lang)],
        [t("overview.ceiling"), formatOre(tak.ceilingOre, lang)],
        [t("overview.remaining"), formatOre(tak.remainingOre, lang)],
      ];
      if (tak.overCeilingOre > 0) rows.push([t("overview.overCeiling"), formatOre(tak.overCeilingOre, lang)]);
      for (const [k, v] of rows) {
        text(k, MARGIN, 10);
        right(v, MARGIN + 300);
        y -= 14;
      }
      text(tak.frikortFrom ? t("overview.frikortFrom", { date: formatDate(tak.frikortFrom, lang) }) : t("overview.noFrikort", { year: overview.year }), MARGIN, 10, bold);
      y -= 26;
    }
  }

  // Table of every egenandel in the year.
  newPageIfNeeded(60);
  text(t("overview.lines", { year: overview.year }), MARGIN, 13, bold);
  y -= 18;
  const cols = { date: MARGIN, provider: MARGIN + 62, service: MARGIN + 232, amountRight: MARGIN + 410, status: MARGIN + 418 };
  const header = () => {
    text(t("overview.col.date"), cols.date, 9, bold);
    text(t("overview.col.provider"), cols.provider, 9, bold);
    text(t("overview.col.service"), cols.service, 9, bold);
    right(t("overview.col.amount"), cols.amountRight, 9, bold);
    text(t("overview.col.status"), cols.status, 9, bold);
    y -= 4;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5, color: MUTED });
    y -= 12;
  };
  if (overview.lines.length === 0) {
    text(t("overview.noLines", { year: overview.year }), MARGIN, 10);
    y -= 14;
  } else {
    header();
    for (const l of overview.lines) {
      if (y < MARGIN + 30) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
        header();
      }
      text(formatShortDate(l.serviceDate, lang), cols.date, 9);
      page.drawText(fit(l.providerName, 165, 9), { x: cols.provider, y, size: 9, font, color: INK });
      page.drawText(fit(t(`service.${l.serviceType}`), 110, 9), { x: cols.service, y, size: 9, font, color: INK });
      right(formatOre(l.amountOre, lang), cols.amountRight, 9);
      page.drawText(fit(t(`overview.status.${l.status}`), A4[0] - MARGIN - cols.status, 8), {
        x: cols.status,
        y,
        size: 8,
        font,
        color: INK,
      });
      y -= 13;
    }
    y -= 4;
    page.drawLine({ start: { x: MARGIN, y: y + 10 }, end: { x: A4[0] - MARGIN, y: y + 10 }, thickness: 0.5, color: MUTED });
    text(t("overview.total"), cols.date, 10, bold);
    right(formatOre(overview.totalPaidOre, lang), cols.amountRight, 10, bold);
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = winAnsiSafe(t("pdf.page", { page: i + 1, pages: pages.length }));
    p.drawText(label, { x: A4[0] - MARGIN - font.widthOfTextAtSize(label, 8), y: MARGIN / 2, size: 8, font, color: MUTED });
  });
  return doc.save();
}
