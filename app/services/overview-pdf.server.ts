import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { formatOre } from "~/kernel/money";
import type { YearOverview } from "~/domain/overview";
import { lineWords, type PayoutState } from "~/domain/line-words";
import { formatDate, formatShortDate, type Lang, translator } from "~/i18n";
import { lineWordsText } from "~/i18n/line-words";
import { winAnsiSafe, wrapText } from "./pdf-text.server";
import type { IsoDate, Ore } from "~/kernel/types";

/**
 * The resident's own record of one year: the same numbers as the overview page, as an A4 PDF.
 * Standard Helvetica covers Norwegian letters (WinAnsi); anything outside it is replaced, never dropped silently.
 */
export interface OverviewPdfInput {
  overview: YearOverview;
  name: string | null;
  lang: Lang;
  today: IsoDate;
  /** The year's payouts (what is paid back above the ceiling); each line's words follow them. */
  payouts?: ReadonlyArray<PayoutState & { amountOre: Ore; account: string | null }>;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.12, 0.17, 0.24);
const MUTED = rgb(0.29, 0.35, 0.42);
const LINE_H = 11;

export async function renderOverviewPdf(input: OverviewPdfInput): Promise<Uint8Array> {
  const { overview, lang } = input;
  const payouts = input.payouts ?? [];
  const t = translator(lang);
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(t("pdf.title", { year: overview.year })));
  doc.setAuthor("Frikortportalen");
  doc.setLanguage(lang === "en" ? "en" : lang === "nn" ? "nn-NO" : "nb-NO");
  doc.setCreationDate(new Date(`${input.today}T12:00:00Z`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const contentWidth = A4[0] - 2 * MARGIN;

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const text = (s: string, x: number, size = 10, f: PDFFont = font, color = INK) => page.drawText(winAnsiSafe(s), { x, y, size, font: f, color });
  const right = (s: string, xRight: number, size = 10, f: PDFFont = font) => {
    const safe = winAnsiSafe(s);
    page.drawText(safe, { x: xRight - f.widthOfTextAtSize(safe, size), y, size, font: f, color: INK });
  };
  const newPageIfNeeded = (needed: number) => {
    if (y - needed < MARGIN + 20) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  /** A paragraph across the page, wrapped. */
  const para = (s: string, size = 10, f: PDFFont = font, gap = 4) => {
    for (const l of wrapText(s, f, size, contentWidth)) {
      newPageIfNeeded(size + 4);
      page.drawText(l, { x: MARGIN, y, size, font: f, color: INK });
      y -= size + 3;
    }
    y -= gap;
  };

  para(t("pdf.title", { year: overview.year }), 20, bold, 6);
  if (input.name) para(`${t("pdf.person")}: ${input.name}`, 11, font, 2);
  text(t("pdf.generated", { date: formatDate(input.today, lang) }), MARGIN, 9, font, MUTED);
  y -= 28;

  if (overview.childExempt === "whole-year") {
    para(t("overview.childWholeYear", { year: overview.year }), 10, font, 14);
  } else {
    for (const tak of overview.taks) {
      newPageIfNeeded(90);
      para(t(`overview.tak.${tak.tak}`), 13, bold, 2);
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
      para(tak.frikortFrom ? t("overview.frikortFrom", { date: formatDate(tak.frikortFrom, lang) }) : t("overview.noFrikort", { year: overview.year }), 10, bold, 12);
    }
  }

  // A table whose cells wrap: each row is as tall as its tallest cell.
  type Col = { x: number; width: number; align?: "right" };
  const row = (cols: Col[], cells: string[], size: number, f: PDFFont, onNewPage?: () => void) => {
    const wrapped = cells.map((c, i) => wrapText(c, f, size, cols[i]!.width));
    const height = Math.max(...wrapped.map((w) => w.length)) * LINE_H;
    if (y - height < MARGIN + 20) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
      onNewPage?.();
    }
    wrapped.forEach((lines, i) => {
      const col = cols[i]!;
      lines.forEach((l, k) => {
        const x = col.align === "right" ? col.x + col.width - f.widthOfTextAtSize(l, size) : col.x;
        page.drawText(l, { x, y: y - k * LINE_H, size, font: f, color: INK });
      });
    });
    y -= height + 2;
  };
  const rule = () => {
    page.drawLine({ start: { x: MARGIN, y: y + 8 }, end: { x: A4[0] - MARGIN, y: y + 8 }, thickness: 0.5, color: MUTED });
  };

  // Every egenandel in the year, with the ceiling it counts toward and what it says about the refund.
  newPageIfNeeded(60);
  para(t("overview.lines", { year: overview.year }), 13, bold, 4);
  // The amount column is wide enough for "NOK 99,999.00" in bold: an amount is never broken.
  const cols: Col[] = [
    { x: MARGIN, width: 52 },
    { x: MARGIN + 56, width: 112 },
    { x: MARGIN + 172, width: 86 },
    { x: MARGIN + 262, width: 50 },
    { x: MARGIN + 314, width: 70, align: "right" },
    { x: MARGIN + 392, width: contentWidth - 392 },
  ];
  const header = () => {
    row(cols, [t("overview.col.date"), t("overview.col.provider"), t("overview.col.service"), t("overview.col.tak"), t("overview.col.amount"), t("overview.col.status")], 8, bold);
    rule();
  };
  if (overview.lines.length === 0) {
    para(t("overview.noLines", { year: overview.year }));
  } else {
    header();
    for (const l of overview.lines) {
      const words = lineWords(l.status, l.tak, payouts);
      row(
        cols,
        [
          formatShortDate(l.serviceDate, lang),
          l.providerName,
          t(`service.${l.serviceType}`),
          t(`overview.takShort.${l.tak}`),
          formatOre(l.amountOre, lang),
          lineWordsText(words, t, lang),
        ],
        8,
        font,
        header,
      );
    }
    y -= 2;
    rule();
    row(cols.slice(0, 5), [t("overview.total"), "", "", "", formatOre(overview.totalPaidOre, lang)], 9, bold);
  }

  // The payouts of the year: what was paid back above the ceiling, when and to which account.
  y -= 14;
  newPageIfNeeded(60);
  para(t("overview.payouts", { year: overview.year }), 13, bold, 2);
  if (payouts.length === 0) {
    para(t("overview.payouts.none", { year: overview.year }));
  } else {
    const pcols: Col[] = [
      { x: MARGIN, width: 90 },
      { x: MARGIN + 94, width: 80, align: "right" },
      { x: MARGIN + 186, width: contentWidth - 186 },
    ];
    row(pcols, [t("overview.payouts.col.tak"), t("overview.payouts.col.amount"), t("overview.payouts.col.status")], 8, bold);
    rule();
    for (const p of payouts) {
      const status =
        p.status === "paid"
          ? t("payout.status.paid", { date: p.paidOn ? formatDate(p.paidOn, lang) : "-", account: p.account ?? "-" })
          : p.status === "pending"
            ? t("payout.status.pending", { account: p.account ?? "-" })
            : t(`payout.status.${p.status}`);
      row(pcols, [t(`overview.takShort.${p.tak}`), formatOre(p.amountOre, lang), status], 8, font);
    }
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = winAnsiSafe(t("pdf.page", { page: i + 1, pages: pages.length }));
    p.drawText(label, { x: A4[0] - MARGIN - font.widthOfTextAtSize(label, 8), y: MARGIN / 2, size: 8, font, color: MUTED });
  });
  return doc.save();
}
