import { eq } from "drizzle-orm";
import type { Database } from "~/db/client.server";
import { persons, providers } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { orgnrOf } from "~/kernel/orgnr";
import type { Fnr, IsoDate, ServiceType } from "~/kernel/types";
import type { RegisterRequest } from "~/domain/register";
import { addParentalResponsibility } from "~/models/representation.server";
import { applyRegisterRequests, registrationHash } from "~/services/register.server";
import { isoDate } from "~/kernel/dates";
import { ore } from "~/kernel/money";

export const TEST_ORG = { orgnr: orgnrOf("974760673"), name: "Testklinikken AS" };

export interface FixtureRow {
  serviceDate: IsoDate;
  serviceType: ServiceType;
  amountOre: number;
  paid?: boolean;
  cancelled?: boolean;
  providerName?: string;
}

/** Inserts one person with the given egenandeler; returns the person's id and fødselsnummer. */
export async function insertPerson(
  database: Database,
  opts: { birthDate: IsoDate; individ: number; name: string | null; rows: FixtureRow[]; yrkesskade?: string; reserved?: boolean; account?: string },
): Promise<{ id: string; fnr: Fnr }> {
  const fnr = generateFnr(isoDate(opts.birthDate), opts.individ);
  if (!fnr) throw new Error(`no valid fnr for ${opts.birthDate}/${opts.individ}`);
  const { db } = database;
  await db.insert(providers).values(TEST_ORG).onConflictDoNothing();
  const [existing] = await db.select({ id: persons.id }).from(persons).where(eq(persons.fnr, fnr));
  if (existing) throw new Error("fixture person exists already");
  const [p] = await db
    .insert(persons)
    .values({
      fnr,
      name: opts.name,
      birthDate: opts.birthDate,
      yrkesskadeDescription: opts.yrkesskade ?? null,
      yrkesskadeApprovedOn: opts.yrkesskade ? "2022-03-01" : null,
      payoutAccount: opts.account ?? null,
    })
    .returning({ id: persons.id });
  // History as it stood, through the register's one writer; cancelled rows as registered, then cancelled.
  const source = { kind: "import", reference: "test fixture" } as const;
  const requests: RegisterRequest[] = opts.rows.map((r, i) => {
    const claim = {
      orgnr: TEST_ORG.orgnr,
      claimId: `fixture-${fnr.slice(0, 6)}-${opts.individ}-${i}`,
      providerName: r.providerName ?? TEST_ORG.name,
      serviceDate: r.serviceDate,
      serviceType: r.serviceType,
      amountOre: ore(r.amountOre),
      paid: r.paid ?? true,
      paidDate: r.paid === false ? null : r.serviceDate,
    };
    return { op: "register", source, person: { personId: p!.id }, claim, hash: registrationHash({ ...claim, person: fnr }) };
  });
  opts.rows.forEach((r, i) => {
    if (r.cancelled) requests.push({ op: "cancel", source, key: { orgnr: TEST_ORG.orgnr, claimId: `fixture-${fnr.slice(0, 6)}-${opts.individ}-${i}` }, reason: "fixture" });
  });
  if (requests.length) await applyRegisterRequests(db, requests, "2100-01-01");
  // Reserved after its history was stored (nothing is stored while reserved).
  if (opts.reserved)
    await db
      .update(persons)
      .set({ reservedAt: new Date("2024-01-15T10:00:00Z") })
      .where(eq(persons.id, p!.id));
  return { id: p!.id, fnr };
}

/**
 * The e2e residents, with numbers a person can check by hand:
 * - physio2019: ten physiotherapy treatments of 242 kr in 2019 (tak 2 = 2 085 kr). The ninth, on
 *   2019-03-07, brings the total to 2 178 kr: frikort from 7 March 2019; 2 420 kr registered,
 *   335 kr over the ceiling. Plus three GP visits of 160 kr (tak 1: 480 kr).
 * - other: one GP visit in 2024, so that isolation between two residents can be seen.
 * - child: born 2015, two GP visits in 2024 (exempt).
 */
export async function insertE2eResidents(database: Database) {
  const physioDates: IsoDate[] = ["2019-01-10", "2019-01-17", "2019-01-24", "2019-01-31", "2019-02-07", "2019-02-14", "2019-02-21", "2019-02-28", "2019-03-07", "2019-03-14"];
  const physio2019 = await insertPerson(database, {
    birthDate: "1971-05-12",
    individ: 412,
    name: "Test Fysiosen",
    rows: [
      ...physioDates.map((d) => ({ serviceDate: d, serviceType: "fysioterapi" as const, amountOre: 24_200, providerName: "Fysio Test Sentrum" })),
      ...(["2019-02-01", "2019-06-11", "2019-10-02"] as IsoDate[]).map((d) => ({
        serviceDate: d,
        serviceType: "lege" as const,
        amountOre: 16_000,
        providerName: "Testgata legesenter",
      })),
    ],
  });
  const other = await insertPerson(database, {
    birthDate: "1988-11-30",
    individ: 123,
    name: "Annen Testperson",
    rows: [{ serviceDate: "2024-04-04", serviceType: "lege", amountOre: 27_500, providerName: "Legevakt Test" }],
  });
  const child = await insertPerson(database, {
    birthDate: "2015-08-20",
    individ: 577,
    name: "Barn Testesen",
    rows: [
      { serviceDate: "2024-02-02", serviceType: "lege", amountOre: 16_000 },
      { serviceDate: "2024-09-09", serviceType: "radiologi", amountOre: 26_500 },
    ],
  });
  const reserved = await insertPerson(database, { birthDate: "1975-02-14", individ: 222, name: "Reservert Testesen", rows: [], reserved: true });
  // The security matrix's own two residents: its drafts and cases must not change what other tests see.
  const matrixOwner = await insertPerson(database, {
    birthDate: "1980-01-15",
    individ: 312,
    name: "Matrise Eiersen",
    rows: [{ serviceDate: "2024-05-05", serviceType: "lege", amountOre: 16_000, providerName: "Matrise legesenter" }],
  });
  const matrixIntruder = await insertPerson(database, {
    birthDate: "1982-02-16",
    individ: 430,
    name: "Matrise Inntrengersen",
    rows: [{ serviceDate: "2024-06-06", serviceType: "lege", amountOre: 16_000, providerName: "Matrise legesenter" }],
  });
  // Acting for others (issue 22 item 12): a parent of the child above, and a pair for fullmakt (test/e2e/representation.test.ts).
  const repParent = await insertPerson(database, { birthDate: "1984-10-10", individ: 214, name: "Forelder Testesen", rows: [] });
  await addParentalResponsibility(database.db, repParent.id, child.id);
  const repGiver = await insertPerson(database, {
    birthDate: "1948-01-15",
    individ: 319,
    name: "Giver Fullmaktsen",
    rows: [{ serviceDate: "2024-03-03", serviceType: "lege", amountOre: 16_000 }],
  });
  const repHolder = await insertPerson(database, { birthDate: "1975-06-12", individ: 233, name: "Holder Fullmektigsen", rows: [] });
  return { physio2019, other, child, reserved, matrixOwner, matrixIntruder, repParent, repGiver, repHolder };
}

/**
 * A resident with a refund claim abroad already sent (issue 19): one invoice read from the Spanish
 * fixture, corrected to 8 treatments of 90 EUR in November 2024 (so the refund, about 700 kr, is
 * above the e2e server's four-eyes limit), an authorisation and an epikrise, an IBAN account. For the
 * caseworker journey in test/e2e/staff.test.ts.
 */
export async function insertSentAbroadApplication(database: Database, today: IsoDate): Promise<{ fnr: Fnr; applicationId: string; reference: string }> {
  const { readFileSync } = await import("node:fs");
  const { addDocument, markDone, startOrContinueDraft } = await import("~/services/abroad-documents.server");
  const { loadApplication, saveAccount, saveInvoiceAnswers, saveStartAnswer, submitApplication } = await import("~/services/abroad-application.server");
  const dir = new URL("../fixtures/documents/", import.meta.url).pathname;
  let individ = 433;
  while (!generateFnr("1966-06-06", individ)) individ++;
  const p = await insertPerson(database, { birthDate: "1966-06-06", individ, name: "Utland Testesen", rows: [] });
  const db = database.db;
  const app = await startOrContinueDraft(db, p.id);
  for (const [name, kind] of [
    ["inv10-es-es-pdf", "invoice"],
    ["auth03-nb-no-pdf", "authorisation"],
    ["epi04-en-gb-pdf", "epikrise"],
  ] as const) {
    const r = await addDocument(db, { personId: p.id, applicationId: app.id, kind, file: { name: `${name}.pdf`, bytes: new Uint8Array(readFileSync(`${dir}${name}.pdf`)) } });
    if (!r.ok) throw new Error(`fixture upload: ${r.reason}`);
    await markDone(db, r.documentId, { ...JSON.parse(readFileSync(`${dir}${name}.json`, "utf8")), pages: 1, source: "text-layer" });
  }
  const view = (await loadApplication(db, p.id, app.id))!;
  const invoice = view.invoices[0]!;
  const lines = Array.from({ length: 8 }, (_, i) => ({
    date: isoDate(`2024-11-${String(i + 1).padStart(2, "0")}`),
    treatmentForm: "ovelsesbehandling",
    description: "Fisioterapia",
    durationMinutes: 45,
    amount: "90.00",
  }));
  await saveStartAnswer(db, p.id, app.id, { country: "ES", period: { from: "2024-11-01", to: "2024-11-08" }, exemption: { kind: "none" } });
  await saveInvoiceAnswers(db, p.id, app.id, {
    [invoice.doc.id]: { ...invoice.answers, invoiceDate: "2024-12-20", paymentDate: "2024-12-20", currency: "EUR", total: "720.00", amountsConfirmed: true, lines },
  });
  await saveAccount(db, p.id, app.id, { kind: "foreign", iban: "ES9121000418450200051332", bic: "CAIXESBBXXX" });
  const sent = await submitApplication(db, p.id, app.id, isoDate(today));
  if (!sent.ok) throw new Error(`fixture submit: ${sent.reason}`);
  return { fnr: p.fnr, applicationId: app.id, reference: sent.app.data.reference ?? "" };
}
