// The dashboard's copy of the directives' side (README "Directives"): organisations and their
// obligations. Loaded from the API when the live connection (re)loads its snapshot, then kept by the
// `organisation` and `obligation` items of the same `changes` messages; an item is applied only when
// newer than what is held, so a list fetched while items arrive cannot wind anything back.

import { get } from "./api";
import type { Directive, ObligationView, OrganisationView, ShiftView } from "../generated/contract";
import type { Selected } from "./store";

export interface ForeignItem {
  type: string;
  id: string;
  version: number;
  deleted?: boolean;
  data?: unknown;
}

interface Held<T> {
  version: number;
  data: T | null;
}

export class DirectivesState {
  private readonly organisations = new Map<string, Held<OrganisationView>>();
  private readonly obligations = new Map<string, Held<ObligationView>>();
  /** Shifts by their live id, `<organisation>.<shift>`. */
  private readonly shifts = new Map<string, Held<ShiftView>>();
  private directiveList: Directive[] = [];
  private readonly listeners = new Set<() => void>();
  loaded = false;

  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  async load(): Promise<void> {
    const [organisations, obligations, directives, shifts] = await Promise.all([
      get<{ items: OrganisationView[] }>("/api/organisations"),
      get<{ items: ObligationView[] }>("/api/obligations"),
      get<{ items: Directive[] }>("/api/directives"),
      get<{ items: ShiftView[] }>("/api/shifts"),
    ]);
    for (const s of shifts.items) this.put(this.shifts, `${s.organisationId}.${s.id}`, s.version ?? 0, s);
    for (const o of organisations.items) this.put(this.organisations, o.id, o.version ?? 0, o);
    for (const o of obligations.items) this.put(this.obligations, o.id, o.version ?? 0, o);
    this.directiveList = directives.items;
    this.loaded = true;
    this.emit();
  }

  /** A live item of the directives' types; other types are not this store's. */
  apply(item: ForeignItem): void {
    const map = item.type === "obligation" ? this.obligations : item.type === "organisation" ? this.organisations : item.type === "shift" ? this.shifts : null;
    if (!map) return;
    if (this.put(map as Map<string, Held<unknown>>, item.id, item.version, item.deleted ? null : (item.data ?? null))) this.emit();
  }

  private put<T>(map: Map<string, Held<T>>, id: string, version: number, data: T | null): boolean {
    const held = map.get(id);
    if (held && held.version >= version) return false;
    map.set(id, { version, data });
    return true;
  }

  organisation(id: string): OrganisationView | undefined {
    return this.organisations.get(id)?.data ?? undefined;
  }

  allOrganisations(): OrganisationView[] {
    return [...this.organisations.values()].flatMap((h) => (h.data ? [h.data] : []));
  }

  allObligations(): ObligationView[] {
    return [...this.obligations.values()].flatMap((h) => (h.data ? [h.data] : []));
  }

  /** Who is on duty for an organisation at a moment (on the directives' clock), by duty. */
  onDuty(organisationId: string, at: number): ShiftView[] {
    return [...this.shifts.values()].flatMap((h) => (h.data ? [h.data] : []))
      .filter((s) => s.organisationId === organisationId && new Date(s.start).getTime() <= at && at < new Date(s.end).getTime())
      .sort((a, b) => a.duty.localeCompare(b.duty));
  }

  /** A directives flag's subject in words: whose obligation of what kind, or whose roster lacks which duty. */
  describe(subject: { type: string; id: string }, word: (w: string) => string): string | null {
    if (subject.type === "obligation") {
      const obligation = this.obligations.get(subject.id)?.data;
      if (!obligation) return null;
      return `${this.organisation(obligation.organisationId)?.name ?? obligation.organisationId} — ${word(obligation.kind)} (${obligation.clause})`;
    }
    if (subject.type === "roster") {
      // <organisation>.<duty>.<start>: an organisation's code may itself hold dots.
      const match = /^(.+)\.([a-z_]+)\.[^.]+$/.exec(subject.id);
      if (!match) return null;
      return `${this.organisation(match[1])?.name ?? match[1]} — ${word(match[2])}`;
    }
    return null;
  }

  /** The clause's words, in the chosen language when the directive has them. */
  clauseText(directiveId: string, clause: string, english: boolean): string {
    const found = this.directiveList.find((d) => d.id === directiveId)?.clauses.find((c) => c.id === clause);
    return (english ? found?.textEn : null) ?? found?.text ?? "";
  }

  directiveNumber(directiveId: string): string {
    return this.directiveList.find((d) => d.id === directiveId)?.number ?? directiveId;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** What needs attention first: overdue, then pending, then met, then waived. */
export const URGENCY: Record<string, number> = { overdue: 0, pending: 1, met: 2, waived: 3 };

/**
 * The organisations to call about what is selected: a district committee for its district, zones
 * and checkpoints (with a checkpoint's wifi provider); an operator for its sites, offices and routes.
 */
export function responsibleFor(selected: Selected): string[] {
  switch (selected.type) {
    case "district": return [`district-${selected.data.id}`];
    case "zone": return [`district-${selected.data.districtId}`];
    case "checkpoint": return [`district-${selected.data.districtId}`, ...(selected.data.wifiOperator ? [selected.data.wifiOperator] : [])];
    case "site": case "office": case "route": return [selected.data.operator];
    default: return [];
  }
}
