// The dashboard's copy of the incidents and passes (README "Incidents"): fetched whenever the live
// connection (re)loads its snapshot, then kept by the `incident` and `pass` items of the same
// `changes` messages, each at its highest version. The server sends and lists only what the person
// may see (an enterprise its own, a district committee its district's), so all of it is kept.

import { get } from "./api";
import type { IncidentState, IncidentView, PassView } from "../generated/contract";
import type { ForeignItem } from "./directives";

/** The steps an incident may take from each state: the server's IncidentRules, for showing only the buttons that can work. */
export const NEXT_STEPS: Record<IncidentState, IncidentState[]> = {
  open: ["acknowledged", "cancelled"],
  acknowledged: ["crew_dispatched", "resolved", "cancelled"],
  crew_dispatched: ["on_site", "resolved", "cancelled"],
  on_site: ["resolved", "cancelled"],
  resolved: [],
  cancelled: [],
};

export const isOpen = (incident: IncidentView) => incident.state !== "resolved" && incident.state !== "cancelled";

export class IncidentsState {
  private readonly incidents = new Map<string, IncidentView>();
  private readonly passes = new Map<string, PassView>();
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  async load(): Promise<void> {
    const [incidents, passes] = await Promise.all([
      get<{ items: IncidentView[] }>("/api/incidents"),
      get<{ items: PassView[] }>("/api/passes").catch(() => ({ items: [] as PassView[] })),
    ]);
    for (const i of incidents.items) this.put(this.incidents, i);
    for (const p of passes.items) this.put(this.passes, p);
    this.emit();
  }

  apply(item: ForeignItem): void {
    if (item.deleted || !item.data) return;
    const changed = item.type === "incident" ? this.put(this.incidents, item.data as IncidentView)
      : item.type === "pass" ? this.put(this.passes, item.data as PassView)
      : false;
    if (changed) this.emit();
  }

  private put<T extends { id: string; version?: number }>(map: Map<string, T>, value: T): boolean {
    const held = map.get(value.id);
    if (held && (held.version ?? 0) >= (value.version ?? 0)) return false;
    map.set(value.id, value);
    return true;
  }

  all(): IncidentView[] {
    return [...this.incidents.values()];
  }

  allPasses(): PassView[] {
    return [...this.passes.values()];
  }

  /** The open incident opened from a flag, if any. */
  openFor(flagId: string): IncidentView | undefined {
    return this.all().find((i) => i.flagId === flagId && isOpen(i));
  }

  /** Granted passes into each zone whose window is running now, and how many crews are inside. */
  passesByZone(now = Date.now()): Map<string, { active: number; inside: number }> {
    const byZone = new Map<string, { active: number; inside: number }>();
    for (const pass of this.passes.values()) {
      if (pass.state !== "granted" || new Date(pass.validFrom ?? 0).getTime() > now || new Date(pass.validUntil ?? 0).getTime() <= now) continue;
      for (const zone of pass.zoneIds ?? []) {
        const held = byZone.get(zone) ?? { active: 0, inside: 0 };
        held.active++;
        if (pass.inside) held.inside++;
        byZone.set(zone, held);
      }
    }
    return byZone;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
