// Incidents in the dashboard (README "Incidents"): the open ones the person may see, newest first,
// with the steps the enterprise that must act may take (a dispatch names the duty on call, a crew or
// a person); for leaders, the last 24 hours per
// enterprise (open, mean times to acknowledge and restore) and the passes running in each zone.

import { describeError, get, post } from "../api";
import { formatNumber, formatTime, t, word } from "../i18n";
import { isOpen, NEXT_STEPS, type IncidentsState } from "../incidents";
import { movesIncident } from "../permissions";
import type { User } from "../session";
import type { SituationStore } from "../store";
import type { CrewView, IncidentView } from "../../generated/contract";
import { debounced, h, replaceIfChanged, select } from "./dom";

interface Rollup {
  key: string;
  open: number;
  opened: number;
  resolved: number;
  meanTimeToAcknowledgeSeconds: number | null;
  meanTimeToRestoreSeconds: number | null;
}

export class IncidentsPanel {
  readonly element = h("section", { class: "panel incidents", "aria-labelledby": "incidents-title" });
  private message = "";
  private summary: Rollup[] | null = null;
  /** Called on every change of the incidents: the summary is fetched again a second after the last. */
  readonly changed = debounced(() => void this.refreshSummary(), 1000);

  constructor(private readonly state: IncidentsState, private readonly store: SituationStore, private readonly user: User, private readonly leader: boolean) {}

  private async refreshSummary(): Promise<void> {
    if (!this.leader) return;
    try {
      this.summary = (await get<{ enterprises: Rollup[] }>("/api/incidents/summary?hours=24")).enterprises;
    } catch {
      // The summary waits for the next change.
    }
    this.render();
  }

  render(): void {
    const open = this.state.all().filter(isOpen).sort((a, b) => (b.openedAt ?? "").localeCompare(a.openedAt ?? ""));
    const minutes = (seconds: number | null) => (seconds === null ? "—" : t("minutes", { n: formatNumber(seconds / 60, 1) }));
    const zones = [...this.state.passesByZone()].map(([zone, counts]) => ({ zone: this.store.get("zone", zone)?.name ?? zone, ...counts }));
    replaceIfChanged(this.element,
      h("h2", { id: "incidents-title" }, `${t("incidents")} (${open.length})`),
      this.message ? h("p", { class: "error", role: "alert" }, this.message) : null,
      open.length === 0 ? h("p", { class: "muted" }, t("noIncidents")) : h("ul", { class: "incident-list" }, ...open.slice(0, 100).map((i) => this.item(i))),
      this.summary && this.summary.length > 0 ? h("table", { class: "incident-summary" },
        h("caption", {}, t("incidentSummary")),
        h("thead", {}, h("tr", {}, h("th", {}, t("passEnterprise")), h("th", {}, t("openCount")), h("th", {}, t("meanAcknowledge")), h("th", {}, t("meanRestore")))),
        h("tbody", {}, ...this.summary.map((r) => h("tr", { "data-enterprise": r.key },
          h("td", {}, r.key), h("td", {}, r.open), h("td", {}, minutes(r.meanTimeToAcknowledgeSeconds)), h("td", {}, minutes(r.meanTimeToRestoreSeconds)))))) : null,
      zones.length > 0 ? h("div", { class: "passes-by-zone" }, h("h3", {}, t("passesByZone")),
        h("ul", {}, ...zones.map((z) => h("li", {}, `${z.zone}: ${t("passesActive", { active: z.active, inside: z.inside })}`)))) : null);
  }

  private item(incident: IncidentView): HTMLElement {
    const subject = incident.subjects?.[0];
    const named = subject ? this.store.find(subject.type, subject.id) : undefined;
    return h("li", { class: `incident ${incident.state}`, "data-incident": incident.id, "data-state": incident.state },
      h("strong", {}, word(incident.state)), " · ", incident.enterpriseId, " · ",
      subject ? `${word(subject.type)} ${named && "name" in named ? named.name : subject.id}` : "",
      incident.flagKind ? h("span", { class: "muted" }, ` (${word(incident.flagKind)})`) : null,
      h("br", {}),
      h("small", { class: "muted" }, formatTime(incident.openedAt ?? null),
        incident.assignee ? ` · ${t("assignee")}: ${incident.assignee.person} ` : "",
        incident.assignee?.phone ? h("a", { href: `tel:${incident.assignee.phone.replace(/\s/g, "")}` }, incident.assignee.phone) : null),
      incident.proposal ? h("p", { class: "proposal" }, `✓ ${incident.proposal.reason}`) : null,
      movesIncident(this.user, incident)
        ? h("div", { class: "incident-steps" },
          NEXT_STEPS[incident.state].includes("crew_dispatched") ? this.dispatchChoice(incident) : null,
          ...NEXT_STEPS[incident.state].map((next) =>
            h("button", { type: "button", "data-step": next, onclick: (e: Event) => void this.step(incident, next, e) }, word(next))))
        : null);
  }

  /**
   * Who is sent when the crew is dispatched: the emergency-response duty on the enterprise's roster
   * (the server's choice when nobody is named), one of its crews, or a person named with a phone.
   */
  private dispatchChoice(incident: IncidentView): HTMLElement {
    const crews = this.crews.get(incident.enterpriseId) ?? [];
    if (!this.crews.has(incident.enterpriseId)) void this.loadCrews(incident.enterpriseId);
    return h("div", { class: "dispatch" },
      h("label", {}, t("dispatchWho"), " ", select("dispatch-crew", [["", t("dutyOnCall")], ...crews.map((c): [string, string] => [c.id, c.name])], "")),
      h("input", { name: "dispatch-person", placeholder: t("personSent"), "aria-label": t("personSent"), maxlength: 200 }),
      h("input", { name: "dispatch-phone", type: "tel", placeholder: t("memberPhone"), "aria-label": t("memberPhone"), maxlength: 30 }));
  }

  /** Each enterprise's crews, read once when a dispatch may name one (the enterprise's own page, or an administrator's). */
  private readonly crews = new Map<string, CrewView[]>();

  private async loadCrews(enterprise: string): Promise<void> {
    this.crews.set(enterprise, []);
    try {
      this.crews.set(enterprise, (await get<{ items: CrewView[] }>(`/api/crews?enterprise=${encodeURIComponent(enterprise)}`)).items);
      this.render();
    } catch {
      // Dispatching the duty on call still works; the crews are asked for again on the next reload.
      this.crews.delete(enterprise);
    }
  }

  /** The crews changed (one saved on this page or live): read again when next offered. */
  crewsChanged(enterprise: string): void {
    this.crews.delete(enterprise);
    this.render();
  }

  private async step(incident: IncidentView, to: string, event: Event): Promise<void> {
    const choice = (event.target as HTMLElement).closest(".incident-steps")?.querySelector(".dispatch");
    const value = (name: string) => (choice?.querySelector(`[name=${name}]`) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() || undefined;
    const named = to === "crew_dispatched" ? { crewId: value("dispatch-crew"), person: value("dispatch-person"), phone: value("dispatch-phone") } : {};
    try {
      this.message = "";
      await post(`/api/incidents/${encodeURIComponent(incident.id)}/steps`, { state: to, ...named });
    } catch (e) {
      this.message = describeError(e, t);
      this.render();
    }
  }
}
