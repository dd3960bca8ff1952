import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { AssessedLine } from "~/domain/control-case";
import { formatDate, formatShortDate, type Lang, type MessageKey, translator } from "~/i18n";
import { formatOre, ZERO_ORE } from "~/kernel/money";
import type { IsoDate, Ore } from "~/kernel/types";
import { valueAt } from "~/rules/parameter";
import { appealWeeks, informationOrderAppealDays, letterBasis } from "~/rules/parameters/control-cases";
import { renderAppealOutcomePdf } from "./vedtak-pdf.server";

/**
 * The letters of a control case to the provider (issue 20 part 5), rendered from the case's event
 * when asked for, so a letter always says what its event says:
 * - innhenting: the request for journal documentation, with legal basis (ftrl § 21-4, the
 *   documentation duty), purpose, deadline and the right to complain about the order;
 * - varsel: the advance notice (forvaltningsloven § 16) with the amount per line and in total and
 *   the deadline for the provider's answer;
 * - vedtak: the decision on repayment with the amount per line, the reasons, the legal basis, the
 *   right to appeal within six weeks with the date, and the right of access.
 * A4, Helvetica (WinAnsi covers Norwegian letters).
 */
export type ControlLetterKind = "innhenting" | "varsel" | "vedtak";

export interface LetterLine {
  id: string;
  claimId: string;
  lineNo: number;
  serviceDate: IsoDate;
  startMinute: number;
  minutes: number;
  takst: string;
  refusjonOre: Ore;
}

export interface ControlLetterInput {
  lang: Lang;
  kind: ControlLetterKind;
  reference: string;
  on: IsoDate;
  provider: { name: string; orgnr: string };
  therapistHpr: string | null;
  lines: LetterLine[];
  /** innhenting and varsel: the answer's deadline. */
  deadline?: IsoDate;
  /** varsel and vedtak: the assessment per line and the total. */
  assessed?: AssessedLine[];
  totalOre?: Ore;
  /** vedtak: the last day to appeal; and, after a changed appeal, the vedtak it replaces and why. */
  appealBy?: IsoDate;
  replaces?: { decidedOn: IsoDate; reason: string } | null;
  /** A changed vedtak: what was paid or set off under the one it replaces by its day (counts against this one). */
  settledOre?: Ore;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.12, 0.17, 0.24);

function winAnsiSafe(s: string): string {
  return s.replace(/[\u2010-\u2012\u2212]/g, "-").replace(/[^\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac\u00a7]/g, "?");
}

export const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export async function renderControlLetter(input: ControlLetterInput): Promise<Uint8Array> {
  const { lang } = input;
  const t = translator(lang);
  const doc = await PDFDocument.create();
  const title = t(`control.letter.${input.kind}.title` as MessageKey, { reference: input.reference });
  doc.setTitle(winAnsiSafe(title));
  doc.setAuthor("Helfo");
  doc.setLanguage(lang === "en" ? "en" : lang === "nn" ? "nn-NO" : "nb-NO");
  doc.setCreationDate(new Date(`${input.on}T12:00:00Z`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const para = (s: string, size = 11, f: PDFFont = font, gap = 6) => {
    const words = winAnsiSafe(s).split(/\s+/);
    let line = "";
    const flush = () => {
      if (y - (size + 4) < MARGIN) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
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
  const basis = valueAt(letterBasis, input.on)[input.kind].provisions.join(", ");

  para("Helfo", 11, bold, 2);
  para(t("control.letter.date", { date: formatDate(input.on, lang) }), 10, font, 2);
  para(t("control.letter.reference", { reference: input.reference }), 10, font, 14);
  para(`${input.provider.name} (${t("control.letter.orgnr", { orgnr: input.provider.orgnr })})`, 11, font, 2);
  if (input.therapistHpr) para(t("control.letter.therapist", { hpr: input.therapistHpr }), 11, font, 2);
  y -= 12;
  para(title, 18, bold, 10);

  const lineText = (l: LetterLine) =>
    t("control.letter.line", {
      claim: `${l.claimId}/${l.lineNo}`,
      date: formatShortDate(l.serviceDate, lang),
      time: hhmm(l.startMinute),
      minutes: l.minutes,
      takst: l.takst,
      amount: formatOre(l.refusjonOre, lang),
    });
  const byId = new Map(input.lines.map((l) => [l.id, l]));

  if (input.kind === "innhenting") {
    heading(t("control.letter.purpose"));
    para(t("control.letter.innhenting.purpose"));
    heading(t("control.letter.innhenting.request"));
    para(t("control.letter.innhenting.requestText", { count: input.lines.length }));
    for (const l of input.lines) para(lineText(l), 10, font, 1);
    y -= 6;
    heading(t("control.letter.deadline"));
    para(t("control.letter.innhenting.deadline", { date: formatDate(input.deadline ?? input.on, lang) }));
    heading(t("control.letter.basis"));
    para(t("control.letter.innhenting.basis", { provisions: basis }));
    heading(t("control.letter.complain"));
    para(t("control.letter.innhenting.complain", { days: valueAt(informationOrderAppealDays, input.on) }));
  } else {
    if (input.replaces) {
      para(t("control.letter.vedtak.replaces", { date: formatDate(input.replaces.decidedOn, lang) }));
      para(input.replaces.reason);
    }
    para(t(`control.letter.${input.kind}.lead` as MessageKey, { amount: formatOre(input.totalOre ?? ZERO_ORE, lang) }));
    heading(t("control.letter.assessment"));
    for (const a of input.assessed ?? []) {
      const l = byId.get(a.lineId);
      if (!l) continue;
      para(lineText(l), 10, bold, 1);
      para(
        t("control.letter.assessed", {
          result: t(`control.assessment.${a.result}` as MessageKey) + (a.correctTakst ? ` (${a.correctTakst})` : ""),
          repay: formatOre(a.repayOre, lang),
        }),
        10,
        font,
        4,
      );
    }
    para(t("control.letter.total", { amount: formatOre(input.totalOre ?? ZERO_ORE, lang) }), 11, bold, 8);
    if (input.kind === "vedtak" && input.replaces && (input.settledOre ?? 0) > 0) {
      // a changed vedtak claims only the difference: what was paid or set off under the old one counts
      const settled = input.settledOre!;
      const total = input.totalOre ?? ZERO_ORE;
      heading(t("control.letter.settled"));
      para(
        settled <= total
          ? t("control.letter.vedtak.settled", { settled: formatOre(settled, lang), balance: formatOre((total - settled) as Ore, lang) })
          : t("control.letter.vedtak.overpaid", { settled: formatOre(settled, lang), overpaid: formatOre((settled - total) as Ore, lang) }),
      );
    }
    heading(t("control.letter.reasons"));
    para(t("control.letter.reasonsText"));
    heading(t("control.letter.basis"));
    para(t(`control.letter.${input.kind}.basis` as MessageKey, { provisions: basis }));
    if (input.kind === "varsel") {
      heading(t("control.letter.varsel.answer"));
      para(t("control.letter.varsel.answerText", { date: formatDate(input.deadline ?? input.on, lang) }));
    } else {
      heading(t("control.letter.vedtak.appeal"));
      para(t("control.letter.vedtak.appealText", { weeks: valueAt(appealWeeks, input.on), date: formatDate(input.appealBy ?? input.on, lang) }));
      heading(t("control.letter.access"));
      para(t("control.letter.accessText"));
    }
  }
  return doc.save();
}

/**
 * The answer to a provider's appeal that did not become a new vedtak: upheld (the claim stands, the
 * appeal goes to the appeal body), reversed (nothing is owed; the claim is cancelled), or a late
 * appeal dismissed under forvaltningsloven § 31 (the vedtak stands; the dismissal can itself be
 * appealed). The residents' appeal-outcome letter (renderAppealOutcomePdf), in a control case's words.
 */
export async function renderControlAppealOutcome(input: {
  lang: Lang;
  outcome: "upheld" | "reversed" | "dismissed";
  reference: string;
  on: IsoDate;
  provider: { name: string; orgnr: string };
  reason: string | null;
  /** The vedtak the appeal was against. */
  vedtak: { decidedOn: IsoDate; totalOre: Ore } | null;
  /** What the provider had paid or had set off in the case by the letter's day. */
  settledOre?: Ore;
  /** dismissed: the deadline that was missed, the day the appeal arrived, whether it came more than the § 31 limit after the vedtak, and the last day to complain about the dismissal. */
  late?: { appealBy: IsoDate; receivedOn: IsoDate; pastLimit: boolean; complaintBy: IsoDate };
}): Promise<Uint8Array> {
  const t = translator(input.lang);
  const settled = input.settledOre ?? ZERO_ORE;
  const total = input.vedtak?.totalOre ?? ZERO_ORE;
  const money =
    settled > 0
      ? input.outcome === "reversed"
        ? t("control.letter.klage.settled.reversed", { amount: formatOre(settled, input.lang) })
        : t("control.letter.klage.settled.upheld", {
            settled: formatOre(settled, input.lang),
            balance: formatOre(settled >= total ? ZERO_ORE : ((total - settled) as Ore), input.lang),
          })
      : null;
  const basis = valueAt(letterBasis, input.on);
  const values = { date: input.vedtak ? formatDate(input.vedtak.decidedOn, input.lang) : "", amount: formatOre(input.vedtak?.totalOre ?? ZERO_ORE, input.lang) };
  if (input.outcome === "dismissed") {
    const late = input.late!;
    const lateValues = { ...values, deadline: formatDate(late.appealBy, input.lang), received: formatDate(late.receivedOn, input.lang) };
    return renderAppealOutcomePdf({
      sections: [
        { heading: t("control.letter.avvist.whyHeading"), text: t(late.pastLimit ? "control.letter.avvist.whyPastLimit" : "control.letter.avvist.why", lateValues) },
        ...(money ? [{ heading: t("control.letter.settled"), text: money }] : []),
        {
          heading: t("control.letter.avvist.complainHeading"),
          text: t("control.letter.avvist.complain", { weeks: valueAt(appealWeeks, input.on), date: formatDate(late.complaintBy, input.lang) }),
        },
        { heading: t("control.letter.basis"), text: t("control.letter.avvist.basis", { provisions: basis.avvisning.provisions.join(", ") }) },
      ],
      lang: input.lang,
      reference: input.reference,
      outcome: "forward",
      on: input.on,
      name: `${input.provider.name} (${input.provider.orgnr})`,
      reason: input.reason,
      wording: { title: "control.letter.avvist.title", outcome: "control.letter.avvist.outcome", next: "control.letter.avvist.next", values: lateValues },
    });
  }
  const provisions = basis.klage.provisions.join(", ");
  return renderAppealOutcomePdf({
    sections: [
      ...(money ? [{ heading: t("control.letter.settled"), text: money }] : []),
      { heading: t("control.letter.basis"), text: t(`control.letter.klage.basis.${input.outcome}`, { provisions }) },
    ],
    lang: input.lang,
    reference: input.reference,
    outcome: input.outcome === "upheld" ? "forward" : "reverse",
    on: input.on,
    name: `${input.provider.name} (${input.provider.orgnr})`,
    reason: input.reason,
    wording: {
      title: "control.letter.klage.title",
      outcome: input.outcome === "upheld" ? "control.letter.klage.upheld" : "control.letter.klage.reversed",
      next: input.outcome === "upheld" ? "control.letter.klage.next.upheld" : "control.letter.klage.next.reversed",
      values,
    },
  });
}
