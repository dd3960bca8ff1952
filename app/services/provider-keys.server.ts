/** Provider organisations' API keys: created and revoked from the CLI (scripts/provider-keys.ts). */
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { providerApiKeys, providers } from "~/db/schema";
import { orgnrOf, validateOrgnr } from "~/kernel/orgnr";
import type { Orgnr } from "~/kernel/types";
import { ALL_SCOPES, hashKey, type Scope } from "~/utils/api.server";

export const DEV_PROVIDER = { orgnr: orgnrOf("123456785"), name: "Demo legesenter AS", key: "dev-provider-key" } as const;

export async function createProviderKey(
  db: Db,
  opts: { orgnr: Orgnr; providerName: string; label: string; scopes?: Scope[]; key?: string },
): Promise<{ key: string; prefix: string }> {
  if (!validateOrgnr(opts.orgnr).valid) throw new Error("organisasjonsnummer is not valid (mod 11)");
  const scopes = opts.scopes ?? ALL_SCOPES;
  for (const s of scopes) if (!ALL_SCOPES.includes(s)) throw new Error(`unknown scope ${s}`);
  const key = opts.key ?? `fpk_${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, KEY_PREFIX_LENGTH);
  await db.insert(providers).values({ orgnr: opts.orgnr, name: opts.providerName }).onConflictDoNothing();
  await db.insert(providerApiKeys).values({ orgnr: opts.orgnr, keyHash: hashKey(key), keyPrefix: prefix, label: opts.label, scopes });
  return { key, prefix };
}

/** How many characters of a key are stored (and listed) to tell keys apart. */
export const KEY_PREFIX_LENGTH = 12;

export class KeyPrefixError extends Error {}

/**
 * Revokes the one active key whose stored prefix is exactly `prefix` (as `keys list` prints it).
 * The prefix is compared for equality, never as a LIKE pattern, so `_` and `%` are ordinary
 * characters; a prefix shorter than the stored one is refused rather than widened to every key
 * it starts. Returns the keys revoked (none when no active key has that prefix).
 */
export async function revokeProviderKey(db: Db, prefix: string): Promise<Array<{ prefix: string; orgnr: string; label: string }>> {
  if (prefix.length !== KEY_PREFIX_LENGTH) {
    throw new KeyPrefixError(`give the whole key prefix as \`keys list\` prints it (${KEY_PREFIX_LENGTH} characters, e.g. fpk_AbCdEfGh); got ${prefix.length} character(s)`);
  }
  return db.transaction(async (tx) => {
    const active = await tx
      .select({ id: providerApiKeys.id })
      .from(providerApiKeys)
      .where(and(eq(providerApiKeys.keyPrefix, prefix), isNull(providerApiKeys.revokedAt)));
    // 48 random bits make two keys with one prefix very unlikely; if it happens, revoke neither by guess.
    if (active.length > 1) throw new KeyPrefixError(`${active.length} active keys share the prefix ${prefix}; none was revoked`);
    return tx
      .update(providerApiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(providerApiKeys.keyPrefix, prefix), isNull(providerApiKeys.revokedAt)))
      .returning({ prefix: providerApiKeys.keyPrefix, orgnr: providerApiKeys.orgnr, label: providerApiKeys.label });
  });
}

export async function listProviderKeys(db: Db, orgnr?: Orgnr) {
  const q = db
    .select({
      orgnr: providerApiKeys.orgnr,
      prefix: providerApiKeys.keyPrefix,
      label: providerApiKeys.label,
      scopes: providerApiKeys.scopes,
      createdAt: providerApiKeys.createdAt,
      revokedAt: providerApiKeys.revokedAt,
    })
    .from(providerApiKeys);
  return orgnr ? q.where(eq(providerApiKeys.orgnr, orgnr)) : q;
}

/** The embedded default's well-known development key (never created with DATABASE_URL unless asked). */
export async function ensureDevProviderKey(db: Db) {
  const [existing] = await db
    .select({ id: providerApiKeys.id, scopes: providerApiKeys.scopes })
    .from(providerApiKeys)
    .where(eq(providerApiKeys.keyHash, hashKey(DEV_PROVIDER.key)));
  if (existing) {
    // A demo database from before a scope was added (regninger:write) gets it too.
    if (ALL_SCOPES.some((s) => !existing.scopes.includes(s))) await db.update(providerApiKeys).set({ scopes: ALL_SCOPES }).where(eq(providerApiKeys.id, existing.id));
    return;
  }
  await createProviderKey(db, { orgnr: DEV_PROVIDER.orgnr, providerName: DEV_PROVIDER.name, label: "development key (embedded default)", key: DEV_PROVIDER.key });
}
