import { and, eq, lt, sql } from "drizzle-orm";
import { generateDemoResidents } from "~/db/demo-data";
import type { RegisterRequest } from "~/domain/register";
import type { IsoDate, Orgnr } from "~/kernel/types";
import { applyRegisterRequestsInTx, registrationHash } from "~/services/register.server";
import { ensureDevProviderKey } from "~/services/provider-keys.server";
import { todayOslo } from "~/utils/clock.server";
import type { Database, Db } from "./client.server";
import { addParentalResponsibility } from "~/models/representation.server";
import { inboxMessages, payouts, persons, providers } from "./schema";
import { seedDemoClaims } from "./seed-claims.server";

/** A valid synthetic kontonummer (MOD11, weights 5 4 3 2 7 6 5 4 3 2) for demo resident n. */
export function demoAccount(n: number): string | null {
  const base = `1503${String(40_000 + n).padStart(6, "0")}`;
  const w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = [...base].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  const k = 11 - (sum % 11);
  if (k === 10) return null;
  return base + String(k === 11 ? 0 : k);
}

/**
 * Seed synthetic demo residents into an empty register (embedded default only), run the engine over
 * their history, and pay out earlier years' refunds, so a new user sees a living portal. Idempotent:
 * does nothing when any person exists. Returns the number of residents inserted.
 * `providerKey: false` leaves out the well-known `dev-provider-key` (DEMO_PROVIDER_KEY, which is off
 * by default on PostgreSQL: a key anyone can read in the README must be asked for by name).
 */
export async function seedDemoData(database: Database, today = todayOslo(), opts: { providerKey?: boolean } = {}): Promise<number> {
  const { db } = database;
  if (opts.providerKey ?? true) await ensureDevProviderKey(db);
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(persons);
  if ((row?.n ?? 0) > 0) return 0;
  const residents = generateDemoResidents({ today });
  const thisYear = Number(today.slice(0, 4));
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const orgs = new Map<Orgnr, string>();
    for (const r of residents) for (const e of r.egenandeler) orgs.set(e.providerOrgnr, e.providerName);
    if (orgs.size) {
      await tx
        .insert(providers)
        .values([...orgs].map(([orgnr, name]) => ({ orgnr, name })))
        .onConflictDoNothing();
    }
    // One resident over the ceiling in an earlier year has no account on file, to show a withheld payout.
    const noAccount = residents.map((r) => r.personas.includes("frikort-earlier-year")).lastIndexOf(true);
    const idByName = new Map<string, string>();
    for (const [i, r] of residents.entries()) {
      const account = i === noAccount ? null : demoAccount(i + 1);
      const [p] = await tx
        .insert(persons)
        .values({
          fnr: r.fnr,
          name: r.name,
          birthDate: r.birthDate,
          yrkesskadeDescription: r.yrkesskade?.description ?? null,
          yrkesskadeApprovedOn: r.yrkesskade?.approvedOn ?? null,
          payoutAccount: account,
        })
        .returning({ id: persons.id });
      idByName.set(r.name, p!.id);
      // History as it stood, through the register's one writer (no input checks: it is the past).
      const source = { kind: "import", reference: "demo seed" } as const;
      const requests: RegisterRequest[] = r.egenandeler.map((e) => {
        const claim = {
          orgnr: e.providerOrgnr,
          claimId: e.claimId,
          providerName: e.providerName,
          serviceDate: e.serviceDate,
          serviceType: e.serviceType,
          amountOre: e.amountOre,
          paid: e.paid,
          paidDate: e.paidDate,
        };
        return { op: "register", source, person: { personId: p!.id }, claim, hash: registrationHash({ ...claim, person: r.fnr }) };
      });
      if (requests.length) await applyRegisterRequestsInTx(tx, requests, today);
    }
    // Parental responsibility as the person register has it (acting for a child under 16, issue 22 item 12).
    for (const r of residents) {
      for (const child of r.parentOf) {
        const parentId = idByName.get(r.name),
          childId = idByName.get(child);
        if (parentId && childId) await addParentalResponsibility(tx, parentId, childId);
      }
    }
    // Earlier years' refunds were paid in January the year after.
    const due = await tx
      .select()
      .from(payouts)
      .where(and(eq(payouts.status, "pending"), lt(payouts.year, thisYear)));
    for (const pay of due) {
      const paidOn: IsoDate = `${pay.year + 1}-01-15`;
      await tx.update(payouts).set({ status: "paid", paidOn }).where(eq(payouts.id, pay.id));
      await tx
        .insert(inboxMessages)
        .values({ personId: pay.personId, kind: "payout-paid", payload: { year: pay.year, amountOre: pay.amountOre, paidOn }, dedupeKey: `payout-paid:${pay.id}` })
        .onConflictDoNothing();
    }
  });
  return residents.length + (await seedDemoClaims(database, today));
}
