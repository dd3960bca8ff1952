/**
 * Test hook: throws an unexpected error so the browser tests can check the error page and its
 * error id. Only exists when FRIKORT_TEST_HOOKS=1 (set by the e2e harness); otherwise a plain 404.
 */
import { setting } from "~/config.server";
export async function loader() {
  if (setting("FRIKORT_TEST_HOOKS") !== "1") throw new Response("Not Found", { status: 404 });
  throw new Error("deliberate test failure");
}

export default function TestHook() {
  return null;
}
