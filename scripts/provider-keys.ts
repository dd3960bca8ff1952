/**
 * Manage provider API keys.
 *   npm run -s keys -- create --orgnr 974760673 --name "Storgata legesenter" [--label "EPJ prod"] [--scopes egenandeler:write,frikort:read]
 *   npm run -s keys -- revoke --prefix fpk_AbCdEfGh
 *   npm run -s keys -- list [--orgnr 974760673]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: PGlite is single-process).
 * The key is printed once and stored only as a SHA-256 hash.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { parseOrgnr } from "../app/kernel/orgnr";
import { createProviderKey, listProviderKeys, revokeProviderKey } from "../app/services/provider-keys.server";
import type { Scope } from "../app/utils/api.server";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { orgnr: { type: "string" }, name: { type: "string" }, label: { type: "string" }, scopes: { type: "string" }, prefix: { type: "string" } },
});
const config = loadConfig();
const database = await openDatabase(config.database.kind === "pglite" ? { kind: "pglite", dataDir: config.database.dataDir } : config.database);
try {
  if (command === "create") {
    if (!values.orgnr || !values.name) throw new Error("create needs --orgnr and --name");
    const orgnr = parseOrgnr(values.orgnr);
    if (!orgnr) throw new Error("organisasjonsnummer is not valid (mod 11)");
    const { key, prefix } = await createProviderKey(database.db, {
      orgnr,
      providerName: values.name,
      label: values.label ?? "API key",
      scopes: values.scopes ? (values.scopes.split(",") as Scope[]) : undefined,
    });
    console.log(`key ${key}\nprefix ${prefix}\nStore the key now: it is not shown again.`);
  } else if (command === "revoke") {
    if (!values.prefix) throw new Error("revoke needs --prefix");
    const revoked = await revokeProviderKey(database.db, values.prefix);
    console.log(`revoked ${revoked.length} key(s)`);
    for (const k of revoked) console.log(`${k.orgnr}  ${k.prefix}  ${k.label}`);
    if (revoked.length === 0) {
      console.error(`no active key has the prefix ${values.prefix} (see \`keys list\`)`);
      process.exitCode = 1;
    } else {
      console.log("Running web processes stop accepting it within 10 seconds (their key cache).");
    }
  } else if (command === "list") {
    const only = values.orgnr === undefined ? undefined : parseOrgnr(values.orgnr);
    if (only === null) throw new Error("organisasjonsnummer is not valid (mod 11)");
    for (const k of await listProviderKeys(database.db, only)) {
      console.log(`${k.orgnr}  ${k.prefix}  ${k.scopes.join(",")}  ${k.label}  ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active"}`);
    }
  } else {
    console.error("usage: keys create|revoke|list (see scripts/provider-keys.ts)");
    process.exitCode = 2;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await database.close();
}
