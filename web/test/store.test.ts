import { describe, expect, it } from "vitest";
import { SituationStore, type Snapshot } from "../src/store";

const point = (lon: number, lat: number) => ({ type: "Point", coordinates: [lon, lat] });
const empty = { type: "FeatureCollection" as const, features: [] };

function snapshot(sites: Array<[string, number, string]>, flags: Array<[string, number]> = []): Snapshot {
  return {
    districts: empty, zones: empty, checkpoints: empty, offices: empty, routes: empty,
    sites: {
      type: "FeatureCollection",
      features: sites.map(([id, version, health]) => ({ id, geometry: point(108, 14), properties: { id, version, health } })),
    },
    flags: flags.map(([id, version]) => ({ id, version, kind: "power_critical" })),
  };
}

describe("SituationStore", () => {
  it("takes the snapshot with each entity's geometry under its own field", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"]], [["power_critical.site.bts-1", 1700000000000]]));

    expect(store.get("site", "bts-1")).toEqual({ id: "bts-1", version: 3, health: "up", location: point(108, 14) });
    expect(store.version("flag", "power_critical.site.bts-1")).toBe(1700000000000);
    expect(store.loaded).toBe(true);
  });

  it("applies a newer version and ignores an older or equal one", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"]]));

    expect(store.applyChanges([{ type: "site", id: "bts-1", version: 4, data: { id: "bts-1", version: 4, health: "down" } }])).toBe(1);
    expect(store.applyChanges([{ type: "site", id: "bts-1", version: 3, data: { id: "bts-1", version: 3, health: "up" } }])).toBe(0);
    expect(store.applyChanges([{ type: "site", id: "bts-1", version: 4, data: { id: "bts-1", version: 4, health: "up" } }])).toBe(0);

    expect(store.get<{ health: string }>("site", "bts-1")?.health).toBe("down");
  });

  it("buffers changes that arrive while the snapshot loads and applies only those newer than it", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applyChanges([
      { type: "site", id: "bts-1", version: 2, data: { id: "bts-1", version: 2, health: "degraded" } },
      { type: "site", id: "bts-2", version: 7, data: { id: "bts-2", version: 7, health: "down" } },
    ]);
    expect(store.get("site", "bts-2")).toBeUndefined();

    store.applySnapshot(snapshot([["bts-1", 3, "up"], ["bts-2", 6, "up"]]));

    expect(store.get<{ health: string }>("site", "bts-1")?.health).toBe("up");
    expect(store.get<{ health: string }>("site", "bts-2")?.health).toBe("down");
    expect(store.version("site", "bts-2")).toBe(7);
  });

  it("removes a deleted flag but remembers its version so a late older copy cannot bring it back", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([], [["f", 10]]));

    store.applyChanges([{ type: "flag", id: "f", version: 11, deleted: true, data: null }]);
    store.applyChanges([{ type: "flag", id: "f", version: 10, data: { id: "f", version: 10 } }]);

    expect(store.get("flag", "f")).toBeUndefined();
    expect(store.count("flag")).toBe(0);
    store.applyChanges([{ type: "flag", id: "f", version: 12, data: { id: "f", version: 12 } }]);
    expect(store.get("flag", "f")).toEqual({ id: "f", version: 12 });
  });

  it("on reconnect replaces what it held with the new snapshot, so what was missed is caught up and what vanished goes", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"], ["bts-9", 1, "up"]], [["gone", 5]]));

    store.beginLoad();
    store.applyChanges([{ type: "site", id: "bts-1", version: 9, data: { id: "bts-1", version: 9, health: "down" } }]);
    expect(store.loaded).toBe(false);
    store.applySnapshot(snapshot([["bts-1", 8, "degraded"], ["bts-9", 4, "down"]]));

    expect(store.version("site", "bts-1")).toBe(9);
    expect(store.get<{ health: string }>("site", "bts-9")?.health).toBe("down");
    expect(store.get("flag", "gone")).toBeUndefined();
    expect(store.loaded).toBe(true);
  });

  it("tells listeners what changed: everything on a snapshot, the types touched on changes, nothing for ignored items", () => {
    const store = new SituationStore();
    const events: Array<{ reset: boolean; types: string[] }> = [];
    store.subscribe((e) => events.push({ reset: e.reset, types: [...e.types] }));
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"]]));
    store.applyChanges([{ type: "site", id: "bts-1", version: 4, data: { id: "bts-1", version: 4 } }]);
    store.applyChanges([{ type: "site", id: "bts-1", version: 2, data: { id: "bts-1", version: 2 } }]);

    expect(events.length).toBe(2);
    expect(events[0].reset).toBe(true);
    expect(events[1]).toEqual({ reset: false, types: ["site"] });
    expect(store.lastChangeAt).not.toBeNull();
  });
});
