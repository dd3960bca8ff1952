// Boots the preparation helper thread (prep-helper.ts) with TypeScript support: worker threads do not inherit tsx's loader on
// Node 20, so it is registered here before the TypeScript entry is imported.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
