// The dashboard's copy of the situation, kept by the client protocol (README, "Live updates"):
// while the snapshot loads, arriving changes are buffered; the snapshot replaces everything held;
// then buffered and later changes are applied only when newer than what is held. A deleted item
// (a cleared flag) is removed from view but its version is remembered, so an older copy of it
// arriving late cannot bring it back.

import type { ForeignItem } from "./directives";
import { ENTITY_TABLE, type EntityKind, type FlagView, type GeoPoint, type GeoShape, type ViewOf } from "../generated/contract";

/** The types the store holds: every entity type of the contract's table, and the flags. */
export type EntityType = EntityKind | "flag";
export const ENTITY_TYPES: readonly EntityType[] = [...ENTITY_TABLE.map((e) => e.type), "flag"];

export const isEntityType = (word: string): word is EntityType => (ENTITY_TYPES as readonly string[]).includes(word);

/** What the store holds of each type: an entity's view (its geometry under its own field), or a flag. */
export interface DataOf extends ViewOf {
  flag: FlagView;
}

/** One item of a `changes` message: the view of its type, as the HTTP API returns it. */
export type ChangeItem = {
  [T in EntityType]: { type: T; id: string; version: number; deleted?: boolean; data?: DataOf[T] | null };
}[EntityType];

interface Held {
  version: number;
  deleted: boolean;
  data: DataOf[EntityType] | null;
}

type Row = (typeof ENTITY_TABLE)[number];

/** A list's Feature: the view without its geometry field, whose value is the Feature's geometry. */
export interface Feature<R extends Row> {
  id?: string;
  geometry: ViewOf[R["type"]][R["geometry"] & keyof ViewOf[R["type"]]];
  properties: Omit<ViewOf[R["type"]], R["geometry"]>;
}

export interface FeatureCollection<R extends Row> {
  type: "FeatureCollection";
  features: Array<Feature<R>>;
}

/** What `GET /api/situation` returns: a FeatureCollection per entity type, and the open flags. */
export type Snapshot = { generatedAt?: string; flags: FlagView[] } & {
  [R in Row as R["section"]]: FeatureCollection<R>;
};

/** A held entity with its type, so that code can narrow on the type and read its view's fields. */
export type Selected = { [T in EntityType]: { type: T; data: DataOf[T] } }[EntityType];

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
    for (const row of ENTITY_TABLE) {
      const map = this.held.get(row.type)!;
      const features: ReadonlyArray<{ geometry: unknown; properties: { id: string; version: number } }> = snapshot[row.section].features ?? [];
      for (const feature of features) {
        const data = { ...feature.properties, [row.geometry]: feature.geometry } as DataOf[EntityType];
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

  /** Where items of types this store does not hold go (the directives' organisations and obligations). */
  onForeign: (item: ForeignItem) => void = () => {};

  /** Applies a `changes` message; items not newer than what is held are ignored. Returns how many applied. */
  applyChanges(items: ChangeItem[]): number {
    // Not buffered: their own store applies them by version, whatever loads meanwhile.
    for (const item of items as ForeignItem[]) if (!this.held.has(item.type as EntityType)) this.onForeign(item);
    items = items.filter((item) => this.held.has(item.type));
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
  get<T extends EntityType>(type: T, id: string): DataOf[T] | undefined {
    const held = this.held.get(type)?.get(id);
    return held && !held.deleted ? (held.data as DataOf[T]) : undefined;
  }

  /** The entity with its type, narrowed by a switch on `type`. */
  selected(type: EntityType, id: string): Selected | undefined {
    const data = this.get(type, id);
    return data ? ({ type, data } as Selected) : undefined;
  }

  /** Where an entity is on the map: its view's geometry field, as the contract's table names it. */
  geometryOf(type: EntityType, id: string): GeoPoint | GeoShape | undefined {
    const row = ENTITY_TABLE.find((r) => r.type === type);
    const data = row ? this.get(row.type, id) : undefined;
    return row && data ? (new Map<string, unknown>(Object.entries(data)).get(row.geometry) as GeoPoint | GeoShape) : undefined;
  }

  /** The entity's data whatever its type (a flag's subject, a selection): the fields all views share. */
  find(type: string, id: string): DataOf[EntityType] | undefined {
    return isEntityType(type) ? this.get(type, id) : undefined;
  }

  /** The version held, deleted or not (0 when never seen). */
  version(type: EntityType, id: string): number {
    return this.held.get(type)?.get(id)?.version ?? 0;
  }

  all<T extends EntityType>(type: T): Array<DataOf[T]> {
    const out: Array<DataOf[T]> = [];
    for (const held of this.held.get(type)!.values()) if (!held.deleted && held.data) out.push(held.data as DataOf[T]);
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
