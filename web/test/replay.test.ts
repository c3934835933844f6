import { describe, expect, it } from "vitest";
import { advance, momentOf, positionOf, ReplayState } from "../src/replay";
import { SituationStore, type Snapshot } from "../src/store";

const empty = { type: "FeatureCollection" as const, features: [] };

/** A picture with one flag, so which picture the store holds can be told. */
function picture(flagId: string): Snapshot {
  return {
    districts: empty, zones: empty, checkpoints: empty, sites: empty, offices: empty, routes: empty,
    flags: [{ id: flagId, version: 1, kind: "power_critical", subject: { type: "site", id: "bts-1" }, districtId: "622", severity: "critical",
      since: "2021-02-02T00:00:00Z", detail: {}, related: [], acks: [] }],
  };
}

/** A fetch the test answers by hand, in any order. */
function pendingFetches() {
  const calls: Array<{ at: Date; answer: (p: Snapshot) => void }> = [];
  const fetch = (at: Date) => new Promise<Snapshot>((answer) => calls.push({ at, answer }));
  return { calls, fetch };
}

describe("replay's moments", () => {
  it("plays at its speed and never past the present", () => {
    expect(advance(0, 600, 1_000, 10_000_000)).toBe(600_000);
    expect(advance(9_900_000, 3600, 1_000, 10_000_000)).toBe(10_000_000);
  });

  it("maps a slider position to a moment of the period that ends now, and back", () => {
    const now = Date.UTC(2021, 1, 2, 12);
    const day = 24 * 3600;
    expect(momentOf(day, day, now)).toBe(now);
    expect(momentOf(0, day, now)).toBe(now - 24 * 3_600_000);
    expect(positionOf(now - 90 * 60_000, day, now)).toBe(day - 5400);
    expect(positionOf(now - 40 * 24 * 3_600_000, day, now)).toBe(0);
  });
});

describe("ReplayState", () => {
  const now = Date.UTC(2021, 1, 2, 12);

  it("pauses the live changes, shows the moment's picture, and goes back to live", async () => {
    const store = new SituationStore();
    store.applySnapshot(picture("live"));
    const live = { paused: 0, resumed: 0, pause() { this.paused++; }, async resume() { this.resumed++; } };
    const { calls, fetch } = pendingFetches();
    const replay = new ReplayState(store, live, fetch, () => now);

    const shown = replay.show(now - 3_600_000);
    expect(live.paused).toBe(1);
    expect(replay.replaying).toBe(true);
    expect(replay.shown).toBeNull();
    calls[0].answer(picture("past"));
    await shown;
    expect(calls[0].at.getTime()).toBe(now - 3_600_000);
    expect(replay.shown).toBe(now - 3_600_000);
    expect(store.get("flag", "past")).toBeDefined();
    expect(store.get("flag", "live")).toBeUndefined();

    await replay.backToLive();
    expect(live.resumed).toBe(1);
    expect(replay.replaying).toBe(false);
    expect(replay.shown).toBeNull();
  });

  it("keeps only the newest moment asked for when pictures arrive out of order", async () => {
    const store = new SituationStore();
    const live = { pause() {}, async resume() {} };
    const { calls, fetch } = pendingFetches();
    const replay = new ReplayState(store, live, fetch, () => now);

    const first = replay.show(now - 7_200_000);
    const second = replay.show(now - 3_600_000);
    calls[1].answer(picture("newer"));
    await second;
    calls[0].answer(picture("older"));
    await first;
    expect(replay.shown).toBe(now - 3_600_000);
    expect(store.get("flag", "newer")).toBeDefined();
    expect(store.get("flag", "older")).toBeUndefined();
  });

  it("never asks for a moment still to come", async () => {
    const store = new SituationStore();
    const { calls, fetch } = pendingFetches();
    const replay = new ReplayState(store, { pause() {}, async resume() {} }, fetch, () => now);
    const shown = replay.show(now + 60_000);
    calls[0].answer(picture("present"));
    await shown;
    expect(calls[0].at.getTime()).toBeLessThan(now);
  });
});
