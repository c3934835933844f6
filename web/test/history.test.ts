import { describe, expect, it } from "vitest";
import { changedFields } from "../src/history";

describe("what a version changed", () => {
  it("lists the fields whose values differ, not the bookkeeping every version moves", () => {
    const before = { id: "bts-1", version: 3, health: "up", power: "grid", causes: [], updatedAt: "a", updatedBy: "x", lastReportAt: "a" };
    const after = { id: "bts-1", version: 4, health: "down", power: "grid", causes: ["power"], batteryMinutes: 30, updatedAt: "b", updatedBy: "y", lastReportAt: "b" };
    expect(changedFields(before, after)).toEqual([
      { name: "health", was: "up", now: "down" },
      { name: "causes", was: [], now: ["power"] },
      { name: "batteryMinutes", was: null, now: 30 },
    ]);
  });

  it("lists nothing for a first version, which has no state before it", () => {
    expect(changedFields(null, { id: "z", status: "active" })).toEqual([]);
  });
});
