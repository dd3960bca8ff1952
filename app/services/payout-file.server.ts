/**
 * The payout run with a bank file (ADR 0015): every pending refund with an account is put in one
 * ISO 20022 pain.001 credit-transfer file for the bank, marked paid in the same transaction, and
 * the resident is told ("paid", with date and amount). The file is written before the transaction
 * commits; its MsgId is derived from the payouts in it, so a file written again after a failed
 * commit carries the same MsgId and the bank's duplicate check refuses the second one.
 * Approved refunds abroad (payouts of kind "abroad-refund") go in the same file, to a kontonummer or
 * to an IBAN with its BIC; their applications become "paid" in the same transaction.
 * An overpayment on a control case (a changed or reversed vedtak after the provider had paid or been set
 * off more than it now owes) is paid back to the provider's kontonummer in the same file: a
 * `tilbakebetaling` settlement is written for it in the same transaction (takeProviderRefunds), so it
 * is paid once (ADR 0020 addendum 5).
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { payouts, persons } from "~/db/schema";
import { buildPain001, type CreditorAccount } from "~/domain/pain001";
import { markApplicationsPaid } from "~/models/abroad-decision.server";
import { releaseMergedSmallRefunds } from "~/models/small-refunds.server";
import type { IsoDate, Ore } from "~/kernel/types";
import { ore, sumOre } from "~/kernel/money";
import { ibanOf } from "~/kernel/iban";
import { kontonummerOf } from "~/kernel/kontonummer";
import { notify } from "./notify.server";
import { type ProviderRefund, takeProviderRefunds } from "./provider-receivables.server";

export interface PayoutFileOptions {
  paidOn: IsoDate;
  fileDir: string;
  debtor: { name: string; orgnr: string; iban: string | null; bic: string };
  now?: Date;
}

export interface PayoutFileRun {
  /** Transfers paid in the file: residents' refunds and providers' repayments. */
  count: number;
  file: string | null;
  totalOre: number;
  /** Of them, the overpayments on control cases paid back to providers. */
  providerRefunds: { count: number; totalOre: number };
}

export async function runPayoutFile(db: Db, opts: PayoutFileOptions): Promise<PayoutFileRun> {
  const { iban } = opts.debtor;
  if (!iban) throw new Error("PAYOUT_DEBTOR_IBAN is not set: the payout run needs Helfo's account");
  const now = opts.now ?? new Date();
  const out = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // Small refunds withheld under the minimum whose group within six months reached it are paid now, as one transfer (issue 18 item 4).
    const groupOf = await releaseMergedSmallRefunds(tx, opts.paidOn, now);
    const rows = await tx
      .select({
        id: payouts.id,
        personId: payouts.personId,
        amountOre: payouts.amountOre,
        year: payouts.year,
        account: payouts.accountNumber,
        iban: payouts.iban,
        bic: payouts.bic,
        kind: payouts.kind,
        applicationId: payouts.applicationId,
        name: persons.name,
      })
      .from(payouts)
      .innerJoin(persons, eq(persons.id, payouts.personId))
      .where(and(eq(payouts.status, "pending"), sql`(${payouts.accountNumber} is not null or (${payouts.iban} is not null and ${payouts.bic} is not null))`))
      .orderBy(asc(payouts.createdAt), asc(payouts.id))
      .for("update", { of: payouts });
    // overpayments on control cases, paid back to the providers' accounts (each written as a settlement here, so once)
    const refunds: ProviderRefund[] = await takeProviderRefunds(tx, opts.paidOn);
    if (rows.length === 0 && refunds.length === 0) return { rows, refunds, file: null, paidApplications: [] };
    const messageId = `FP${opts.paidOn.replaceAll("-", "")}${createHash("sha256")
      .update([...rows.map((r) => r.id), ...refunds.map((r) => r.endToEndId)].join(","))
      .digest("hex")
      .slice(0, 16)
      .toUpperCase()}`;
    const xml = buildPain001({
      messageId,
      createdAt: now,
      executionDate: opts.paidOn,
      debtor: { name: opts.debtor.name, orgnr: opts.debtor.orgnr, iban, bic: opts.debtor.bic },
      payments: [
        ...transfersOf(rows, groupOf).map(({ rows: g, merged }) => {
          const r = g[0]!;
          return {
            endToEndId: r.id.replaceAll("-", "").slice(0, 32),
            amountOre: sumOre(g.map((x) => x.amountOre)),
            creditorName: r.name ?? "Mottaker",
            account: (r.iban && r.bic ? { kind: "iban", iban: ibanOf(r.iban), bic: r.bic } : { kind: "no", kontonummer: kontonummerOf(r.account!) }) satisfies CreditorAccount,
            remittance: merged
              ? `Refusjon fra Helfo, beløp under 200 kr slått sammen (${[...new Set(g.map((x) => x.year))].join(", ")})`
              : r.kind === "abroad-refund"
                ? "Refusjon fysioterapi i utlandet fra Helfo"
                : `Refusjon egenandeler ${r.year} fra Helfo`,
          };
        }),
        ...refunds.map((r) => ({
          endToEndId: r.endToEndId,
          amountOre: r.amountOre,
          creditorName: r.providerName,
          account: { kind: "no", kontonummer: r.account } satisfies CreditorAccount,
          remittance: `Tilbakebetaling fra Helfo, kontrollsak ${r.reference}`,
        })),
      ],
    });
    if (rows.length) {
      await tx
        .update(payouts)
        .set({ status: "paid", paidOn: opts.paidOn, updatedAt: now })
        .where(
          inArray(
            payouts.id,
            rows.map((r) => r.id),
          ),
        );
    }
    const paidApplications = await markApplicationsPaid(
      tx,
      rows.flatMap((r) => (r.kind === "abroad-refund" && r.applicationId ? [r.applicationId] : [])),
      now,
    );
    mkdirSync(opts.fileDir, { recursive: true });
    const file = path.join(opts.fileDir, `pain001-${messageId}.xml`);
    writeFileSync(file, xml, { mode: 0o600 });
    return { rows, refunds, file, paidApplications };
  });
  for (const r of out.rows) {
    if (r.kind === "abroad-refund") continue;
    await notify(db, r.personId, "payout-paid", { year: r.year, amountOre: r.amountOre, paidOn: opts.paidOn }, `payout-paid:${r.id}`);
  }
  for (const a of out.paidApplications) {
    const amountOre = out.rows.filter((r) => r.applicationId === a.id).reduce((s, r) => s + r.amountOre, 0);
    await notify(
      db,
      a.personId,
      "case-status",
      { reference: a.data.reference ?? "", kind: "abroad-refund", status: "paid", amountOre, paidOn: opts.paidOn, applicationId: a.id },
      `abroad:${a.id}:paid:${opts.paidOn}`,
    );
  }
  const refundsOre = sumOre(out.refunds.map((r) => r.amountOre));
  return {
    count: out.rows.length + out.refunds.length,
    file: out.file,
    totalOre: sumOre(out.rows.map((r) => r.amountOre)) + refundsOre,
    providerRefunds: { count: out.refunds.length, totalOre: refundsOre },
  };
}

/**
 * One credit transfer per payout, except that the members of a merged group of small refunds paid in
 * this run to the same account go as one ("utbetales under ett"), under its first payout's id.
 */
function transfersOf<R extends { id: string; account: string | null; iban: string | null; bic: string | null }>(
  rows: R[],
  groupOf: Map<string, string>,
): Array<{ rows: R[]; merged: boolean }> {
  const out: Array<{ rows: R[]; merged: boolean }> = [];
  const byKey = new Map<string, { rows: R[]; merged: boolean }>();
  for (const r of rows) {
    const g = groupOf.get(r.id);
    if (!g) {
      out.push({ rows: [r], merged: false });
      continue;
    }
    const key = `${g}|${r.account ?? ""}|${r.iban ?? ""}|${r.bic ?? ""}`;
    const t = byKey.get(key);
    if (t) {
      t.rows.push(r);
      t.merged = true;
    } else {
      const n = { rows: [r], merged: false };
      byKey.set(key, n);
      out.push(n);
    }
  }
  return out;
}

/** What the next payout run would pay (the console's payout page): how many refunds and the sum, no resident data. */
export async function pendingPayoutSummary(db: Db): Promise<{ count: number; totalOre: Ore; waitingForAccount: number }> {
  const [r] = await db
    .select({
      count: sql<number>`count(*) filter (where ${payouts.accountNumber} is not null or (${payouts.iban} is not null and ${payouts.bic} is not null))`.mapWith(Number),
      totalOre:
        sql<number>`coalesce(sum(${payouts.amountOre}) filter (where ${payouts.accountNumber} is not null or (${payouts.iban} is not null and ${payouts.bic} is not null)), 0)`.mapWith(
          Number,
        ),
      waitingForAccount: sql<number>`count(*) filter (where ${payouts.accountNumber} is null and (${payouts.iban} is null or ${payouts.bic} is null))`.mapWith(Number),
    })
    .from(payouts)
    .where(eq(payouts.status, "pending"));
  return { count: r?.count ?? 0, totalOre: ore(r?.totalOre ?? 0), waitingForAccount: r?.waitingForAccount ?? 0 };
}
