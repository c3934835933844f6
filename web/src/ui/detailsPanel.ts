// The selected entity: its state, the tools the role may use on it, and its recent history (the
// audit trail for leaders and admins; the versions seen in this session for everyone else).

import { describeError, get, patch, post, put } from "../api";
import { field, formatTime, t, word } from "../i18n";
import type { ZoneDrawing } from "../map/draw";
import type { Selection } from "../map/mapView";
import { isOpen, type IncidentsState } from "../incidents";
import { opensIncidents, ownsDistrict, ownsOrganisation, readsAudit } from "../permissions";
import type { User } from "../session";
import type { DataOf, Selected, SituationStore, StoreEvent } from "../store";
import {
  CheckpointStatus, DistrictLevel, Cause, Health, OfficeStatus, Power, RouteStatus, Wifi,
  type CheckpointView, type DistrictView, type EntityKind, type OfficeView, type RouteView, type SiteView, type ViewOf, type ZoneView,
} from "../../generated/contract";
import { changedFields } from "../history";
import { availabilityChart } from "./availabilityChart";
import { h, replaceIfChanged, select } from "./dom";

/** The fields the panel shows of each type, in order: each a field of that type's view. */
const FIELDS: { [T in EntityKind]: Array<keyof ViewOf[T] & string> } = {
  district: ["level", "note", "population"],
  zone: ["status", "districtId", "since", "until"],
  checkpoint: ["status", "wifi", "wifiOperator", "road", "lastReportAt"],
  site: ["operator", "kind", "effectiveHealth", "health", "power", "batteryMinutes", "causes", "upstreamSiteId", "lastReportAt"],
  office: ["operator", "status", "districtId", "lastReportAt"],
  route: ["operator", "status", "lastReportAt"],
};

/** One record of an entity's audit trail: the version, when, who, the command, and the state before and after. */
interface AuditEntry { at: string; actor: string; action: string; version: number; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }

export class DetailsPanel {
  readonly element = h("section", { class: "panel details", "aria-labelledby": "details-title", "aria-live": "polite" });
  private selection: Selection | null = null;
  private message = "";
  private history: AuditEntry[] | null = null;
  private readonly seen = new Map<string, Array<{ version: number; at: string; by: string }>>();

  /** Who to call about the selection (README "Directives"); set by the shell once the directives are known. */
  contacts: (selected: Selected) => HTMLElement | null = () => null;

  /** The incidents the person sees and the enterprises one may be opened for, when the person may open one. */
  incidents: IncidentsState | null = null;
  enterprises: () => Array<{ id: string; name: string }> = () => [];

  constructor(private readonly store: SituationStore, private readonly user: User, private readonly drawing: ZoneDrawing) {
    store.subscribe((event) => this.remember(event));
  }

  select(selection: Selection | null): void {
    this.selection = selection;
    this.message = "";
    this.history = null;
    this.render();
    if (selection && readsAudit(this.user)) void this.loadHistory(selection);
  }

  private remember(event: StoreEvent): void {
    for (const item of event.items) {
      if (!item.data) continue;
      const key = `${item.type}/${item.id}`;
      const list = this.seen.get(key) ?? [];
      const data: DataOf[typeof item.type] = item.data;
      list.unshift({ version: item.version, at: "updatedAt" in data ? data.updatedAt : new Date().toISOString(), by: "updatedBy" in data ? data.updatedBy ?? "" : "" });
      this.seen.set(key, list.slice(0, 10));
    }
    if (this.selection && event.items.some((i) => i.type === this.selection!.type && i.id === this.selection!.id)) {
      if (readsAudit(this.user)) void this.loadHistory(this.selection);
      else this.render();
    }
  }

  private async loadHistory(selection: Selection): Promise<void> {
    try {
      const page = await get<{ items: AuditEntry[] }>(
        `/api/audit?entity=${selection.type}/${encodeURIComponent(selection.id)}&limit=10`);
      if (this.selection === selection) {
        this.history = page.items;
        this.render();
      }
    } catch {
      this.history = [];
    }
  }

  /**
   * The panel is four parts that rebuild apart (each only when what it shows changed): the entity
   * with the tools on it, the incident form, the last message, and the history. A history that
   * loads, or a new version of the entity, then never wipes a note being typed into the incident
   * form; the entity's own forms do rebuild with each version, so none submits an older entity's values.
   */
  private readonly parts = { entity: h("div"), incident: h("div"), message: h("div"), chart: h("div"), history: h("div") };

  /** A district's availability chart: the period chosen, and the chart once fetched (for the district it was fetched for). */
  private chartDays: 1 | 7 = 1;
  private chart: { district: string; days: number; element: HTMLElement } | null = null;
  private chartLoading: string | null = null;

  render(): void {
    if (this.element.childElementCount === 0) this.element.append(...Object.values(this.parts));
    const selection = this.selection;
    const selected = selection ? this.store.selected(selection.type, selection.id) : undefined;
    if (!selection || !selected || selected.type === "flag") {
      replaceIfChanged(this.parts.entity, h("h2", { id: "details-title" }, t("details")), h("p", { class: "muted" }, t("noSelection")));
      for (const part of [this.parts.incident, this.parts.message, this.parts.chart, this.parts.history]) replaceIfChanged(part);
      return;
    }
    const entity = selected.data;
    const values = new Map<string, unknown>(Object.entries(entity));
    const fields: readonly string[] = FIELDS[selected.type];
    replaceIfChanged(this.parts.entity,
      h("h2", { id: "details-title" }, `${word(selection.type)}: ${entity.name ?? entity.id}`),
      h("button", { class: "link close", onclick: () => this.select(null) }, t("close")),
      h("dl", { "data-entity": `${selection.type}/${selection.id}` },
        ...fields.filter((f) => values.get(f) !== undefined && values.get(f) !== null && values.get(f) !== "").flatMap((f) => [
          h("dt", {}, field(f)),
          h("dd", { "data-field": f }, this.show(f, values.get(f))),
        ]),
        h("dt", {}, t("version")), h("dd", { "data-field": "version" }, String(entity.version)),
        h("dt", {}, t("updatedAt")), h("dd", {}, `${formatTime(entity.updatedAt)} · ${entity.updatedBy ?? ""}`)),
      this.contacts(selected),
      ...this.tools(selected));
    // The incident form names its subject, so it rebuilds when another entity is selected.
    replaceIfChanged(this.parts.incident, this.incidentTool(selected));
    replaceIfChanged(this.parts.message, this.message ? h("p", { class: "message", role: "status" }, this.message) : null);
    replaceIfChanged(this.parts.chart, ...this.availability(selection));
    replaceIfChanged(this.parts.history, h("h3", {}, t("history")), this.historyList(selection));
  }

  /** For a district, its availability over the last day or week, fetched when it is selected or the period changes. */
  private availability(selection: Selection): HTMLElement[] {
    if (selection.type !== "district") return [];
    const shown = this.chart && this.chart.district === selection.id && this.chart.days === this.chartDays ? this.chart.element : null;
    if (!shown && this.chartLoading !== `${selection.id}/${this.chartDays}`) void this.loadChart(selection.id, this.chartDays);
    const period = (days: 1 | 7, label: "availabilityDay" | "availabilityWeek") => h("button", {
      type: "button", name: `availability-${days}`, class: days === this.chartDays ? "primary" : "",
      onclick: () => { this.chartDays = days; this.render(); },
    }, t(label));
    return [h("h3", {}, t("availabilityChart")), h("div", { class: "availability-period" }, period(1, "availabilityDay"), " ", period(7, "availabilityWeek")),
      shown ?? h("p", { class: "muted" }, "…")];
  }

  private async loadChart(district: string, days: 1 | 7): Promise<void> {
    this.chartLoading = `${district}/${days}`;
    try {
      const element = await availabilityChart(district, days);
      if (this.selection?.type === "district" && this.selection.id === district && this.chartDays === days) {
        this.chart = { district, days, element };
        this.render();
      }
    } catch {
      // The panel shows the rest; selecting the district again asks again.
    } finally {
      if (this.chartLoading === `${district}/${days}`) this.chartLoading = null;
    }
  }

  /** A field's value in a history line: "—" for none. */
  private shown(field: string, value: unknown): string {
    if (value === null || value === undefined || value === "") return "—";
    // A shape or a place changed: that it did is what a line can say.
    return typeof value === "object" && !Array.isArray(value) ? "…" : this.show(field, value);
  }

  private show(field: string, value: unknown): string {
    if (Array.isArray(value)) return value.map((v) => word(String(v))).join(", ");
    if (field.endsWith("At") || field === "since" || field === "until") return formatTime(String(value));
    return typeof value === "string" ? word(value) : String(value);
  }

  private historyList(selection: Selection): HTMLElement {
    const rows = this.history
      ? this.history.map((r) => {
        const changed = changedFields(r.before, r.after).map((c) => `${field(c.name)}: ${this.shown(c.name, c.was)} → ${this.shown(c.name, c.now)}`);
        return `v${r.version} · ${formatTime(r.at)} · ${r.actor} · ${r.action}${changed.length > 0 ? ` — ${changed.join("; ")}` : ""}`;
      })
      : (this.seen.get(`${selection.type}/${selection.id}`) ?? []).map((r) => `v${r.version} · ${formatTime(r.at)} · ${r.by}`);
    // Which history is shown: the audit trail once it has loaded, or what this session has seen.
    const source = this.history ? "audit" : "session";
    return rows.length === 0 ? h("p", { class: "muted", "data-history": source }, "—") : h("ol", { class: "history", "data-history": source }, ...rows.map((r) => h("li", {}, r)));
  }

  private tools(selected: Selected): HTMLElement[] {
    const u = this.user;
    switch (selected.type) {
      case "district":
        return ownsDistrict(u, selected.data.id) ? [this.levelForm(selected.data)] : [];
      case "zone":
        return ownsDistrict(u, selected.data.districtId) ? [this.zoneForm(selected.data)] : [];
      case "checkpoint": {
        const c = selected.data;
        if (ownsDistrict(u, c.districtId)) return [this.checkpointForm(c, true)];
        return u.role === "operator" && (!c.wifiOperator || c.wifiOperator === u.scope) ? [this.checkpointForm(c, false)] : [];
      }
      case "site":
        return ownsOrganisation(u, selected.data.operator) ? [this.siteReportForm(selected.data)] : [];
      case "office":
        return ownsOrganisation(u, selected.data.operator) ? [this.statusForm(selected.data, "offices", OfficeStatus)] : [];
      case "route":
        return ownsOrganisation(u, selected.data.operator) ? [this.statusForm(selected.data, "routes", RouteStatus)] : [];
      default:
        return [];
    }
  }

  /**
   * An incident opened by hand on a site, office, route or checkpoint (README "Incidents"): by leaders
   * and administrators for any enterprise, by an operator on what is its own. One already open on it
   * is named instead.
   */
  private incidentTool(selected: Selected): HTMLElement | null {
    if (!this.incidents || !opensIncidents(this.user) || !(selected.type === "site" || selected.type === "office" || selected.type === "route" || selected.type === "checkpoint")) return null;
    const open = this.incidents.all().find((i) => isOpen(i) && (i.subjects ?? []).some((s) => s.type === selected.type && s.id === selected.data.id));
    if (open) return h("p", { class: "incident-state", "data-incident": open.id }, t("incidentOpen", { state: word(open.state) }));
    const owner = selected.type === "checkpoint" ? selected.data.wifiOperator ?? null : selected.data.operator;
    const overseer = this.user.role === "admin" || this.user.role === "leader";
    if (!overseer && (this.user.role !== "operator" || owner !== this.user.scope)) return null;
    const choices = owner ? [] : this.enterprises();
    const form = this.form("open-incident", (f) => post("/api/incidents", {
        subjects: [{ type: selected.type, id: selected.data.id }],
        ...(owner ? {} : { enterpriseId: f.get("incident-enterprise") }),
        ...(f.get("incident-note") ? { note: f.get("incident-note") } : {}),
      }),
      owner ? h("span", {}) : h("label", {}, t("chooseEnterprise"), " ", select("incident-enterprise", choices.map((e): [string, string] => [e.id, e.name]))),
      h("label", {}, t("note"), " ", h("input", { name: "incident-note", maxlength: 2000 })),
      h("button", { type: "submit", class: "primary", name: "open-incident" }, t("openIncident")));
    form.dataset.subject = `${selected.type}/${selected.data.id}`;
    return form;
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.message = t("saved");
    } catch (e) {
      this.message = describeError(e, t);
    }
    this.render();
  }

  private form(name: string, submit: (data: FormData) => Promise<unknown>, ...children: HTMLElement[]): HTMLFormElement {
    const form = h("form", { class: "tool", name }, ...children);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.run(() => submit(new FormData(form)));
    });
    return form;
  }

  private words(values: readonly string[]): Array<[string, string]> {
    return values.map((v) => [v, word(v)]);
  }

  private levelForm(d: DistrictView): HTMLElement {
    return this.form("level", (f) => put(`/api/districts/${d.id}/level`, { level: f.get("level"), note: f.get("note") || null }),
      h("label", {}, field("level"), select("level", this.words(DistrictLevel), d.level)),
      h("label", {}, t("note"), h("input", { name: "note", value: d.note ?? "" })),
      h("button", { type: "submit", class: "primary" }, t("setLevel")));
  }

  private zoneForm(z: ZoneView): HTMLElement {
    const body = (boundary: unknown, name: unknown) => ({ type: "Feature", geometry: boundary, properties: { districtId: z.districtId, name } });
    const form = this.form("zone", (f) => put(`/api/zones/${z.id}`, body(z.boundary, f.get("name"))),
      h("label", {}, t("zoneName"), h("input", { name: "name", value: z.name, required: true })),
      h("button", { type: "submit", class: "primary" }, t("save")));
    if (z.status === "active") {
      form.append(
        h("button", { type: "button", onclick: () => this.redraw(z, body) }, this.drawing.drawing ? t("finishDrawing") : t("redraw")),
        h("button", { type: "button", class: "danger", onclick: () => void this.run(() => post(`/api/zones/${z.id}/lift`)) }, t("lift")));
    }
    return form;
  }

  private redraw(z: ZoneView, body: (boundary: unknown, name: unknown) => unknown): void {
    if (!this.drawing.drawing) {
      this.drawing.start();
      this.message = t("drawHint");
      this.render();
      return;
    }
    const polygon = this.drawing.finish();
    if (polygon) void this.run(() => put(`/api/zones/${z.id}`, body(polygon, z.name)));
    else this.render();
  }

  private checkpointForm(c: CheckpointView, whole: boolean): HTMLElement {
    return this.form("checkpoint", (f) => patch(`/api/checkpoints/${c.id}`, whole
        ? { status: f.get("status"), wifi: f.get("wifi") }
        : { wifi: f.get("wifi"), wifiOperator: this.user.scope }),
      whole ? h("label", {}, t("status"), select("status", this.words(CheckpointStatus), c.status)) : h("span", {}),
      h("label", {}, t("wifi"), select("wifi", this.words(Wifi), c.wifi)),
      h("button", { type: "submit", class: "primary" }, t("report")));
  }

  private siteReportForm(s: SiteView): HTMLElement {
    return this.form("site-report", (f) => post(`/api/sites/${s.id}/reports`, {
        health: f.get("health"), power: f.get("power"),
        batteryMinutes: f.get("batteryMinutes") ? Number(f.get("batteryMinutes")) : null,
        causes: f.getAll("causes"),
      }),
      h("label", {}, t("health"), select("health", this.words(Health), s.health)),
      h("label", {}, t("power"), select("power", this.words(Power), s.power)),
      h("label", {}, t("batteryMinutes"), h("input", { name: "batteryMinutes", type: "number", min: 0, max: 10080, value: s.batteryMinutes == null ? "" : String(s.batteryMinutes) })),
      h("fieldset", {}, h("legend", {}, t("causes")), ...Cause.map((c) =>
        h("label", {}, h("input", { type: "checkbox", name: "causes", value: c, checked: s.causes.includes(c) }), " ", word(c)))),
      h("button", { type: "submit", class: "primary" }, t("report")));
  }

  private statusForm(e: OfficeView | RouteView, path: "offices" | "routes", statuses: readonly string[]): HTMLElement {
    return this.form("status-report", (f) => post(`/api/postal/${path}/${e.id}/reports`, { status: f.get("status") }),
      h("label", {}, t("status"), select("status", this.words(statuses), e.status)),
      h("button", { type: "submit", class: "primary" }, t("report")));
  }
}
