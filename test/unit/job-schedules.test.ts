/** When the daily jobs run: a cron from the environment, "off", or the production default (off elsewhere). */
import { describe, expect, it } from "vitest";
import { ratesImportSchedule, riskRecomputeSchedule, setOffSchedule } from "~/config.server";

const env = (vars: Record<string, string>) => ({ ...vars }) as NodeJS.ProcessEnv;

describe("job schedules", () => {
  it("run at their production times in production and not at all elsewhere", () => {
    expect([ratesImportSchedule, riskRecomputeSchedule, setOffSchedule].map((f) => f(env({ NODE_ENV: "production" })))).toEqual(["15 17 * * *", "30 2 * * *", "0 6 * * *"]);
    expect([ratesImportSchedule, riskRecomputeSchedule, setOffSchedule].map((f) => f(env({ NODE_ENV: "development" })))).toEqual([null, null, null]);
  });

  it("take a cron from the environment, or 'off' even in production", () => {
    expect(setOffSchedule(env({ NODE_ENV: "development", SET_OFF_SCHEDULE: " 30 7 * * 1-5 " }))).toBe("30 7 * * 1-5");
    expect(setOffSchedule(env({ NODE_ENV: "production", SET_OFF_SCHEDULE: "off" }))).toBeNull();
    expect(riskRecomputeSchedule(env({ NODE_ENV: "production", RISK_RECOMPUTE_SCHEDULE: "off" }))).toBeNull();
  });

  it("refuse what is not five fields, naming the setting and an example", () => {
    expect(() => setOffSchedule(env({ SET_OFF_SCHEDULE: "daily" }))).toThrow(/SET_OFF_SCHEDULE: a cron expression of five fields, e\.g\. "0 6 \* \* \*", or "off"/);
    expect(() => ratesImportSchedule(env({ RATES_IMPORT_SCHEDULE: "15 17 * *" }))).toThrow(/RATES_IMPORT_SCHEDULE/);
  });
});
