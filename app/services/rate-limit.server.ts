/**
 * Rate limits (docs/decisions/0012-rate-limits.md): rate-limiter-flexible's Drizzle store on our
 * own database (PGlite or PostgreSQL), so a limit holds across every web process on one database;
 * its in-memory limiter insures against a database hiccup, and a key over its limit is answered
 * from memory for the rest of its window.
 *
 * High limits (an API key's thousands of calls a second) are counted in chunks: a process takes
 * `chunk` points from the shared count at once and spends them locally, so the hot API path costs
 * one database write per chunk instead of one per request. Small limits (logins) take one point
 * per request. Keys (IP addresses, person ids, API key ids) are stored only as SHA-256 hashes.
 */
import { createHash } from "node:crypto";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitConfig, RateLimitName } from "~/config.server";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/client.server";
import { rateLimits as rateLimitsTable } from "~/db/schema";

export type { RateLimitName };

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimits {
  /** Counts `points` against `key` under the named limit. */
  consume(name: RateLimitName, key: string, points?: number): Promise<LimitOutcome>;
}

const ALLOW: LimitOutcome = { allowed: true };

interface Lease {
  remaining: number;
  until: number;
}

/** How many points a process takes from the shared count at once: 1 for small limits, ~1 % for large ones. */
export function chunkFor(points: number): number {
  return points >= 10_000 ? Math.floor(points / 100) : 1;
}

const hashKey = (name: string, key: string) => createHash("sha256").update(`${name}\0${key}`).digest("base64url").slice(0, 32);

export function createRateLimits(database: Database, config: RateLimitConfig, now: () => number = Date.now): RateLimits {
  if (!config.enabled) return { consume: async () => ALLOW };
  const limiters = new Map<RateLimitName, RateLimiterDrizzle>();
  const leases = new Map<string, Lease>();
  const limiterFor = (name: RateLimitName) => {
    let l = limiters.get(name);
    if (!l) {
      const { points, seconds } = config.limits[name];
      l = new RateLimiterDrizzle({
        storeClient: database.db,
        schema: rateLimitsTable,
        keyPrefix: name,
        points,
        duration: seconds,
        // Over the limit: answer from memory until the window ends, without asking the database.
        inMemoryBlockOnConsumed: points + 1,
        // The database failing must not take logins or the API with it: count in memory meanwhile.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: seconds }),
        clearExpiredByTimeout: false,
      });
      limiters.set(name, l);
    }
    return l;
  };

  // One refill of a lease at a time per key: without it, every request that finds the lease empty
  // at the same moment takes a whole chunk, and 50 concurrent clients use up 50 chunks at once.
  const refills = new Map<string, Promise<LimitOutcome | null>>();
  const refuse = (err: unknown): LimitOutcome => {
    if (!(err instanceof RateLimiterRes)) throw err;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
  };

  return {
    async consume(name, key, points = 1) {
      const spec = config.limits[name];
      const id = hashKey(name, key);
      const chunk = chunkFor(spec.points);
      const leaseKey = `${name}:${id}`;
      if (chunk > 1 && points <= chunk) {
        for (let attempt = 0; attempt < 4; attempt++) {
          const lease = leases.get(leaseKey);
          if (lease && lease.until > now() && lease.remaining >= points) {
            lease.remaining -= points;
            return ALLOW;
          }
          let refill = refills.get(leaseKey);
          if (!refill) {
            refill = (async () => {
              try {
                const res = await limiterFor(name).consume(id, chunk);
                if (leases.size > 10_000) leases.clear();
                leases.set(leaseKey, { remaining: chunk, until: now() + res.msBeforeNext });
                return null;
              } catch (err) {
                leases.delete(leaseKey);
                return refuse(err);
              } finally {
                refills.delete(leaseKey);
              }
            })();
            refills.set(leaseKey, refill);
          }
          const refused = await refill;
          if (refused) return refused;
        }
      }
      try {
        await limiterFor(name).consume(id, points);
        return ALLOW;
      } catch (err) {
        return refuse(err);
      }
    },
  };
}

/** Removes windows that ended more than an hour ago (run now and then; the table stays small). */
export async function sweepRateLimits(database: Database): Promise<void> {
  await database.query("delete from rate_limits where expire < now() - interval '1 hour'");
}

/**
 * For a resident's page: over the limit, a 429 with Retry-After; the root ErrorBoundary shows it,
 * translated, from the body (the seconds to wait).
 */
export async function enforceLimit(ctx: AppContext, name: RateLimitName, key: string, points = 1): Promise<void> {
  const r = await ctx.rateLimits?.consume(name, key, points);
  if (r && !r.allowed) {
    throw new Response(String(r.retryAfterSeconds), {
      status: 429,
      headers: { "Retry-After": String(r.retryAfterSeconds), "Cache-Control": "no-store", "Content-Type": "text/plain" },
    });
  }
}
