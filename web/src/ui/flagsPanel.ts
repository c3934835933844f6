// The open flags, most severe and newest first, filtered by district and kind; a click zooms the
// map to the flag's subject; acknowledgement where the role allows.

import { describeError, post } from "../api";
import { formatTime, t, word } from "../i18n";
import type { IncidentsState } from "../incidents";
import { canAcknowledge, opensIncidents } from "../permissions";
import type { User } from "../session";
import type { SituationStore } from "../store";
import { FlagKind, type FlagView } from "../../generated/contract";
import { h, replace, select } from "./dom";

export class FlagsPanel {
  readonly element = h("section", { class: "panel flags", "aria-labelledby": "flags-title" });
  private district = "";
  private kind = "";
  private message = "";
  onOpen: (flag: FlagView) => void = () => {};
  /** What a flag off the map is about, in words (an organisation's obligation or roster); set by the shell. */
  describeSubject: (flag: FlagView) => string | null = () => null;
  /** The incidents, to open one from a flag with one click (or show the one already open); set by the shell where the role may. */
  incidents: IncidentsState | null = null;
  /** The enterprises an incident may be for (telecom and postal), for a flag whose subject names none. */
  enterprises: () => Array<{ id: string; name: string }> = () => [];

  constructor(private readonly store: SituationStore, private readonly user: User) {}

  render(): void {
    const districts = this.store.all("district").sort((a, b) => a.name.localeCompare(b.name));
    const flags = this.store.all("flag")
      .filter((f) => (!this.district || f.districtId === this.district) && (!this.kind || f.kind === this.kind))
      .sort((a, b) => (a.severity === b.severity ? b.since.localeCompare(a.since) : a.severity === "critical" ? -1 : 1));
    replace(this.element,
      h("h2", { id: "flags-title" }, `${t("flags")} (${flags.length})`),
      h("div", { class: "filters" },
        select("flag-district", [["", t("allDistricts")], ...districts.map((d): [string, string] => [d.id, d.name])], this.district,
          { "aria-label": t("districts"), onchange: (e: Event) => { this.district = (e.target as HTMLSelectElement).value; this.render(); } }),
        select("flag-kind", [["", t("allFlagKinds")], ...FlagKind.map((k): [string, string] => [k, word(k)])], this.kind,
          { "aria-label": t("flags"), onchange: (e: Event) => { this.kind = (e.target as HTMLSelectElement).value; this.render(); } })),
      this.message ? h("p", { class: "error", role: "alert" }, this.message) : null,
      flags.length === 0 ? h("p", { class: "muted" }, t("noFlags")) : h("ul", { class: "flag-list" }, ...flags.slice(0, 300).map((f) => this.item(f))));
  }

  private item(flag: FlagView): HTMLElement {
    const subject = this.store.find(flag.subject.type, flag.subject.id);
    const district = flag.districtId ? this.store.get("district", flag.districtId)?.name : undefined;
    const acked = flag.acks.length > 0 ? flag.acks[flag.acks.length - 1] : null;
    return h("li", { class: `flag ${flag.severity}`, "data-flag": flag.id },
      h("button", { class: "flag-open", onclick: () => this.onOpen(flag) },
        h("span", { class: `severity ${flag.severity}`, "aria-label": word(flag.severity) }, flag.severity === "critical" ? "▲" : "●"),
        h("strong", {}, word(flag.kind)), " ",
        h("span", {}, this.describeSubject(flag) ?? `${word(flag.subject.type)} ${subject && "name" in subject ? subject.name : flag.subject.id}`),
        district && flag.subject.type !== "district" ? h("span", { class: "muted" }, ` · ${district}`) : null,
        h("br", {}), h("small", { class: "muted" }, formatTime(flag.since))),
      acked ? h("small", { class: "acked" }, `✓ ${t("acknowledged")}: ${acked.by}, ${formatTime(acked.at)}`) : null,
      canAcknowledge(this.user, flag.kind)
        ? h("button", { class: "ack", "data-ack": flag.id, onclick: () => void this.acknowledge(flag) }, t("acknowledge"))
        : null,
      this.incidentControl(flag));
  }

  /** The enterprise whose fault the flag's subject is, as the server finds it; null for an area. */
  private enterpriseOf(flag: FlagView): string | null {
    const subject = this.store.find(flag.subject.type, flag.subject.id) as Record<string, unknown> | undefined;
    const owner = subject?.operator ?? subject?.wifiOperator;
    return typeof owner === "string" ? owner : null;
  }

  private incidentControl(flag: FlagView): HTMLElement | null {
    if (!this.incidents || !opensIncidents(this.user) || flag.kind === "obligation_overdue" || flag.kind === "roster_gap") return null;
    const open = this.incidents.openFor(flag.id);
    if (open) return h("small", { class: "incident-state", "data-incident": open.id }, t("incidentOpen", { state: word(open.state) }));
    const owner = this.enterpriseOf(flag);
    // An enterprise opens incidents only on what is its own.
    if (this.user.role === "operator" && owner !== this.user.scope) return null;
    const choice = owner ? null
      : select("incident-enterprise", this.enterprises().map((e): [string, string] => [e.id, e.name]), "", { "aria-label": t("chooseEnterprise") });
    return h("span", { class: "open-incident" }, choice,
      h("button", { type: "button", class: "open-incident", "data-open-incident": flag.id, onclick: () => void this.openIncident(flag, choice?.value ?? null) }, t("openIncident")));
  }

  private async openIncident(flag: FlagView, enterpriseId: string | null): Promise<void> {
    try {
      this.message = "";
      await post("/api/incidents", { flagId: flag.id, ...(enterpriseId ? { enterpriseId } : {}) });
    } catch (e) {
      this.message = describeError(e, t);
      this.render();
    }
  }

  private async acknowledge(flag: FlagView): Promise<void> {
    try {
      this.message = "";
      await post(`/api/flags/${encodeURIComponent(flag.id)}/ack`);
    } catch (e) {
      this.message = describeError(e, t);
      this.render();
    }
  }
}
