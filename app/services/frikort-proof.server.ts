/**
 * The digital frikort proof: one verification code per person, year and tak with a frikort, made
 * the first time the resident opens the proof; and the provider's check of a code, which answers
 * from the register as it is now and is logged like a status lookup.
 */
import { randomBytes } from "node:crypto";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { Db } from "~/db/client.server";
import { frikortProofs, frikortStatus, persons, statusLookups } from "~/db/schema";
import { checkProof, formatProofCode, generateProofCode, normaliseProofCode, type ProofCheck, proofValidity } from "~/domain/frikort-proof";
import type { YearOverview } from "~/domain/overview";
import type { IsoDate, Orgnr, TakId } from "~/kernel/types";
import { formatDate, type Lang, translator } from "~/i18n";
import { loadYearOverview } from "./overview.server";
import { winAnsiSafe, wrapText } from "./pdf-text.server";

/** The service type under which proof checks appear in the resident's lookup log. */
export const PROOF_LOOKUP_SERVICE = "frikortbevis";

export interface Proof {
  tak: TakId;
  code: string;
  validFrom: IsoDate;
  validTo: IsoDate;
}

export interface ProofPageData {
  name: string | null;
  overview: YearOverview;
  proofs: Proof[];
}

const MAX_ATTEMPTS = 8;

/** The person's code for a year and tak: the stored one, or a new one (retried on a collision). */
export async function ensureProofCode(db: Db, personId: string, year: number, tak: string): Promise<string> {
  const existing = async () => {
    const [row] = await db
      .select({ code: frikortProofs.code })
      .from(frikortProofs)
      .where(and(eq(frikortProofs.personId, personId), eq(frikortProofs.year, year), eq(frikortProofs.tak, tak)))
      .limit(1);
    return row?.code ?? null;
  };
  const found = await existing();
  if (found) return found;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const code = generateProofCode((n) => randomBytes(n));
    const [inserted] = await db.insert(frikortProofs).values({ code, personId, year, tak }).onConflictDoNothing().returning({ code: frikortProofs.code });
    if (inserted) return inserted.code;
    // Either another request made this person's code just now, or the code is taken: look, then retry.
    const raced = await existing();
    if (raced) return raced;
  }
  throw new Error("could not make a unique frikort proof code");
}

/** Everything the proof page and its PDF show for one year; null when the person does not exist. */
export async function loadProofs(db: Db, personId: string, year: number): Promise<ProofPageData | null> {
  const result = await loadYearOverview(db, personId, year);
  if (!result) return null;
  const statuses = await db
    .select({ tak: frikortStatus.tak, frikortFrom: frikortStatus.frikortFrom })
    .from(frikortStatus)
    .where(and(eq(frikortStatus.personId, personId), eq(frikortStatus.year, year), isNotNull(frikortStatus.frikortFrom)));
  // A frikort granted on an application by receipts (ADR 0017) is a frikort like the engine's: the earlier date wins.
  for (const [tak, from] of Object.entries(result.granted)) {
    const s = statuses.find((x) => x.tak === tak);
    if (!s) statuses.push({ tak, frikortFrom: from });
    else if (!s.frikortFrom || from < s.frikortFrom) s.frikortFrom = from;
  }
  const order = result.overview.taks.map((t) => t.tak as string);
  statuses.sort((a, b) => order.indexOf(a.tak) - order.indexOf(b.tak));
  const proofs: Proof[] = [];
  for (const s of statuses) {
    if (!order.includes(s.tak) || !s.frikortFrom) continue;
    const code = await ensureProofCode(db, personId, year, s.tak);
    proofs.push({ tak: s.tak as TakId, code, ...proofValidity(year, s.frikortFrom) });
  }
  return { name: result.person.name, overview: result.overview, proofs };
}

/**
 * A provider checks a code. Unknown codes and frikort that a correction has removed answer only
 * `{ valid: false }`. Every check is logged (serviceType "frikortbevis", serviceDate today), so the
 * resident sees who checked their proof.
 */
export async function verifyProofCode(db: Db, orgnr: Orgnr, rawCode: string, today: IsoDate): Promise<ProofCheck> {
  const code = normaliseProofCode(rawCode);
  const [row] = code
    ? await db
        .select({
          personId: frikortProofs.personId,
          year: frikortProofs.year,
          tak: frikortProofs.tak,
          holderName: persons.name,
          frikortFrom: frikortStatus.frikortFrom,
          grantedFrom: sql<
            string | null
          >`(select min(g.valid_from)::text from frikort_grants g where g.person_id = ${frikortProofs.personId} and g.year = ${frikortProofs.year} and g.tak = ${frikortProofs.tak} and g.revoked_at is null)`,
        })
        .from(frikortProofs)
        .innerJoin(persons, eq(persons.id, frikortProofs.personId))
        .leftJoin(frikortStatus, and(eq(frikortStatus.personId, frikortProofs.personId), eq(frikortStatus.year, frikortProofs.year), eq(frikortStatus.tak, frikortProofs.tak)))
        .where(eq(frikortProofs.code, code))
        .limit(1)
    : [];
  const from = [row?.frikortFrom ?? null, row?.grantedFrom ?? null].filter((d): d is IsoDate => d !== null).sort()[0] ?? null;
  const answer = checkProof(row ? { year: row.year, tak: row.tak, holderName: row.holderName } : null, from);
  await db.insert(statusLookups).values({
    personId: row?.personId ?? null,
    orgnr,
    serviceDate: today,
    serviceType: PROOF_LOOKUP_SERVICE,
    result: !row ? "ukjent" : answer.valid ? "frikort" : "ikke-frikort",
    batch: false,
  });
  return answer;
}

// ---------------------------------------------------------------------------------------------
// PDF (Helvetica/Courier, WinAnsi: Norwegian letters are covered)

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.12, 0.17, 0.24);
const MUTED = rgb(0.29, 0.35, 0.42);
const GREEN = rgb(0.024, 0.537, 0.227);
const SURFACE = rgb(0.957, 0.961, 0.965);

const GREY = rgb(0.42, 0.45, 0.5);

/** The proof as an A4 PDF: one card per tak with the holder, the validity and the code in large type. */
export async function renderProofPdf(input: { year: number; name: string | null; proofs: Proof[]; lang: Lang; today: IsoDate }): Promise<Uint8Array> {
  const { year, lang } = input;
  const t = translator(lang);
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(t("proof.pdf.title", { year })));
  doc.setAuthor("Frikortportalen");
  doc.setLanguage(lang === "en" ? "en" : lang === "nn" ? "nn-NO" : "nb-NO");
  doc.setCreationDate(new Date(`${input.today}T12:00:00Z`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.CourierBold);
  const page = doc.addPage(A4);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;

  const draw = (s: string, x: number, size: number, f = font, color = INK) => page.drawText(winAnsiSafe(s), { x, y, size, font: f, color });

  draw(t("proof.pdf.title", { year }), MARGIN, 22, bold);
  y -= 18;
  draw(t("pdf.generated", { date: formatDate(input.today, lang) }), MARGIN, 9, font, MUTED);
  y -= 30;

  // One card per tak: a band with the tak, then the facts, then the code in large type. A proof
  // whose validity has ended says so in the band and in its own row, and is grey, not green.
  const cardHeight = 264;
  for (const p of input.proofs) {
    const expired = p.validTo < input.today;
    const colour = expired ? GREY : GREEN;
    const top = y;
    page.drawRectangle({ x: MARGIN, y: top - cardHeight, width, height: cardHeight, borderColor: colour, borderWidth: 2, color: rgb(1, 1, 1) });
    page.drawRectangle({ x: MARGIN, y: top - 46, width, height: 46, color: colour });
    y = top - 30;
    const band = `${t("proof.heading", { year })} \u2013 ${t(`overview.tak.${p.tak}`)}${expired ? ` \u2013 ${t("proof.pdf.expiredBand")}` : ""}`;
    const bandSize = bold.widthOfTextAtSize(winAnsiSafe(band), 16) <= width - 36 ? 16 : 12;
    draw(band, MARGIN + 18, bandSize, bold, rgb(1, 1, 1));
    y = top - 76;
    const rows: Array<[string, string]> = [
      [t("proof.name"), input.name ?? "-"],
      [t("proof.tak"), t(`overview.tak.${p.tak}`)],
      [t("proof.valid"), t("proof.validRange", { from: formatDate(p.validFrom, lang), to: formatDate(p.validTo, lang) })],
    ];
    if (expired) rows.push([t("proof.pdf.status"), t("proof.pdf.expired", { date: formatDate(p.validTo, lang) })]);
    for (const [label, value] of rows) {
      draw(label, MARGIN + 18, 11, font, MUTED);
      const lines = wrapText(value, bold, 12, width - 130 - 18);
      lines.forEach((l, i) => page.drawText(l, { x: MARGIN + 130, y: y - i * 15, size: 12, font: bold, color: INK }));
      y -= 22 + (lines.length - 1) * 15;
    }
    page.drawRectangle({ x: MARGIN + 2, y: top - cardHeight + 2, width: width - 4, height: 88, color: SURFACE });
    y = top - cardHeight + 64;
    draw(t("proof.code"), MARGIN + 18, 11, font, MUTED);
    y -= 40;
    draw(formatProofCode(p.code), MARGIN + 18, 34, mono, expired ? GREY : INK);
    y = top - cardHeight - 30;
  }

  for (const l of wrapText(t("proof.pdf.checkHint"), font, 9, width)) {
    page.drawText(l, { x: MARGIN, y, size: 9, font, color: MUTED });
    y -= 12;
  }
  return doc.save();
}
