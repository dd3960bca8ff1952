/**
 * Rate limits hold across web processes: two limiter instances (as two processes would have) on
 * one database share each key's count, small limits exactly, large ones in chunks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimitConfig } from "~/config.server";
import type { Database } from "~/db/client.server";
import { chunkFor, createRateLimits } from "~/services/rate-limit.server";
import { openTestDatabase } from "../support/db";

let database: Database;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

const config = (over: Partial<RateLimitConfig["limits"]>): RateLimitConfig => ({
  enabled: true,
  proxyHops: 0,
  limits: {
    login: { points: 5, seconds: 2 },
    idp: { points: 100, seconds: 60 },
    upload: { points: 3, seconds: 60 },
    statusLookup: { points: 20_000, seconds: 60 },
    proofCheck: { points: 10, seconds: 60 },
    apiKey: { points: 600_000, seconds: 60 },
    ...over,
  },
});

describe(`rate limits on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("two processes on one database share a login limit: the sixth attempt from one address is refused, with the seconds to wait", async () => {
    const a = createRateLimits(database, config({}));
    const b = createRateLimits(database, config({}));
    const outcomes = [];
    for (let i = 0; i < 7; i++) outcomes.push(await (i % 2 ? b : a).consume("login", "203.0.113.7"));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, true, true, false, false]);
    const refused = outcomes[5]!;
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(2);
    // Another address is not affected; the first may try again once the window has passed.
    expect((await a.consume("login", "203.0.113.8")).allowed).toBe(true);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await b.consume("login", "203.0.113.7")).allowed).toBe(true);
  });

  it("counts a large per-key limit in chunks across processes, without going over it", async () => {
    const a = createRateLimits(database, config({}));
    const b = createRateLimits(database, config({}));
    expect(chunkFor(20_000)).toBe(200);
    let allowed = 0;
    let refused = 0;
    for (let i = 0; i < 21_000; i++) {
      const o = await (i % 2 ? b : a).consume("statusLookup", "key-1");
      if (o.allowed) allowed++;
      else refused++;
    }
    expect(allowed).toBeLessThanOrEqual(20_000);
    expect(allowed).toBeGreaterThanOrEqual(20_000 - 2 * 200);
    expect(refused).toBe(21_000 - allowed);
    const rows = await database.query<{ n: number }>("select count(*)::int as n from rate_limits");
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it("concurrent requests that find the chunk used up take one new chunk, not one each", async () => {
    // 50 clients at once (the benchmark's status lookups): before, each took a chunk of 200 and
    // the 20 000 were gone after ~100 rounds of requests.
    const a = createRateLimits(database, config({}));
    const used = async () => (await database.query<{ n: number }>("select coalesce(sum(points), 0)::int as n from rate_limits where key like 'statusLookup%'"))[0]!.n;
    const before = await used();
    let allowed = 0;
    for (let round = 0; round < 40; round++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => a.consume("statusLookup", "key-burst")));
      allowed += answers.filter((o) => o.allowed).length;
    }
    expect(allowed).toBe(2_000);
    expect((await used()) - before).toBeLessThanOrEqual(2_000 + 200);
  });

  it("a batch counts each of its requests", async () => {
    const a = createRateLimits(database, config({ statusLookup: { points: 1_000, seconds: 60 } }));
    expect((await a.consume("statusLookup", "key-2", 600)).allowed).toBe(true);
    expect((await a.consume("statusLookup", "key-2", 600)).allowed).toBe(false);
  });

  it("stores no address or id in the clear", async () => {
    const rows = await database.query<{ key: string }>("select key from rate_limits");
    expect(rows.some((r) => r.key.includes("203.0.113") || r.key.includes("key-1"))).toBe(false);
  });

  it("RATE_LIMITS=off lets everything through", async () => {
    const off = createRateLimits(database, { ...config({}), enabled: false });
    for (let i = 0; i < 10; i++) expect((await off.consume("upload", "p")).allowed).toBe(true);
  });
});
