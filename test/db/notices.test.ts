/**
 * Notices that reach residents (issue 22 item 11): the e-mail channel against an SMTP server started here (smtp-server),
 * the SMS channel against a local HTTP server with the same contract, and the pg-boss job that sends them, retries a
 * failed send and never holds up the action that wrote the inbox message.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { NoticeConfig } from "~/config.server";
import type { Database } from "~/db/client.server";
import { inboxMessages } from "~/db/schema";
import { noticeMessage } from "~/jobs/notices.server";
import { JobRunner } from "~/jobs/runner.server";
import { saveNoticeSettings } from "~/models/notice-settings.server";
import { addParentalResponsibility } from "~/models/representation.server";
import { httpSmsSender, sendersFromConfig, smtpSender } from "~/services/notice-senders.server";
import { notify, registerNoticeQueue, sendNotice } from "~/services/notify.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";
import { freePort } from "../support/net";

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server on 127.0.0.1 that keeps what it receives; recipients ending in @refused.test are refused (550). */
async function startSmtp(): Promise<{ url: string; mails: Mail[]; stop: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith("@refused.test")) return cb(Object.assign(new Error("no such user"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

interface Sms {
  auth: string | undefined;
  body: { to: string; text: string };
}

/** An SMS provider on 127.0.0.1: answers `statuses` in turn (then 200), keeping every request. */
async function startSms(statuses: number[] = []): Promise<{ url: string; received: Sms[]; stop: () => Promise<void> }> {
  const received: Sms[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Sms["body"] });
      res.writeHead(statuses.shift() ?? 200, { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { url: `http://127.0.0.1:${port}/sms`, received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The decoded text part of a simple nodemailer message (quoted-printable, soft line breaks). */
function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  return Buffer.from(
    body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    "latin1",
  )
    .toString("utf8")
    .trim();
}

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const PUBLIC_URL = "https://frikortportalen.test";

describe("the notice text", () => {
  it("says only that a new message is waiting, in the resident's language", () => {
    expect(noticeMessage("nb", PUBLIC_URL)).toEqual({
      subject: "Ny melding i Frikortportalen",
      text: "Du har en ny melding i Frikortportalen. Logg inn på https://frikortportalen.test for å lese den. Dette er en automatisk melding som ikke kan besvares.",
    });
    expect(noticeMessage("nn", PUBLIC_URL).text).toContain("Du har ei ny melding i Frikortportalen");
    expect(noticeMessage("en", PUBLIC_URL).text).toContain("You have a new message in Frikortportalen");
    expect(noticeMessage("xx", PUBLIC_URL)).toEqual(noticeMessage("nb", PUBLIC_URL));
    // to a parent, for a child's message: which child, and what about, is not said
    expect(noticeMessage("nb", PUBLIC_URL, true).text).toBe(
      "Det har kommet en ny melding i Frikortportalen til et barn du har foreldreansvar for. Logg inn på https://frikortportalen.test og velg å bruke portalen for barnet for å lese den. Dette er en automatisk melding som ikke kan besvares.",
    );
  });
});

describe("the e-mail channel against a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it("delivers the notice to the address, from the configured sender", async () => {
    await smtpSender(smtp.url, "Frikortportalen <ikke-svar@frikortportalen.test>").send("kari@example.test", noticeMessage("en", PUBLIC_URL));
    const mail = smtp.mails.at(-1)!;
    expect(mail.from).toBe("ikke-svar@frikortportalen.test");
    expect(mail.to).toEqual(["kari@example.test"]);
    expect(mail.raw).toMatch(/^Subject: New message in Frikortportalen\r$/m);
    expect(bodyOf(mail.raw)).toBe(noticeMessage("en", PUBLIC_URL).text);
  });

  it("fails when the server refuses the recipient (so the job retries), and when no server answers", async () => {
    await expect(smtpSender(smtp.url, "x@frikortportalen.test").send("nobody@refused.test", noticeMessage("nb", PUBLIC_URL))).rejects.toThrow();
    const closed = await freePort();
    await expect(
      smtpSender(`smtp://127.0.0.1:${closed}`, "x@frikortportalen.test", { timeoutMs: 2000 }).send("kari@example.test", noticeMessage("nb", PUBLIC_URL)),
    ).rejects.toThrow();
  });
});

describe("the SMS channel against a local provider", () => {
  it("posts the number and the text as JSON with the token, and fails on anything but 2xx", async () => {
    const sms = await startSms([503]);
    try {
      const sender = httpSmsSender(sms.url, "secret-token");
      await expect(sender.send("+4791234567", noticeMessage("nb", PUBLIC_URL))).rejects.toThrow(/503/);
      await sender.send("+4791234567", noticeMessage("nb", PUBLIC_URL));
      expect(sms.received).toHaveLength(2);
      expect(sms.received[1]).toEqual({ auth: "Bearer secret-token", body: { to: "+4791234567", text: noticeMessage("nb", PUBLIC_URL).text } });
    } finally {
      await sms.stop();
    }
  });
});

describe("the demo's channels (no SMTP URL, no SMS endpoint)", () => {
  it("log that a notice was sent, without the address or the text", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    try {
      const senders = sendersFromConfig({ smtpUrl: null, emailFrom: "x@frikortportalen.test", smsUrl: null, smsToken: null, publicUrl: PUBLIC_URL });
      await senders.email.send("kari@example.test", noticeMessage("nb", PUBLIC_URL));
      await senders.sms.send("+4791234567", noticeMessage("nb", PUBLIC_URL));
    } finally {
      spy.mockRestore();
    }
    const out = lines.join("");
    expect(out.match(/"msg":"notice sent"/g)).toHaveLength(2);
    expect(out).not.toMatch(/kari@|91234567|ny melding/i);
  });
});

describe("the notice job", () => {
  let database: Database;
  let url: string | null;
  let cleanup: () => Promise<void>;
  let runner: JobRunner | null = null;
  beforeAll(async () => {
    ({ database, url, cleanup } = await openTestDatabase());
  });
  afterEach(async () => {
    await runner?.stop({ graceful: false });
    runner = null;
  });
  afterAll(async () => {
    await cleanup?.();
  });

  async function startRunner(config: NoticeConfig) {
    runner = new JobRunner({
      connectionString: url ?? undefined,
      pollingIntervalSeconds: 0.5,
      sweepAfterSeconds: 0,
      stopTimeoutMs: 2000,
      notices: config,
      noticeJobs: { retryDelaySeconds: 1, retryLimit: 3, pollingIntervalSeconds: 0.5 },
    });
    await runner.start(database);
  }

  it("sends e-mail and SMS as the resident chose, retries a failed SMS, and never names the message", async () => {
    const smtp = await startSmtp();
    const sms = await startSms([500]); // the provider fails the first attempt
    try {
      await startRunner({ smtpUrl: smtp.url, emailFrom: "ikke-svar@frikortportalen.test", smsUrl: sms.url, smsToken: null, publicUrl: PUBLIC_URL });
      const p = await insertPerson(database, { birthDate: "1971-05-12", individ: 412, name: "Varsel Mottaker", rows: [] });
      await saveNoticeSettings(database.db, p.id, { emailOn: true, smsOn: true, email: "varsel@example.test", phone: "+4791234567", lang: "nn" });
      await notify(database.db, p.id, "case-status", { reference: "FK-2026-000123", kind: "missing", status: "received" }, "test:1");
      await waitFor(() => smtp.mails.length === 1 && sms.received.length === 2);
      expect(smtp.mails[0]!.to).toEqual(["varsel@example.test"]);
      expect(bodyOf(smtp.mails[0]!.raw)).toBe(noticeMessage("nn", PUBLIC_URL).text);
      expect(sms.received.map((s) => s.body)).toEqual([
        { to: "+4791234567", text: noticeMessage("nn", PUBLIC_URL).text },
        { to: "+4791234567", text: noticeMessage("nn", PUBLIC_URL).text },
      ]);
      expect(smtp.mails[0]!.raw + JSON.stringify(sms.received)).not.toContain("FK-2026-000123");
    } finally {
      await smtp.stop();
      await sms.stop();
    }
  });

  it("sends a burst of notices (one register batch's frikort grants) within a few polling intervals, not one a second", async () => {
    const smtp = await startSmtp();
    try {
      runner = new JobRunner({
        connectionString: url ?? undefined,
        pollingIntervalSeconds: 1,
        sweepAfterSeconds: 0,
        stopTimeoutMs: 2000,
        notices: { smtpUrl: smtp.url, emailFrom: "x@frikortportalen.test", smsUrl: null, smsToken: null, publicUrl: PUBLIC_URL },
        noticeJobs: { pollingIntervalSeconds: 1 },
      });
      await runner.start(database);
      const people: string[] = [];
      for (let individ = 500; people.length < 40; individ++) {
        const i = people.length;
        const p = await insertPerson(database, { birthDate: "1960-03-01", individ, name: `Mange ${i}`, rows: [] }).catch(() => null); // not every individnummer has valid control digits
        if (!p) continue;
        await saveNoticeSettings(database.db, p.id, { emailOn: true, smsOn: false, email: `mange${i}@example.test`, phone: null, lang: "nb" });
        people.push(p.id);
      }
      const t0 = Date.now();
      for (const id of people) sendNotice(id, "frikort-granted"); // as the register does after a batch, without waiting
      // 40 fan-out jobs and 40 e-mail jobs: a worker taking one job a second would need 80 s
      await waitFor(() => smtp.mails.length === 40, 15_000);
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect(new Set(smtp.mails.map((m) => m.to[0])).size).toBe(40);
    } finally {
      await smtp.stop();
    }
  });

  it("fetches again at once after a full batch instead of waiting its polling interval, so a backlog drains", async () => {
    const smtp = await startSmtp();
    const notices = { smtpUrl: smtp.url, emailFrom: "x@frikortportalen.test", smsUrl: null, smsToken: null, publicUrl: PUBLIC_URL };
    try {
      const people: string[] = [];
      for (let individ = 100; people.length < 60 && individ < 500; individ++) {
        const i = people.length;
        const p = await insertPerson(database, { birthDate: "1957-09-09", individ, name: `Kø ${i}`, rows: [] }).catch(() => null); // not every individnummer has valid control digits
        if (!p) continue;
        await saveNoticeSettings(database.db, p.id, { emailOn: true, smsOn: false, email: `ko${i}@example.test`, phone: null, lang: "nb" });
        people.push(p.id);
      }
      // a backlog: 60 fan-out jobs queued by a process that only sends jobs
      runner = new JobRunner({ connectionString: url ?? undefined, work: false, sweepAfterSeconds: 0, stopTimeoutMs: 2000, notices });
      await runner.start(database);
      for (const id of people) sendNotice(id, "frikort-granted");
      await new Promise((r) => setTimeout(r, 1_000)); // the queued notices' insert (one per event-loop turn)
      await runner.stop({ graceful: true });
      // a worker that polls every 30 s: its first fetch is at once; 60 fan-out jobs and their 60 e-mail jobs are five
      // batches, so a worker that waited its interval after each full batch would need two minutes
      runner = new JobRunner({
        connectionString: url ?? undefined,
        pollingIntervalSeconds: 30,
        sweepAfterSeconds: 0,
        stopTimeoutMs: 2000,
        notices,
        noticeJobs: { pollingIntervalSeconds: 30 },
      });
      await runner.start(database);
      await waitFor(() => smtp.mails.length === 60, 25_000);
      expect(new Set(smtp.mails.map((m) => m.to[0])).size).toBe(60);
    } finally {
      await smtp.stop();
    }
  });

  it("sends nothing to a resident who turned notices off (or never chose any)", async () => {
    const smtp = await startSmtp();
    try {
      await startRunner({ smtpUrl: smtp.url, emailFrom: "x@frikortportalen.test", smsUrl: null, smsToken: null, publicUrl: PUBLIC_URL });
      const off = await insertPerson(database, { birthDate: "1988-11-30", individ: 123, name: "Ingen Varsel", rows: [] });
      await saveNoticeSettings(database.db, off.id, { emailOn: false, smsOn: false, email: "off@example.test", phone: null, lang: "nb" });
      const on = await insertPerson(database, { birthDate: "1975-02-14", individ: 222, name: "Med Varsel", rows: [] });
      await saveNoticeSettings(database.db, on.id, { emailOn: true, smsOn: false, email: "on@example.test", phone: null, lang: "nb" });
      await notify(database.db, off.id, "payout-paid", { year: 2025 }, "test:off");
      await notify(database.db, on.id, "payout-paid", { year: 2025 }, "test:on");
      await waitFor(() => smtp.mails.length >= 1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.mails.map((m) => m.to)).toEqual([["on@example.test"]]);
    } finally {
      await smtp.stop();
    }
  });

  it("tells the parents who act for a child under 16 by their own choices, without naming the child or the message", async () => {
    const smtp = await startSmtp();
    const sms = await startSms();
    try {
      await startRunner({ smtpUrl: smtp.url, emailFrom: "x@frikortportalen.test", smsUrl: sms.url, smsToken: null, publicUrl: PUBLIC_URL });
      const mother = await insertPerson(database, { birthDate: "1982-06-01", individ: 412, name: "Mor Varselsen", rows: [] });
      const father = await insertPerson(database, { birthDate: "1981-03-09", individ: 313, name: "Far Varselsen", rows: [] });
      const child = await insertPerson(database, { birthDate: "2016-09-14", individ: 512, name: "Lille Varselsen", rows: [] });
      // 16 or older: the parent no longer acts for them, so gets nothing for their messages
      const grown = await insertPerson(database, { birthDate: "2008-01-20", individ: 512, name: "Store Varselsen", rows: [] });
      await addParentalResponsibility(database.db, mother.id, child.id);
      await addParentalResponsibility(database.db, father.id, child.id);
      await addParentalResponsibility(database.db, mother.id, grown.id);
      await saveNoticeSettings(database.db, mother.id, { emailOn: true, smsOn: false, email: "mor@example.test", phone: null, lang: "en" });
      await saveNoticeSettings(database.db, father.id, { emailOn: false, smsOn: true, email: null, phone: "+4790000001", lang: "nb" });
      // the child chose nothing (the default): the notice goes to the parents only
      await notify(database.db, child.id, "case-status", { reference: "FK-2026-CHILD1", kind: "missing", status: "received" }, "test:child");
      await notify(database.db, grown.id, "case-status", { reference: "FK-2026-GROWN1", kind: "missing", status: "received" }, "test:grown");
      await waitFor(() => smtp.mails.length >= 1 && sms.received.length >= 1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.mails.map((m) => m.to)).toEqual([["mor@example.test"]]);
      expect(bodyOf(smtp.mails[0]!.raw)).toBe(noticeMessage("en", PUBLIC_URL, true).text);
      expect(bodyOf(smtp.mails[0]!.raw)).toContain("for a child you have parental responsibility for");
      expect(sms.received.map((r) => r.body)).toEqual([{ to: "+4790000001", text: noticeMessage("nb", PUBLIC_URL, true).text }]);
      const sent = smtp.mails[0]!.raw + JSON.stringify(sms.received);
      for (const secret of ["Lille", "Varselsen", "FK-2026", child.fnr, "2016"]) expect(sent).not.toContain(secret);
    } finally {
      await smtp.stop();
      await sms.stop();
    }
  });

  it("writes the inbox message even when the notice cannot be queued", async () => {
    registerNoticeQueue({ enqueue: () => Promise.reject(new Error("queue down")) });
    try {
      const p = await insertPerson(database, { birthDate: "1980-01-15", individ: 312, name: "Uten Kø", rows: [] });
      await expect(notify(database.db, p.id, "payout-paid", { year: 2025 }, "test:down")).resolves.toBeUndefined();
      expect(await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, p.id))).toHaveLength(1);
    } finally {
      registerNoticeQueue(null);
    }
  });
});
