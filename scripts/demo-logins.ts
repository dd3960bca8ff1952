// Prints the demo residents' fødselsnumre (synthetic) and who they are, for logging in locally.
import { demoLoginList, generateDemoResidents } from "../app/db/demo-data";
import { todayOslo } from "../app/utils/clock.server";

const residents = generateDemoResidents({ today: todayOslo() });
const rows = process.argv.includes("--all") ? residents : demoLoginList(residents);
for (const r of rows) console.log(`${r.fnr}  ${r.name.padEnd(24)} ${r.note}`);
