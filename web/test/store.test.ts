import { describe, expect, it } from "vitest";
import { SituationStore, type Snapshot } from "../src/store";
import type { FlagView, GeoPoint, Health, SiteView } from "../generated/contract";

const point = (lon: number, lat: number): GeoPoint => ({ type: "Point", coordinates: [lon, lat] });
const empty = { type: "FeatureCollection" as const, features: [] };

/** A whole site view, as the server sends it. */
function site(id: string, version: number, health: Health): SiteView {
  return {
    id, version, operator: "viettel", kind: "bts", name: null, location: point(108, 14), coverageRadiusM: 3000, upstreamSiteId: null,
    districtId: "622", health, effectiveHealth: health, power: "grid", batteryMinutes: null, causes: [], lastReportAt: null,
    stale: false, upstreamDown: false, updatedAt: "2021-02-02T00:00:00Z", updatedBy: "operator-viettel",
  };
}

function flag(id: string, version: number): FlagView {
  return {
    id, version, kind: "power_critical", subject: { type: "site", id: "bts-1" }, districtId: "622", severity: "critical",
    since: "2021-02-02T00:00:00Z", detail: {}, related: [], acks: [],
  };
}

function snapshot(sites: Array<[string, number, Health]>, flags: Array<[string, number]> = []): Snapshot {
  return {
    districts: empty, zones: empty, checkpoints: empty, offices: empty, routes: empty,
    sites: {
      type: "FeatureCollection",
      features: sites.map(([id, version, health]) => {
        const { location, ...properties } = site(id, version, health);
        return { id, geometry: location, properties };
      }),
    },
    flags: flags.map(([id, version]) => flag(id, version)),
  };
}

describe("SituationStore", () => {
  it("takes the snapshot with each entity's geometry under its own field", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"]], [["power_critical.site.bts-1", 1700000000000]]));

    expect(store.get("site", "bts-1")).toEqual(site("bts-1", 3, "up"));
    expect(store.version("flag", "power_critical.site.bts-1")).toBe(1700000000000);
    expect(store.loaded).toBe(true);
  });

  it("applies a newer version and ignores an older or equal one", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"]]));

    expect(store.applyChanges([{ type: "site", id: "bts-1", version: 4, data: site("bts-1", 4, "down") }])).toBe(1);
    expect(store.applyChanges([{ type: "site", id: "bts-1", version: 3, data: site("bts-1", 3, "up") }])).toBe(0);
    expect(store.applyChanges([{ type: "site", id: "bts-1", version: 4, data: site("bts-1", 4, "up") }])).toBe(0);

    expect(store.get("site", "bts-1")?.health).toBe("down");
  });

  it("buffers changes that arrive while the snapshot loads and applies only those newer than it", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applyChanges([
      { type: "site", id: "bts-1", version: 2, data: site("bts-1", 2, "degraded") },
      { type: "site", id: "bts-2", version: 7, data: site("bts-2", 7, "down") },
    ]);
    expect(store.get("site", "bts-2")).toBeUndefined();

    store.applySnapshot(snapshot([["bts-1", 3, "up"], ["bts-2", 6, "up"]]));

    expect(store.get("site", "bts-1")?.health).toBe("up");
    expect(store.get("site", "bts-2")?.health).toBe("down");
    expect(store.version("site", "bts-2")).toBe(7);
  });

  it("removes a deleted flag but remembers its version so a late older copy cannot bring it back", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([], [["f", 10]]));

    store.applyChanges([{ type: "flag", id: "f", version: 11, deleted: true, data: null }]);
    store.applyChanges([{ type: "flag", id: "f", version: 10, data: flag("f", 10) }]);

    expect(store.get("flag", "f")).toBeUndefined();
    expect(store.count("flag")).toBe(0);
    store.applyChanges([{ type: "flag", id: "f", version: 12, data: flag("f", 12) }]);
    expect(store.get("flag", "f")).toEqual(flag("f", 12));
  });

  it("on reconnect replaces what it held with the new snapshot, so what was missed is caught up and what vanished goes", () => {
    const store = new SituationStore();
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"], ["bts-9", 1, "up"]], [["gone", 5]]));

    store.beginLoad();
    store.applyChanges([{ type: "site", id: "bts-1", version: 9, data: site("bts-1", 9, "down") }]);
    expect(store.loaded).toBe(false);
    store.applySnapshot(snapshot([["bts-1", 8, "degraded"], ["bts-9", 4, "down"]]));

    expect(store.version("site", "bts-1")).toBe(9);
    expect(store.get("site", "bts-9")?.health).toBe("down");
    expect(store.get("flag", "gone")).toBeUndefined();
    expect(store.loaded).toBe(true);
  });

  it("tells listeners what changed: everything on a snapshot, the types touched on changes, nothing for ignored items", () => {
    const store = new SituationStore();
    const events: Array<{ reset: boolean; types: string[] }> = [];
    store.subscribe((e) => events.push({ reset: e.reset, types: [...e.types] }));
    store.beginLoad();
    store.applySnapshot(snapshot([["bts-1", 3, "up"]]));
    store.applyChanges([{ type: "site", id: "bts-1", version: 4, data: site("bts-1", 4, "up") }]);
    store.applyChanges([{ type: "site", id: "bts-1", version: 2, data: site("bts-1", 2, "up") }]);

    expect(events.length).toBe(2);
    expect(events[0].reset).toBe(true);
    expect(events[1]).toEqual({ reset: false, types: ["site"] });
    expect(store.lastChangeAt).not.toBeNull();
  });
});
