// The compliance board for the DIC's leaders and administrators: every addressee × every kind of
// obligation, each cell coloured by its status with the deadline's countdown, overdue first;
// filters by kind and district; a cell opens its clause, evidence and history; the grid as CSV.

import { get } from "../api";
import { currentLang, formatProvinceTime, formatTime, t, word } from "../i18n";
import { readsAudit } from "../permissions";
import type { User } from "../session";
import { URGENCY, type DirectivesState } from "../directives";
import type { ObligationView, OrganisationView } from "../../generated/contract";
import { ObligationKind } from "../../generated/contract";
import { h, replace, select } from "./dom";
import { countdown, statusMark } from "./obligationCell";

interface AuditRecord { at: string; actor: string; action: string }

const worst = (obligations: ObligationView[]) =>
  obligations.reduce<ObligationView | undefined>((a, b) => (!a || URGENCY[b.status] < URGENCY[a.status] ? b : a), undefined);

export class ComplianceBoard {
  readonly element = h("section", { class: "panel compliance", "aria-labelledby": "compliance-title" });
  private kind = "";
  private district = "";
  private opened: string | null = null;
  private history: AuditRecord[] = [];

  constructor(private readonly directives: DirectivesState, private readonly user: User, private readonly now: () => number) {}

  render(): void {
    const now = this.now();
    const obligations = this.directives.allObligations()
      .filter((o) => (!this.kind || o.kind === this.kind) && (!this.district || o.districtId === this.district));
    const kinds = ObligationKind.filter((k) => obligations.some((o) => o.kind === k));
    const byOrganisation = new Map<string, ObligationView[]>();
    for (const o of obligations) byOrganisation.set(o.organisationId, [...(byOrganisation.get(o.organisationId) ?? []), o]);
    const rows = [...byOrganisation.entries()].sort(([a, x], [b, y]) => this.rank(x) - this.rank(y) || a.localeCompare(b));
    const districts = this.directives.allOrganisations().filter((o) => o.kind === "district" && o.districtId);
    const overdue = obligations.filter((o) => o.status === "overdue").length;

    replace(this.element,
      h("h2", { id: "compliance-title" }, `${t("compliance")} (${t("overdueCount", { n: overdue })})`),
      h("div", { class: "filters" },
        select("compliance-kind", [["", t("allObligationKinds")], ...ObligationKind.map((k): [string, string] => [k, word(k)])], this.kind,
          { "aria-label": t("obligationKind"), onchange: (e: Event) => { this.kind = (e.target as HTMLSelectElement).value; this.render(); } }),
        select("compliance-district", [["", t("allDistricts")], ...districts.map((d): [string, string] => [d.districtId!, d.name])], this.district,
          { "aria-label": t("districts"), onchange: (e: Event) => { this.district = (e.target as HTMLSelectElement).value; this.render(); } }),
        h("button", { type: "button", name: "compliance-csv", onclick: () => this.download(obligations) }, t("exportCsv"))),
      h("div", { class: "grid-scroll" },
        h("table", { class: "compliance-grid" },
          h("thead", {}, h("tr", {}, h("th", {}, t("organisation")), ...kinds.map((k) => h("th", { scope: "col" }, word(k))))),
          h("tbody", {}, ...rows.map(([organisation, owed]) => h("tr", { "data-organisation": organisation },
            h("th", { scope: "row" }, this.directives.organisation(organisation)?.name ?? organisation),
            ...kinds.map((k) => this.cell(owed.filter((o) => o.kind === k), now))))))),
      this.opened ? this.detail(this.opened, now) : null);
  }

  private rank(owed: ObligationView[]): number {
    return Math.min(...owed.map((o) => URGENCY[o.status] ?? 9)) * 1000 - owed.filter((o) => o.status !== "met" && o.status !== "waived").length;
  }

  private cell(owed: ObligationView[], now: number): HTMLElement {
    const shown = worst(owed);
    if (!shown) return h("td", { class: "none" }, "");
    return h("td", { class: `cell ${shown.status}`, "data-obligation": shown.id, "data-status": shown.status, "data-kind": shown.kind },
      h("button", { type: "button", class: "cell-open", title: `${shown.clause} · ${word(shown.status)} ${countdown(shown, now)}`, onclick: () => void this.open(shown.id) },
        statusMark(shown, now)));
  }

  private async open(id: string): Promise<void> {
    this.opened = id;
    this.history = [];
    this.render();
    if (!readsAudit(this.user)) return;
    // What the platform decides from an organisation's own records has its history there.
    const obligation = this.directives.allObligations().find((o) => o.id === id);
    const trail = obligation?.kind === "contact_point" || obligation?.kind === "health_declarations" ? `organisation/${obligation.organisationId}`
      : obligation?.kind === "duty_roster" ? `roster/${obligation.organisationId}`
      : `obligation/${id}`;
    try {
      const page = await get<{ items: AuditRecord[] }>(`/api/audit?entity=${encodeURIComponent(trail)}&limit=20`);
      this.history = page.items;
    } catch {
      // The cell shows without its history.
    }
    if (this.opened === id) this.render();
  }

  private detail(id: string, now: number): HTMLElement | null {
    const obligation = this.directives.allObligations().find((o) => o.id === id);
    if (!obligation) return null;
    const organisation = this.directives.organisation(obligation.organisationId);
    return h("div", { class: "obligation-detail", "data-obligation": id },
      h("h3", {}, `${organisation?.name ?? obligation.organisationId} — ${word(obligation.kind)}`),
      h("p", {}, h("strong", {}, `${this.directives.directiveNumber(obligation.directiveId)}, ${t("clause")} ${obligation.clause}: `),
        this.directives.clauseText(obligation.directiveId, obligation.clause, currentLang() === "en")),
      h("p", {}, statusMark(obligation, now), " ", h("small", { class: "muted" }, `${t("since")} ${formatProvinceTime(obligation.statusSince)}`)),
      obligation.deadline ? h("p", {}, `${t("deadline")}: ${formatProvinceTime(obligation.deadline)}`) : null,
      obligation.evidence ? h("p", {}, `${t("evidence")}: ${obligation.evidence}`) : null,
      obligation.document ? h("p", {}, `${t("document")}: ${obligation.document}`) : null,
      contactLine(organisation),
      this.history.length > 0
        ? h("ul", { class: "history" }, ...this.history.map((r) => h("li", {}, `${formatTime(r.at)} · ${r.actor} · ${r.action}`)))
        : null,
      h("button", { type: "button", onclick: () => { this.opened = null; this.render(); } }, t("close")));
  }

  /** The grid as the board shows it, a row per obligation, for a spreadsheet (UTF-8 with a BOM). */
  private download(obligations: ObligationView[]): void {
    const quote = (value: unknown) => `"${String(value ?? "").replaceAll('"', '""')}"`;
    const header = ["organisation", "name", "kind", "directive", "clause", "status", "deadline", "statusSince", "evidence", "document"];
    const lines = [...obligations].sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.id.localeCompare(b.id)).map((o) => [
      o.organisationId, this.directives.organisation(o.organisationId)?.name, o.kind, this.directives.directiveNumber(o.directiveId), o.clause,
      o.status, o.deadline, o.statusSince, o.evidence, o.document].map(quote).join(","));
    const blob = new Blob(["\ufeff" + [header.join(","), ...lines].join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `compliance-${new Date().toISOString().slice(0, 10)}.csv` });
    link.click();
    URL.revokeObjectURL(link.href);
  }
}

/** An organisation's contact point, with a link that dials it. */
export function contactLine(organisation: OrganisationView | undefined): HTMLElement | null {
  const contact = organisation?.contactPoint;
  if (!contact) return null;
  return h("p", { class: "contact" }, `${t("contactPoint")}: ${contact.name}, ${contact.position} · `,
    h("a", { href: `tel:${contact.phone.replace(/[^+0-9]/g, "")}` }, contact.phone),
    contact.email ? h("span", {}, " · ", h("a", { href: `mailto:${contact.email}` }, contact.email)) : null);
}
