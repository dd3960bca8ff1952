// The npm registry reachable from these machines serves only the linux-x64 builds of packages
// that ship one package per platform (rollup, tailwind's oxide, …). `npm install` then leaves the
// other platforms' optional packages out of package-lock.json, and `npm ci` refuses the lock as
// "Missing: …@ from lock file". This adds each missing optional package as a platform-guarded
// entry (os/cpu/libc read from its name), which npm ci skips on this platform as it should.
// Run after every `npm install`: `npm run lock:complete`. See docs/decisions/0003-lockfile.md.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const present = new Set(Object.keys(packages).map((k) => k.replace(/^.*node_modules\//, "")));
const OSES = ["android", "darwin", "freebsd", "win32", "linux", "openbsd", "openharmony", "sunos", "aix", "netbsd"];
const CPUS = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "mips64el", "wasm32"];

let added = 0;
for (const [, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    if (present.has(name)) continue;
    const base = name.split("/").pop();
    const os = OSES.find((o) => base.split("-").includes(o));
    const cpu = CPUS.find((c) => new RegExp(`(^|-)${c}($|-|eabi)`).test(base));
    if (!os && !cpu) continue; // not a per-platform binary: leave it for npm to resolve
    const entry = { version: range.replace(/^[\^~=]/, ""), optional: true };
    if (meta.dev) entry.dev = true;
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (base.includes("musl")) entry.libc = ["musl"];
    packages[`node_modules/${name}`] = entry;
    present.add(name);
    added++;
  }
}
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
console.log(`complete-lockfile: added ${added} platform-guarded entries`);
if (process.argv.includes("--check")) {
  execFileSync("npm", ["ci", "--dry-run", "--no-audit", "--no-fund"], { stdio: "inherit" });
}
