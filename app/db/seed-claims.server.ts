/**
 * Demo treatment claims (issue 20): a physiotherapy clinic with direct settlement and two
 * residents, so the claims, their controls and (for the patient) what was billed can be seen in
 * the demo. Sent through the claims service like any claim, so they meet the same controls and
 * their egenandeler go through the register's one writer. Dates are relative to today.
 *
 * - Kari Nordby: an examination and two treatments this autumn, and one treatment billed while the
 *   therapist was treating someone else (rejected: overlap, merknad A1).
 * - Arne Dahl (died 30 days ago): a claim for a treatment after his death (rejected).
 *
 * Then the synthetic population for the controller's risk signals (issue 20, part 6): about 70
 * providers over three years, one planted with each of seed 000's patterns
 * (domain/synthetic-claims.ts), stored in bulk and scored (services/risk-signals.server.ts).
 */
import { addDays } from "~/kernel/dates";
import { generateFnr } from "~/kernel/fnr";
import { orgnrOf } from "~/kernel/orgnr";
import type { Fnr, IsoDate } from "~/kernel/types";
import type { Claim } from "~/schemas/claims";
import { DEMO_POPULATION } from "./demo-data";
import { submitClaims } from "~/services/claims.server";
import { seedSyntheticClaims } from "~/services/risk-signals.server";
import type { Database } from "./client.server";
import { persons, providers } from "./schema";

export const DEMO_PHYSIO = { orgnr: orgnrOf("987654325"), name: "Demo fysioterapi AS" } as const;
export const DEMO_THERAPISTS = [
  { hprNumber: "9144889", name: "Siri Fysiosen" },
  { hprNumber: "9233107", name: "Tor Manuelsen" },
] as const;

/** The first valid number from this individnummer on (20th-century births). */
function firstFnr(birthDate: IsoDate, individ: number): Fnr {
  for (let i = individ; i < 500; i++) {
    const fnr = generateFnr(birthDate, i);
    if (fnr) return fnr;
  }
  throw new Error(`no identity number for ${birthDate}`);
}

/** Returns how many residents it added. */
export async function seedDemoClaims(database: Database, today: IsoDate): Promise<number> {
  const { db } = database;
  const kari = firstFnr("1958-09-14", 238);
  const arne = firstFnr("1941-04-02", 311);
  const diedOn = addDays(today, -30);
  await db.insert(providers).values(DEMO_PHYSIO).onConflictDoNothing();
  const added = await db
    .insert(persons)
    .values([
      { fnr: kari, name: "Kari Nordby", birthDate: "1958-09-14" },
      { fnr: arne, name: "Arne Dahl", birthDate: "1941-04-02", diedOn },
    ])
    .onConflictDoNothing()
    .returning({ id: persons.id });
  const d = (days: number) => addDays(today, -days);
  const [siri, tor] = DEMO_THERAPISTS;
  const claims: Claim[] = [
    { claimId: "demo-regning-1", fnr: kari, therapist: siri, paid: true, lines: [{ takst: "A1a", date: d(28), startTime: "08:00", minutes: 30, groupSize: null }] },
    { claimId: "demo-regning-2", fnr: kari, therapist: siri, paid: true, lines: [{ takst: "A2c", date: d(21), startTime: "08:00", minutes: 40, groupSize: null }] },
    { claimId: "demo-regning-3", fnr: kari, therapist: siri, paid: true, lines: [{ takst: "A2c", date: d(14), startTime: "16:30", minutes: 40, groupSize: null }] },
    // Tor's 10:00 treatment of Arne is stored first; his 10:20 treatment of Kari overlaps it.
    { claimId: "demo-regning-4", fnr: arne, therapist: tor, paid: true, lines: [{ takst: "A2b", date: d(35), startTime: "10:00", minutes: 30, groupSize: null }] },
    { claimId: "demo-regning-5", fnr: kari, therapist: tor, paid: true, lines: [{ takst: "A2b", date: d(35), startTime: "10:20", minutes: 30, groupSize: null }] },
    { claimId: "demo-regning-6", fnr: arne, therapist: tor, paid: true, lines: [{ takst: "A2b", date: d(7), startTime: "10:00", minutes: 30, groupSize: null }] },
  ];
  await submitClaims(db, DEMO_PHYSIO.orgnr, claims, today);
  await seedSyntheticClaims(db, { ...DEMO_POPULATION, today });
  return added.length;
}
