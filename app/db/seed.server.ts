import { sql } from "drizzle-orm";
import { generateDemoResidents } from "~/domain/demo-data";
import { todayOslo } from "~/utils/clock.server";
import type { Database } from "./client.server";
import { egenandeler, persons, providers } from "./schema";

/**
 * Seed synthetic demo residents into an empty register (embedded default only). Idempotent: does
 * nothing when any person exists. Returns the number of residents inserted.
 */
export async function seedDemoData(database: Database, today = todayOslo()): Promise<number> {
  const { db } = database;
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(persons);
  if ((row?.n ?? 0) > 0) return 0;
  const residents = generateDemoResidents({ today });
  await db.transaction(async (tx) => {
    const orgs = new Map<string, string>();
    for (const r of residents) for (const e of r.egenandeler) orgs.set(e.providerOrgnr, e.providerName);
    if (orgs.size) {
      await tx
        .insert(providers)
        .values([...orgs].map(([orgnr, name]) => ({ orgnr, name })))
        .onConflictDoNothing();
    }
    for (const r of residents) {
      const [p] = await tx
        .insert(persons)
        .values({
          fnr: r.fnr,
          name: r.name,
          birthDate: r.birthDate,
          yrkesskadeDescription: r.yrkesskade?.description ?? null,
          yrkesskadeApprovedOn: r.yrkesskade?.approvedOn ?? null,
        })
        .returning({ id: persons.id });
      const rows = r.egenandeler.map((e) => ({
        personId: p!.id,
        providerOrgnr: e.providerOrgnr,
        claimId: e.claimId,
        providerName: e.providerName,
        serviceDate: e.serviceDate,
        serviceType: e.serviceType,
        amountOre: e.amountOre,
        paid: e.paid,
        paidDate: e.paidDate,
      }));
      for (let i = 0; i < rows.length; i += 500) await tx.insert(egenandeler).values(rows.slice(i, i + 500));
    }
  });
  return residents.length;
}
