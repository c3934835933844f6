// Passes in the dashboard (README "Incidents"): an enterprise keeps its crews (CrewEditor), requests a
// pass for one (members who declared their health today, zones of one district, the checkpoints to
// cross, a window, the incident it is for) and sees each one's state, a granted one with its QR code;
// the district committee that owns the zones grants, refuses or revokes, saying why. The server
// decides anyway; the forms only offer what can work.

import { describeError, get, post, put, token } from "../api";
import { formatTime, t, word } from "../i18n";
import { isOpen, type IncidentsState } from "../incidents";
import type { User } from "../session";
import type { SituationStore } from "../store";
import type { CrewView, PassView } from "../../generated/contract";
import { CrewEditor } from "./crewEditor";
import { h, replaceIfChanged, select } from "./dom";

/** Today in Gia Lai (+07:00), as health declarations count days. */
const localToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** A datetime-local value for a moment, in the browser's own zone. */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export class PassesPanel {
  readonly element = h("section", { class: "panel passes", "aria-labelledby": "passes-title" });
  // In parts of their own, so that a pass arriving live does not reset a form being filled in.
  private readonly title = h("h2", { id: "passes-title" });
  private readonly notice = h("div", {});
  private readonly form = h("div", {});
  private readonly list = h("div", {});
  private readonly editor: CrewEditor | null;
  private crews: CrewView[] = [];
  private crewId = "";
  /** The zones picked for a request: one district's. */
  private zoneIds: string[] = [];
  private message = "";
  private readonly qr = new Map<string, string>();
  private readonly enterprise: string | null;
  private readonly district: string | null;

  constructor(private readonly state: IncidentsState, private readonly store: SituationStore, user: User) {
    this.enterprise = user.role === "operator" ? user.scope ?? null : null;
    this.district = user.role === "district" ? user.scope ?? null : null;
    this.editor = this.enterprise ? new CrewEditor(this.enterprise, () => this.crews, () => this.refreshCrews()) : null;
    this.element.append(this.title, this.notice, ...(this.editor ? [this.editor.element] : []), this.form, this.list);
  }

  async refreshCrews(): Promise<void> {
    if (!this.enterprise) return;
    try {
      this.crews = (await get<{ items: CrewView[] }>(`/api/crews?enterprise=${encodeURIComponent(this.enterprise)}`)).items;
      this.crewId ||= this.crews[0]?.id ?? "";
    } catch {
      // Shown again when the crews can be read.
    }
    this.render();
  }

  render(): void {
    const passes = this.state.allPasses().sort((a, b) => (b.requestedAt ?? "").localeCompare(a.requestedAt ?? ""));
    this.title.textContent = `${t("passes")} (${passes.length})`;
    replaceIfChanged(this.notice, this.message ? h("p", { class: "error", role: "alert" }, this.message) : null);
    this.editor?.render();
    replaceIfChanged(this.form, this.enterprise ? this.requestForm() : null);
    replaceIfChanged(this.list, passes.length === 0 ? h("p", { class: "muted" }, t("noPasses")) : h("ul", { class: "pass-list" }, ...passes.slice(0, 50).map((p) => this.item(p))));
    for (const [id, svg] of this.qr) {
      const holder = this.element.querySelector(`li[data-pass="${id}"] .qr`);
      if (holder && holder.childElementCount === 0) holder.append(new DOMParser().parseFromString(svg, "image/svg+xml").documentElement);
    }
  }

  private requestForm(): HTMLElement {
    if (this.crews.length === 0) return h("p", { class: "muted" }, t("noCrews"));
    const crew = this.crews.find((c) => c.id === this.crewId) ?? this.crews[0];
    const today = localToday();
    const zones = this.store.all("zone").filter((z) => z.status === "active").sort((a, b) => a.name.localeCompare(b.name));
    // One pass is one district's to decide: once a zone is picked, only its district's zones are offered.
    const picked = this.zoneIds.filter((id) => zones.some((z) => z.id === id));
    const district = zones.find((z) => z.id === picked[0])?.districtId ?? zones[0]?.districtId;
    const offered = zones.filter((z) => z.districtId === district);
    const chosen = picked.length > 0 ? picked : offered.slice(0, 1).map((z) => z.id);
    const checkpoints = district ? this.store.all("checkpoint").filter((c) => c.districtId === district) : [];
    const incidents = this.state.all().filter((i) => i.enterpriseId === this.enterprise && isOpen(i));
    const now = Date.now();
    return h("form", { class: "request-pass", onsubmit: (e: Event) => { e.preventDefault(); void this.request(e.target as HTMLFormElement); } },
      h("h3", {}, t("requestPass")),
      h("label", {}, t("crew"), " ", select("pass-crew", this.crews.map((c): [string, string] => [c.id, c.name]), crew.id,
        { onchange: (e: Event) => { this.crewId = (e.target as HTMLSelectElement).value; this.render(); } })),
      h("fieldset", {}, ...(crew.members ?? []).map((m) => {
        const declared = m.declaredOn === today;
        return h("label", { class: "member", "data-member": m.id },
          h("input", { type: "checkbox", name: "pass-member", value: m.id, checked: declared, disabled: !declared }), ` ${m.name}`,
          declared ? null : h("small", { class: "muted" }, ` (${t("notDeclared")}) `),
          declared ? null : h("button", { type: "button", class: "declare", onclick: () => void this.declare(crew.id, m.id) }, t("declareHealth")));
      })),
      h("label", {}, t("passZones"), " ", h("select", {
        name: "pass-zones", multiple: true, title: t("passZonesHint"),
        onchange: (e: Event) => { this.zoneIds = [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value); this.render(); },
      }, ...(picked.length > 0 ? offered : zones).map((z) => h("option", { value: z.id, selected: chosen.includes(z.id) }, z.name)))),
      h("label", {}, t("passCheckpoints"), " ", select("pass-checkpoints", checkpoints.map((c): [string, string] => [c.id, c.name]), checkpoints[0]?.id ?? "", { multiple: true })),
      incidents.length > 0 ? h("label", {}, t("passIncident"), " ", select("pass-incident",
        [["", t("noIncidentLink")], ...incidents.map((i): [string, string] => [i.id, `${word(i.state)} · ${i.subjects?.[0]?.id ?? i.id}`])], "")) : null,
      h("label", {}, t("validFrom"), " ", h("input", { type: "datetime-local", name: "pass-from", value: localInput(now) })),
      h("label", {}, t("validUntil"), " ", h("input", { type: "datetime-local", name: "pass-until", value: localInput(now + 8 * 3600_000) })),
      h("button", { type: "submit", name: "request-pass" }, t("requestPass")));
  }

  private item(pass: PassView): HTMLElement {
    const zones = (pass.zoneIds ?? []).map((z) => this.store.get("zone", z)?.name ?? z).join(", ");
    const decides = this.district !== null && this.district === pass.districtId;
    return h("li", { class: `pass ${pass.state}`, "data-pass": pass.id, "data-state": pass.state },
      h("strong", {}, word(pass.state)), ` · ${pass.enterpriseId} · ${(pass.members ?? []).map((m) => m.name).join(", ")} · ${zones}`,
      h("br", {}), h("small", { class: "muted" }, `${formatTime(pass.validFrom ?? null)} – ${formatTime(pass.validUntil ?? null)}`),
      pass.reason ? h("small", {}, ` · ${pass.reason}`) : null,
      decides && pass.state === "requested" ? h("div", { class: "decide" },
        h("input", { type: "text", name: "pass-reason", placeholder: t("reason"), "aria-label": t("reason") }),
        h("button", { type: "button", class: "grant", onclick: (e: Event) => void this.decide(pass, true, e) }, t("grantPass")),
        h("button", { type: "button", class: "refuse", onclick: (e: Event) => void this.decide(pass, false, e) }, t("refusePass"))) : null,
      decides && pass.state === "granted" ? h("div", { class: "revoke" },
        h("input", { type: "text", name: "revoke-reason", placeholder: t("reason"), "aria-label": t("reason"), required: true }),
        h("button", { type: "button", class: "revoke", onclick: (e: Event) => void this.revoke(pass, e) }, t("revokePass"))) : null,
      pass.state === "granted" && this.enterprise === pass.enterpriseId ? h("div", { class: "qr", "aria-label": t("passToken") }) : null);
  }

  /** A granted pass's QR code, fetched once with the session's token (an <img> could not send it). */
  async showCodes(): Promise<void> {
    for (const pass of this.state.allPasses())
      if (pass.state === "granted" && this.enterprise === pass.enterpriseId && !this.qr.has(pass.id)) {
        const response = await fetch(`/api/passes/${encodeURIComponent(pass.id)}/qr.svg`, { headers: { authorization: `Bearer ${token()}` } });
        if (response.ok) this.qr.set(pass.id, await response.text());
      }
    this.render();
  }

  private async act(action: () => Promise<unknown>): Promise<void> {
    try {
      this.message = "";
      await action();
    } catch (e) {
      this.message = describeError(e, t);
    }
    this.render();
  }

  private declare(crewId: string, memberId: string): Promise<void> {
    return this.act(async () => {
      await put(`/api/organisations/${encodeURIComponent(this.enterprise!)}/crews/${encodeURIComponent(crewId)}/members/${encodeURIComponent(memberId)}/declaration`, {});
      await this.refreshCrews();
    });
  }

  private request(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const checkpoints = [...(form.querySelector("select[name=pass-checkpoints]") as HTMLSelectElement).selectedOptions].map((o) => o.value);
    const zones = [...(form.querySelector("select[name=pass-zones]") as HTMLSelectElement).selectedOptions].map((o) => o.value);
    const incident = data.get("pass-incident");
    return this.act(() => post("/api/passes", {
      crewId: data.get("pass-crew"), memberIds: data.getAll("pass-member"), zoneIds: zones, checkpointIds: checkpoints,
      validFrom: new Date(String(data.get("pass-from"))).toISOString(), validUntil: new Date(String(data.get("pass-until"))).toISOString(),
      ...(incident ? { incidentId: incident } : {}),
    }));
  }

  private decide(pass: PassView, grant: boolean, event: Event): Promise<void> {
    const reason = ((event.target as HTMLElement).parentElement?.querySelector("input[name=pass-reason]") as HTMLInputElement | null)?.value || undefined;
    return this.act(() => post(`/api/passes/${encodeURIComponent(pass.id)}/decision`, { grant, ...(reason ? { reason } : {}) }));
  }

  /** Taking a pass back says why: the crew and the officers read it. */
  private revoke(pass: PassView, event: Event): Promise<void> {
    const reason = ((event.target as HTMLElement).parentElement?.querySelector("input[name=revoke-reason]") as HTMLInputElement | null)?.value.trim() ?? "";
    if (!reason) {
      this.message = t("reasonRequired");
      this.render();
      return Promise.resolve();
    }
    return this.act(() => post(`/api/passes/${encodeURIComponent(pass.id)}/revoke`, { reason }));
  }
}
