import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { addDays } from "~/kernel/dates";
import { formatOre, sumOre, ZERO_ORE } from "~/kernel/money";
import type { IsoDate, Ore, ServiceType } from "~/kernel/types";
import { formatDate, type Lang, type MessageKey, type Translate, translator } from "~/i18n";

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
  lines: Array<{ providerName: string; serviceDate: IsoDate; serviceType: ServiceType; amountOre: Ore }>;
  /** A rejection took away a frikort whose refund was paid: what was paid and is owed back. */
  repayment?: { paidOre: Ore; amountOre: Ore } | null;
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

/** A4 letter with wrapped paragraphs and headings (the layout every Helfo letter here shares). */
async function createLetter(lang: Lang, title: string, date: IsoDate) {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(title));
  doc.setAuthor("Helfo");
  doc.setLanguage(lang === "en" ? "en" : lang === "nn" ? "nn-NO" : "nb-NO");
  doc.setCreationDate(new Date(`${date}T12:00:00Z`));
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
  const gap = (n: number) => {
    y -= n;
  };
  return { para, heading, gap, bold, font, save: () => doc.save() };
}

/** The letterhead: Helfo, date, reference, the resident's name, the title. */
function letterhead(l: Awaited<ReturnType<typeof createLetter>>, t: Translate, lang: Lang, v: { date: IsoDate; reference: string; name: string | null; title: string }) {
  l.para("Helfo", 11, l.bold, 2);
  l.para(t("vedtak.date", { date: formatDate(v.date, lang) }), 10, l.font, 2);
  l.para(t("vedtak.reference", { reference: v.reference }), 10, l.font, 14);
  if (v.name) l.para(v.name, 11, l.font, 14);
  l.para(v.title, 18, l.bold, 10);
}

/** A claim for repayment in plain words, with its legal basis. */
function repaymentSection(
  l: Awaited<ReturnType<typeof createLetter>>,
  t: Translate,
  lang: Lang,
  r: { kind: "abroad-refund" | "frikort-grant"; paidOre: Ore; refundOre: Ore; amountOre: Ore },
) {
  l.heading(t("repayment.letter.heading"));
  const amounts = { paid: formatOre(r.paidOre, lang), refund: formatOre(r.refundOre, lang), amount: formatOre(r.amountOre, lang) };
  l.para(t(r.kind === "abroad-refund" ? "repayment.abroad.text" : "repayment.grant.text", amounts), 11, l.bold, 4);
  l.para(t("repayment.how"), 11, l.font, 4);
  l.para(t("repayment.letter.basis"), 11, l.font, 8);
}

export async function renderVedtakPdf(input: VedtakInput): Promise<Uint8Array> {
  const t = translator(input.lang);
  const title = t("vedtak.title", { reference: input.reference });
  const l = await createLetter(input.lang, title, input.decidedOn);
  const { para, heading } = l;
  letterhead(l, t, input.lang, { date: input.decidedOn, reference: input.reference, name: input.name, title });
  para(t(`vedtak.outcome.${input.kind}.${input.outcome}` as MessageKey), 11, l.font, 8);

  if (input.lines.length) {
    heading(t("vedtak.lines"));
    for (const x of input.lines) {
      para(`${formatDate(x.serviceDate, input.lang)} · ${x.providerName} · ${t(`service.${x.serviceType}` as MessageKey)} · ${formatOre(x.amountOre, input.lang)}`, 11, l.font, 2);
    }
    const total = sumOre(input.lines.map((x) => x.amountOre));
    l.gap(4);
    para(t(input.outcome === "rejected" ? "vedtak.totalRejected" : "vedtak.total", { amount: formatOre(total, input.lang) }), 11, l.bold, 8);
  }
  if (input.reason) {
    heading(t("vedtak.reasons"));
    para(input.reason);
  }
  if (input.repayment && input.repayment.amountOre > 0) repaymentSection(l, t, input.lang, { kind: "frikort-grant", refundOre: ZERO_ORE, ...input.repayment });
  heading(t("vedtak.rules"));
  para(t(`vedtak.rules.${input.kind}` as MessageKey));
  heading(t("vedtak.appeal"));
  para(t("vedtak.appeal.text", { weeks: APPEAL_WEEKS, date: formatDate(appealDeadline(input.decidedOn), input.lang) }));
  heading(t("vedtak.access"));
  para(t("vedtak.access.text"));
  return l.save();
}

/** The decision letter of a refund claim abroad: the outcome, per line what was claimed, approved and refunded, the reasons with their legal basis. */
export interface AbroadVedtakInput {
  lang: Lang;
  reference: string;
  outcome: "approved" | "partly-approved" | "rejected";
  decidedOn: IsoDate;
  /** Set when this decision replaces an earlier one (after an appeal or a change). */
  supersedesDecidedOn: IsoDate | null;
  name: string | null;
  refundOre: Ore;
  note: string | null;
  account: string | null;
  /** The decision lowered a refund already paid: what was paid, and what is owed back. */
  repayment?: { paidOre: Ore; amountOre: Ore } | null;
  lines: Array<{
    treatmentDate: IsoDate | null;
    description: string;
    currency: string;
    claimedAmount: string;
    approvedAmount: string;
    outcome: "approve" | "approve-part" | "reject";
    refundOre: Ore;
    reasons: Array<{ code: string; legalBasis: string }>;
  }>;
}

export async function renderAbroadVedtakPdf(input: AbroadVedtakInput): Promise<Uint8Array> {
  const t = translator(input.lang);
  const lang = input.lang;
  const title = t("vedtak.title", { reference: input.reference });
  const l = await createLetter(lang, title, input.decidedOn);
  const { para, heading } = l;
  letterhead(l, t, lang, { date: input.decidedOn, reference: input.reference, name: input.name, title });
  if (input.supersedesDecidedOn) para(t("abroadDecision.letter.supersedes", { date: formatDate(input.supersedesDecidedOn, lang) }), 11, l.bold, 6);
  para(t(`abroadDecision.letter.outcome.${input.outcome}`, { amount: formatOre(input.refundOre, lang) }), 11, l.font, 8);
  if (input.account && input.refundOre > 0) para(t("abroadDecision.letter.payout", { account: input.account }), 11, l.font, 8);
  heading(t("vedtak.lines"));
  for (const x of input.lines) {
    const date = x.treatmentDate ? formatDate(x.treatmentDate, lang) : "–";
    para(`${date} · ${x.description} · ${t("abroadDecision.letter.claimed", { amount: `${x.claimedAmount} ${x.currency}` })}`, 11, l.bold, 2);
    para(
      `${t(`abroadDecision.line.${x.outcome}`)}${x.outcome === "approve-part" ? ` (${x.approvedAmount} ${x.currency})` : ""} · ${t("abroadDecision.letter.refund", { amount: formatOre(x.refundOre, lang) })}`,
      11,
      l.font,
      x.reasons.length ? 2 : 6,
    );
    for (const r of x.reasons) para(`${t(`abroadDecision.reason.${r.code}` as MessageKey)} (${r.legalBasis})`, 10, l.font, 2);
    if (x.reasons.length) l.gap(4);
  }
  l.gap(4);
  para(t("abroadDecision.letter.total", { amount: formatOre(input.refundOre, lang) }), 11, l.bold, 8);
  if (input.repayment && input.repayment.amountOre > 0) repaymentSection(l, t, lang, { kind: "abroad-refund", refundOre: input.refundOre, ...input.repayment });
  if (input.note) {
    heading(t("vedtak.reasons"));
    para(input.note);
  }
  heading(t("vedtak.rules"));
  para(t("abroadDecision.letter.rules"));
  heading(t("vedtak.appeal"));
  para(t("vedtak.appeal.text", { weeks: APPEAL_WEEKS, date: formatDate(appealDeadline(input.decidedOn), lang) }));
  heading(t("vedtak.access"));
  para(t("vedtak.access.text"));
  return l.save();
}

/**
 * The letter after an appeal was handled: "reverse" (the case is decided again; a new decision
 * letter follows) or "forward" (the decision is upheld and the appeal sent to the appeal body).
 */
export interface AppealOutcomeInput {
  lang: Lang;
  reference: string;
  outcome: "reverse" | "forward";
  on: IsoDate;
  name: string | null;
  reason: string | null;
  /**
   * The letter's own words when it is not a resident's case (a control case against a provider):
   * message keys for the title, the outcome and what happens next (null: no such section), with
   * the values they name. Without it, the resident's appeal letter (appealLetter.*).
   */
  wording?: { title: MessageKey; outcome: MessageKey; next: MessageKey | null; values?: Record<string, string | number> };
  /** Further sections after the reasons (already translated): a control case's money and legal basis. */
  sections?: ReadonlyArray<{ heading: string; text: string }>;
}

export async function renderAppealOutcomePdf(input: AppealOutcomeInput): Promise<Uint8Array> {
  const t = translator(input.lang);
  const w = input.wording;
  const values = { reference: input.reference, ...(w?.values ?? {}) };
  const title = t(w?.title ?? "appealLetter.title", values);
  const l = await createLetter(input.lang, title, input.on);
  letterhead(l, t, input.lang, { date: input.on, reference: input.reference, name: input.name, title });
  l.para(t(w?.outcome ?? `appealLetter.outcome.${input.outcome}`, values), 11, l.font, 8);
  if (input.reason) {
    l.heading(t("vedtak.reasons"));
    l.para(input.reason);
  }
  for (const section of input.sections ?? []) {
    l.heading(section.heading);
    l.para(section.text);
  }
  const next = w ? w.next : input.outcome === "forward" ? "appealLetter.next.forward" : null;
  if (next) {
    l.heading(t("appealLetter.next"));
    l.para(t(next, values));
  }
  l.heading(t("vedtak.access"));
  l.para(t("vedtak.access.text"));
  return l.save();
}
