// The store's entities as the GeoJSON the map's sources take: only the properties the layers use.

import type { SituationStore } from "../store";
import type { GeoPoint, GeoShape, IncidentView } from "../../generated/contract";

export type Geo = GeoPoint | GeoShape;

type Feature = { type: "Feature"; id?: number; geometry: Geo; properties: Record<string, unknown> };
export type Collection = { type: "FeatureCollection"; features: Feature[] };

export interface SiteFilter {
  operator: string;
  kind: string;
}

const collection = (features: Feature[]): Collection => ({ type: "FeatureCollection", features });

export function districts(store: SituationStore): Collection {
  return collection(store.all("district").map((d) => ({
    type: "Feature", geometry: d.boundary, properties: { id: d.id, name: d.name, level: d.level },
  })));
}

export function zones(store: SituationStore): Collection {
  return collection(store.all("zone").filter((z) => z.status === "active").map((z) => ({
    type: "Feature", geometry: z.boundary, properties: { id: z.id, name: z.name, districtId: z.districtId },
  })));
}

export function sites(store: SituationStore, filter: SiteFilter): Collection {
  const out: Feature[] = [];
  for (const s of store.all("site")) {
    if ((filter.operator && s.operator !== filter.operator) || (filter.kind && s.kind !== filter.kind)) continue;
    out.push({ type: "Feature", geometry: s.location, properties: { id: s.id, h: s.effectiveHealth, op: s.operator, kind: s.kind } });
  }
  return collection(out);
}

export function checkpoints(store: SituationStore): Collection {
  return collection(store.all("checkpoint").map((c) => ({
    type: "Feature", geometry: c.location, properties: { id: c.id, wifi: c.stale ? "down" : c.wifi, status: c.status },
  })));
}

export function offices(store: SituationStore): Collection {
  return collection(store.all("office").map((o) => ({
    type: "Feature", geometry: o.location, properties: { id: o.id, status: o.stale ? "closed" : o.status },
  })));
}

export function routes(store: SituationStore): Collection {
  return collection(store.all("route").map((r) => ({
    type: "Feature", geometry: r.path, properties: { id: r.id, status: r.stale ? "suspended" : r.status },
  })));
}

/** Districts and zones with an open connectivity or postal gap, drawn over everything else. */
export function flagged(store: SituationStore): Collection {
  const out: Feature[] = [];
  for (const flag of store.all("flag")) {
    if (flag.kind !== "connectivity_gap" && flag.kind !== "postal_gap") continue;
    const type = flag.subject.type;
    const area = type === "district" || type === "zone" ? store.get(type, flag.subject.id) : undefined;
    if (!area) continue;
    out.push({ type: "Feature", geometry: area.boundary, properties: { id: flag.id, kind: flag.kind, severity: flag.severity } });
  }
  return collection(out);
}

export type Box = [number, number, number, number];

/** The bounding box [west, south, east, north] of some geometries, or null when there are none. */
export function boundsOf(geometries: Geo[]): Box | null {
  let box: Box | null = null;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const g of geometries) visit(g.coordinates);
  return box;
}

export function provinceBounds(store: SituationStore): Box | null {
  return boundsOf(store.all("district").map((d) => d.boundary));
}

/** The centre of a geometry's bounding box: where its label goes. */
export function centreOf(geometry: Geo): [number, number] {
  const [w, s, e, n] = boundsOf([geometry])!;
  return [(w + e) / 2, (s + n) / 2];
}

/** Open incidents that have a place, at it, with their state and enterprise. */
export function incidents(open: IncidentView[]): Collection {
  return collection(open.filter((i) => i.location).map((i) => ({
    type: "Feature", geometry: i.location!, properties: { id: i.id, state: i.state, enterprise: i.enterpriseId },
  })));
}
