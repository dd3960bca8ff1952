// Boots the render process (isolated.ts) with TypeScript support: tsx's loader is registered before the TypeScript entry
// (argv[2]) is imported, whatever flags the parent was started with.
import { register } from "tsx/esm/api";

register();
await import(process.argv[2]);
