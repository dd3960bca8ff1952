/**
 * ISO 20022 customer credit transfer initiation (pain.001.001.09), the file Helfo's bank takes for
 * the payout run (ADR 0015). Pure: the same input gives the same bytes. Only what the run uses:
 * one payment information block (one debtor account, one execution date), one transaction per
 * payout, to a Norwegian kontonummer (BBAN) or an IBAN with its BIC, in NOK.
 */
import type { Iban, IsoDate, Kontonummer, Ore } from "~/kernel/types";

export const PAIN001_NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

export type CreditorAccount = { kind: "no"; kontonummer: Kontonummer } | { kind: "iban"; iban: Iban; bic: string };

export interface Pain001Payment {
  /** Unique per payout; the bank echoes it back (max 35 characters). */
  endToEndId: string;
  amountOre: Ore;
  creditorName: string;
  account: CreditorAccount;
  /** Unstructured remittance information the resident sees on the statement (max 140). */
  remittance: string;
}

export interface Pain001Input {
  messageId: string;
  createdAt: Date;
  executionDate: IsoDate;
  debtor: { name: string; orgnr: string; iban: string; bic: string };
  payments: Pain001Payment[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
/** Latin characters the SEPA/ISO character set allows; anything else becomes a space. Truncated to `max`. */
function text(s: string, max: number): string {
  return esc(
    s
      .replace(/[^A-Za-z0-9ÆØÅæøåÄÖÜäöüÉéÈèÀàÁáÍíÓóÚúÑñ /\-?:().,'+]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, max) || "-",
  );
}
export const nok = (ore: number) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, "0")}`;

function account(a: CreditorAccount): string {
  return a.kind === "iban" ? `<CdtrAgt><FinInstnId><BICFI>${esc(a.bic)}</BICFI></FinInstnId></CdtrAgt>` : "";
}
function creditorAccount(a: CreditorAccount): string {
  return a.kind === "iban"
    ? `<CdtrAcct><Id><IBAN>${esc(a.iban)}</IBAN></Id></CdtrAcct>`
    : `<CdtrAcct><Id><Othr><Id>${esc(a.kontonummer)}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id></CdtrAcct>`;
}

export function buildPain001(input: Pain001Input): string {
  if (input.payments.length === 0) throw new Error("a payment file needs at least one payment");
  for (const p of input.payments) if (!Number.isInteger(p.amountOre) || p.amountOre <= 0) throw new Error("amounts must be positive whole øre");
  const sum = input.payments.reduce((s, p) => s + p.amountOre, 0);
  const created = input.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  const tx = input.payments
    .map(
      (p) =>
        `<CdtTrfTxInf><PmtId><EndToEndId>${text(p.endToEndId, 35)}</EndToEndId></PmtId>` +
        `<Amt><InstdAmt Ccy="NOK">${nok(p.amountOre)}</InstdAmt></Amt>` +
        account(p.account) +
        `<Cdtr><Nm>${text(p.creditorName, 140)}</Nm></Cdtr>` +
        creditorAccount(p.account) +
        `<RmtInf><Ustrd>${text(p.remittance, 140)}</Ustrd></RmtInf></CdtTrfTxInf>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Document xmlns="${PAIN001_NS}"><CstmrCdtTrfInitn>` +
    `<GrpHdr><MsgId>${text(input.messageId, 35)}</MsgId><CreDtTm>${created}</CreDtTm><NbOfTxs>${input.payments.length}</NbOfTxs><CtrlSum>${nok(sum)}</CtrlSum>` +
    `<InitgPty><Nm>${text(input.debtor.name, 140)}</Nm><Id><OrgId><Othr><Id>${esc(input.debtor.orgnr)}</Id><SchmeNm><Cd>CUST</Cd></SchmeNm></Othr></OrgId></Id></InitgPty></GrpHdr>` +
    `<PmtInf><PmtInfId>${text(input.messageId, 35)}</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>${input.payments.length}</NbOfTxs><CtrlSum>${nok(sum)}</CtrlSum>` +
    `<ReqdExctnDt><Dt>${input.executionDate}</Dt></ReqdExctnDt>` +
    `<Dbtr><Nm>${text(input.debtor.name, 140)}</Nm></Dbtr>` +
    `<DbtrAcct><Id><IBAN>${esc(input.debtor.iban)}</IBAN></Id></DbtrAcct>` +
    `<DbtrAgt><FinInstnId><BICFI>${esc(input.debtor.bic)}</BICFI></FinInstnId></DbtrAgt>` +
    `<ChrgBr>SLEV</ChrgBr>` +
    tx +
    `</PmtInf></CstmrCdtTrfInitn></Document>\n`
  );
}
