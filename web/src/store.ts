// The dashboard's copy of the situation, kept by the client protocol (README, "Live updates"):
// while the snapshot loads, arriving changes are buffered; the snapshot replaces everything held;
// then buffered and later changes are applied only when newer than what is held. A deleted item
// (a cleared flag) is removed from view but its version is remembered, so an older copy of it
// arriving late cannot bring it back.

export const ENTITY_TYPES = ["district", "zone", "checkpoint", "site", "office", "route", "flag"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One item of a `changes` message. */
export interface ChangeItem {
  type: EntityType;
  id: string;
  version: number;
  deleted?: boolean;
  data?: Record<string, unknown> | null;
}

interface Held {
  version: number;
  deleted: boolean;
  data: Record<string, unknown> | null;
}

/** What `GET /api/situation` returns: a FeatureCollection per entity type, and the open flags. */
export interface Snapshot {
  generatedAt?: string;
  districts: FeatureCollection;
  zones: FeatureCollection;
  checkpoints: FeatureCollection;
  sites: FeatureCollection;
  offices: FeatureCollection;
  routes: FeatureCollection;
  flags: Array<Record<string, unknown> & { id: string; version: number }>;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: Array<{ id?: string; geometry: unknown; properties: Record<string, unknown> & { id: string; version: number } }>;
}

/** Where each entity keeps its geometry when written whole (as the HTTP API and `changes` show it). */
export const GEOMETRY_FIELD: Record<Exclude<EntityType, "flag">, string> = {
  district: "boundary",
  zone: "boundary",
  checkpoint: "location",
  site: "location",
  office: "location",
  route: "path",
};

type Section = "districts" | "zones" | "checkpoints" | "sites" | "offices" | "routes";

const SECTIONS: Array<[Section, Exclude<EntityType, "flag">]> = [
  ["districts", "district"], ["zones", "zone"], ["checkpoints", "checkpoint"],
  ["sites", "site"], ["offices", "office"], ["routes", "route"],
];

/** What changed in one step: the types touched, or everything after a snapshot. */
export interface StoreEvent {
  reset: boolean;
  types: Set<EntityType>;
  items: ChangeItem[];
}

export type Listener = (event: StoreEvent) => void;

export class SituationStore {
  private readonly held = new Map<EntityType, Map<string, Held>>(ENTITY_TYPES.map((t) => [t, new Map()]));
  private buffer: ChangeItem[] | null = null;
  private readonly listeners = new Set<Listener>();
  private loadedOnce = false;

  /** When the last change was applied (not the snapshot). */
  lastChangeAt: Date | null = null;

  get loaded(): boolean {
    return this.loadedOnce && this.buffer === null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** From now until the snapshot is applied, changes are held back (step 1 of the protocol). */
  beginLoad(): void {
    this.buffer = [];
  }

  /** Replaces everything held with the snapshot, then applies what arrived meanwhile (step 3–4). */
  applySnapshot(snapshot: Snapshot): void {
    for (const map of this.held.values()) map.clear();
    for (const [section, type] of SECTIONS) {
      const map = this.held.get(type)!;
      for (const feature of snapshot[section].features ?? []) {
        const data = { ...feature.properties, [GEOMETRY_FIELD[type]]: feature.geometry };
        map.set(feature.properties.id, { version: feature.properties.version, deleted: false, data });
      }
    }
    const flags = this.held.get("flag")!;
    for (const flag of snapshot.flags ?? []) flags.set(flag.id, { version: flag.version, deleted: false, data: flag });
    const buffered = this.buffer ?? [];
    this.buffer = null;
    this.loadedOnce = true;
    for (const item of buffered) this.applyOne(item);
    this.emit({ reset: true, types: new Set(ENTITY_TYPES), items: [] });
  }

  /** Applies a `changes` message; items not newer than what is held are ignored. Returns how many applied. */
  applyChanges(items: ChangeItem[]): number {
    if (this.buffer !== null) {
      this.buffer.push(...items);
      return 0;
    }
    const applied = items.filter((item) => this.applyOne(item));
    if (applied.length > 0) {
      this.lastChangeAt = new Date();
      this.emit({ reset: false, types: new Set(applied.map((i) => i.type)), items: applied });
    }
    return applied.length;
  }

  private applyOne(item: ChangeItem): boolean {
    const map = this.held.get(item.type);
    if (!map) return false;
    const current = map.get(item.id);
    if (current && current.version >= item.version) return false;
    map.set(item.id, { version: item.version, deleted: !!item.deleted, data: item.deleted ? null : (item.data ?? null) });
    return true;
  }

  /** The entity's data, or undefined when it is not held (or deleted). */
  get<T = Record<string, unknown>>(type: EntityType, id: string): T | undefined {
    const held = this.held.get(type)?.get(id);
    return held && !held.deleted ? (held.data as T) : undefined;
  }

  /** The version held, deleted or not (0 when never seen). */
  version(type: EntityType, id: string): number {
    return this.held.get(type)?.get(id)?.version ?? 0;
  }

  all<T = Record<string, unknown>>(type: EntityType): T[] {
    const out: T[] = [];
    for (const held of this.held.get(type)!.values()) if (!held.deleted && held.data) out.push(held.data as T);
    return out;
  }

  count(type: EntityType): number {
    let n = 0;
    for (const held of this.held.get(type)!.values()) if (!held.deleted) n++;
    return n;
  }

  private emit(event: StoreEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
