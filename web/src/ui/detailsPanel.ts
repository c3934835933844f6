// The selected entity: its state, the tools the role may use on it, and its recent history (the
// audit trail for leaders and admins; the versions seen in this session for everyone else).

import { describeError, get, patch, post, put } from "../api";
import { field, formatTime, t, word } from "../i18n";
import type { ZoneDrawing } from "../map/draw";
import type { Selection } from "../map/mapView";
import { ownsDistrict, ownsOrganisation, readsAudit } from "../permissions";
import type { User } from "../session";
import type { SituationStore, StoreEvent } from "../store";
import { h, replace, select } from "./dom";

type Entity = Record<string, unknown> & { id: string; version: number; updatedAt?: string; updatedBy?: string };

const FIELDS: Record<string, string[]> = {
  district: ["level", "note", "population"],
  zone: ["status", "districtId", "since", "until"],
  checkpoint: ["status", "wifi", "wifiOperator", "road", "lastReportAt"],
  site: ["operator", "kind", "effectiveHealth", "health", "power", "batteryMinutes", "causes", "upstreamSiteId", "lastReportAt"],
  office: ["operator", "status", "districtId", "lastReportAt"],
  route: ["operator", "status", "lastReportAt"],
};

export class DetailsPanel {
  readonly element = h("section", { class: "panel details", "aria-labelledby": "details-title", "aria-live": "polite" });
  private selection: Selection | null = null;
  private message = "";
  private history: Array<{ at: string; actor: string; action: string; version: number }> | null = null;
  private readonly seen = new Map<string, Array<{ version: number; at: string; by: string }>>();

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
      list.unshift({ version: item.version, at: String(item.data.updatedAt ?? new Date().toISOString()), by: String(item.data.updatedBy ?? "") });
      this.seen.set(key, list.slice(0, 10));
    }
    if (this.selection && event.items.some((i) => i.type === this.selection!.type && i.id === this.selection!.id)) {
      if (readsAudit(this.user)) void this.loadHistory(this.selection);
      else this.render();
    }
  }

  private async loadHistory(selection: Selection): Promise<void> {
    try {
      const page = await get<{ items: Array<{ at: string; actor: string; action: string; version: number }> }>(
        `/api/audit?entity=${selection.type}/${encodeURIComponent(selection.id)}&limit=10`);
      if (this.selection === selection) {
        this.history = page.items;
        this.render();
      }
    } catch {
      this.history = [];
    }
  }

  render(): void {
    const selection = this.selection;
    const entity = selection ? this.store.get<Entity>(selection.type, selection.id) : undefined;
    if (!selection || !entity) {
      replace(this.element, h("h2", { id: "details-title" }, t("details")), h("p", { class: "muted" }, t("noSelection")));
      return;
    }
    const fields = FIELDS[selection.type] ?? [];
    replace(this.element,
      h("h2", { id: "details-title" }, `${word(selection.type)}: ${String(entity.name ?? entity.id)}`),
      h("button", { class: "link close", onclick: () => this.select(null) }, t("close")),
      h("dl", { "data-entity": `${selection.type}/${selection.id}` },
        ...fields.filter((f) => entity[f] !== undefined && entity[f] !== null && entity[f] !== "").flatMap((f) => [
          h("dt", {}, field(f)),
          h("dd", { "data-field": f }, this.show(f, entity[f])),
        ]),
        h("dt", {}, t("version")), h("dd", { "data-field": "version" }, String(entity.version)),
        h("dt", {}, t("updatedAt")), h("dd", {}, `${formatTime(entity.updatedAt)} · ${entity.updatedBy ?? ""}`)),
      ...this.tools(selection.type, entity),
      this.message ? h("p", { class: "message", role: "status" }, this.message) : null,
      h("h3", {}, t("history")),
      this.historyList(selection));
  }

  private show(field: string, value: unknown): string {
    if (Array.isArray(value)) return value.map((v) => word(String(v))).join(", ");
    if (field.endsWith("At") || field === "since" || field === "until") return formatTime(String(value));
    return typeof value === "string" ? word(value) : String(value);
  }

  private historyList(selection: Selection): HTMLElement {
    const rows = this.history
      ? this.history.map((r) => `v${r.version} · ${formatTime(r.at)} · ${r.actor} · ${r.action}`)
      : (this.seen.get(`${selection.type}/${selection.id}`) ?? []).map((r) => `v${r.version} · ${formatTime(r.at)} · ${r.by}`);
    return rows.length === 0 ? h("p", { class: "muted" }, "—") : h("ol", { class: "history" }, ...rows.map((r) => h("li", {}, r)));
  }

  private tools(type: string, entity: Entity): HTMLElement[] {
    const u = this.user;
    switch (type) {
      case "district":
        return ownsDistrict(u, entity.id) ? [this.levelForm(entity)] : [];
      case "zone":
        return ownsDistrict(u, entity.districtId) ? [this.zoneForm(entity)] : [];
      case "checkpoint":
        if (ownsDistrict(u, entity.districtId)) return [this.checkpointForm(entity, true)];
        return u.role === "operator" && (!entity.wifiOperator || entity.wifiOperator === u.scope) ? [this.checkpointForm(entity, false)] : [];
      case "site":
        return ownsOrganisation(u, entity.operator) ? [this.siteReportForm(entity)] : [];
      case "office":
        return ownsOrganisation(u, entity.operator) ? [this.statusForm(entity, "offices", ["open", "closed"])] : [];
      case "route":
        return ownsOrganisation(u, entity.operator) ? [this.statusForm(entity, "routes", ["running", "delayed", "suspended"])] : [];
      default:
        return [];
    }
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

  private words(values: string[]): Array<[string, string]> {
    return values.map((v) => [v, word(v)]);
  }

  private levelForm(d: Entity): HTMLElement {
    return this.form("level", (f) => put(`/api/districts/${d.id}/level`, { level: f.get("level"), note: f.get("note") || null }),
      h("label", {}, field("level"), select("level", this.words(["normal", "watch", "distancing", "lockdown"]), String(d.level))),
      h("label", {}, t("note"), h("input", { name: "note", value: String(d.note ?? "") })),
      h("button", { type: "submit", class: "primary" }, t("setLevel")));
  }

  private zoneForm(z: Entity): HTMLElement {
    const body = (boundary: unknown, name: unknown) => ({ type: "Feature", geometry: boundary, properties: { districtId: z.districtId, name } });
    const form = this.form("zone", (f) => put(`/api/zones/${z.id}`, body(z.boundary, f.get("name"))),
      h("label", {}, t("zoneName"), h("input", { name: "name", value: String(z.name ?? ""), required: true })),
      h("button", { type: "submit", class: "primary" }, t("save")));
    if (z.status === "active") {
      form.append(
        h("button", { type: "button", onclick: () => this.redraw(z, body) }, this.drawing.drawing ? t("finishDrawing") : t("redraw")),
        h("button", { type: "button", class: "danger", onclick: () => void this.run(() => post(`/api/zones/${z.id}/lift`)) }, t("lift")));
    }
    return form;
  }

  private redraw(z: Entity, body: (boundary: unknown, name: unknown) => unknown): void {
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

  private checkpointForm(c: Entity, whole: boolean): HTMLElement {
    return this.form("checkpoint", (f) => patch(`/api/checkpoints/${c.id}`, whole
        ? { status: f.get("status"), wifi: f.get("wifi") }
        : { wifi: f.get("wifi"), wifiOperator: this.user.scope }),
      whole ? h("label", {}, t("status"), select("status", this.words(["active", "closed"]), String(c.status))) : h("span", {}),
      h("label", {}, t("wifi"), select("wifi", this.words(["ok", "down", "none"]), String(c.wifi))),
      h("button", { type: "submit", class: "primary" }, t("report")));
  }

  private siteReportForm(s: Entity): HTMLElement {
    return this.form("site-report", (f) => post(`/api/sites/${s.id}/reports`, {
        health: f.get("health"), power: f.get("power"),
        batteryMinutes: f.get("batteryMinutes") ? Number(f.get("batteryMinutes")) : null,
        causes: f.getAll("causes"),
      }),
      h("label", {}, t("health"), select("health", this.words(["up", "degraded", "down"]), String(s.health))),
      h("label", {}, t("power"), select("power", this.words(["grid", "generator", "battery", "none"]), String(s.power))),
      h("label", {}, t("batteryMinutes"), h("input", { name: "batteryMinutes", type: "number", min: 0, max: 10080, value: s.batteryMinutes == null ? "" : String(s.batteryMinutes) })),
      h("fieldset", {}, h("legend", {}, t("causes")), ...["power", "transport", "damage", "unknown"].map((c) =>
        h("label", {}, h("input", { type: "checkbox", name: "causes", value: c, checked: (s.causes as string[] | undefined)?.includes(c) }), " ", word(c)))),
      h("button", { type: "submit", class: "primary" }, t("report")));
  }

  private statusForm(e: Entity, path: "offices" | "routes", statuses: string[]): HTMLElement {
    return this.form("status-report", (f) => post(`/api/postal/${path}/${e.id}/reports`, { status: f.get("status") }),
      h("label", {}, t("status"), select("status", this.words(statuses), String(e.status))),
      h("button", { type: "submit", class: "primary" }, t("report")));
  }
}
