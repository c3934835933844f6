// The compliance board for the DIC's leaders and administrators: every addressee × every kind of
// obligation, each cell coloured by its status with the deadline's countdown, overdue first;
// filters by kind and district; a cell opens its clause, what was found, and its history — each
// turn of its status (the platform's own too) and the records behind it; the grid as CSV.

import { get } from "../api";
import { buildGrid, gridCsv } from "../complianceGrid";
import { currentLang, formatProvinceTime, formatTime, t, word } from "../i18n";
import { readsAudit } from "../permissions";
import type { User } from "../session";
import type { DirectivesState } from "../directives";
import type { ObligationStatusChange, ObligationView, OrganisationView } from "../../generated/contract";
import { ObligationKind } from "../../generated/contract";
import { h, replace, select } from "./dom";
import { countdown, foundLine, statusMark } from "./obligationCell";

interface AuditRecord { at: string; actor: string; action: string }

/** One line of a cell's history: when, what, by whom. */
interface HistoryLine { at: string; text: string }

export class ComplianceBoard {
  readonly element = h("section", { class: "panel compliance", "aria-labelledby": "compliance-title" });
  private kind = "";
  private district = "";
  private opened: string | null = null;
  /** The opened cell's status changes (on the directives' clock) and the audit records behind them (on the platform's). */
  private history: { changes: HistoryLine[]; records: HistoryLine[] } = { changes: [], records: [] };

  constructor(private readonly directives: DirectivesState, private readonly user: User, private readonly now: () => number) {}

  render(): void {
    const now = this.now();
    const grid = buildGrid(this.directives.allObligations(), { kind: this.kind, district: this.district });
    const districts = this.directives.allOrganisations().filter((o) => o.kind === "district" && o.districtId);

    replace(this.element,
      h("h2", { id: "compliance-title" }, `${t("compliance")} (${t("overdueCount", { n: grid.overdue })})`),
      h("div", { class: "filters" },
        select("compliance-kind", [["", t("allObligationKinds")], ...ObligationKind.map((k): [string, string] => [k, word(k)])], this.kind,
          { "aria-label": t("obligationKind"), onchange: (e: Event) => { this.kind = (e.target as HTMLSelectElement).value; this.render(); } }),
        select("compliance-district", [["", t("allDistricts")], ...districts.map((d): [string, string] => [d.districtId!, d.name])], this.district,
          { "aria-label": t("districts"), onchange: (e: Event) => { this.district = (e.target as HTMLSelectElement).value; this.render(); } }),
        h("button", { type: "button", name: "compliance-csv", onclick: () => this.download(gridCsv(grid, (o) => this.directives.organisation(o)?.name)) }, t("exportCsv"))),
      h("div", { class: "grid-scroll" },
        h("table", { class: "compliance-grid" },
          h("thead", {}, h("tr", {}, h("th", {}, t("organisation")), ...grid.kinds.map((k) => h("th", { scope: "col" }, word(k))))),
          h("tbody", {}, ...grid.rows.map((row) => h("tr", { "data-organisation": row.organisation },
            h("th", { scope: "row" }, this.directives.organisation(row.organisation)?.name ?? row.organisation),
            ...grid.kinds.map((k) => this.cell(row.cells.get(k), now))))))),
      this.opened ? this.detail(this.opened, now) : null);
  }

  private cell(shown: ObligationView | undefined, now: number): HTMLElement {
    if (!shown) return h("td", { class: "none" }, "");
    return h("td", { class: `cell ${shown.status}`, "data-obligation": shown.id, "data-status": shown.status, "data-kind": shown.kind },
      h("button", { type: "button", class: "cell-open", title: `${shown.clause} · ${word(shown.status)} ${countdown(shown, now)}`, onclick: () => void this.open(shown.id) },
        statusMark(shown, now)));
  }

  /**
   * A cell's history: every turn of its status (kept by the platform, its own decisions included)
   * and, for leaders and administrators, the records behind them in the audit trail — the
   * organisation's own for what the platform decides from its records.
   */
  private async open(id: string): Promise<void> {
    this.opened = id;
    this.history = { changes: [], records: [] };
    this.render();
    const obligation = this.directives.allObligations().find((o) => o.id === id);
    const trail = obligation?.kind === "contact_point" || obligation?.kind === "health_declarations" ? `organisation/${obligation.organisationId}`
      : obligation?.kind === "duty_roster" ? `roster/${obligation.organisationId}`
      : `obligation/${id}`;
    const [changes, records] = await Promise.all([
      get<{ items: ObligationStatusChange[] }>(`/api/obligations/${encodeURIComponent(id)}/status-changes`).then((p) => p.items).catch(() => []),
      readsAudit(this.user)
        ? get<{ items: AuditRecord[] }>(`/api/audit?entity=${encodeURIComponent(trail)}&limit=20`).then((p) => p.items).catch(() => [])
        : Promise.resolve([]),
    ]);
    this.history = {
      changes: changes.map((c) => ({
        at: formatProvinceTime(c.at),
        text: `${c.from ? `${word(c.from)} → ` : ""}${word(c.to)} · ${c.by === "system" ? t("byPlatform") : c.by}${c.finding ? ` · ${foundLine(c.finding, c.evidence)}` : ""}`,
      })),
      records: records.map((r) => ({ at: formatTime(r.at), text: `${r.actor} · ${r.action}` })),
    };
    if (this.opened === id) this.render();
  }

  private detail(id: string, now: number): HTMLElement | null {
    const obligation = this.directives.allObligations().find((o) => o.id === id);
    if (!obligation) return null;
    const organisation = this.directives.organisation(obligation.organisationId);
    const found = foundLine(obligation.finding, obligation.evidence);
    return h("div", { class: "obligation-detail", "data-obligation": id },
      h("h3", {}, `${organisation?.name ?? obligation.organisationId} — ${word(obligation.kind)}`),
      h("p", {}, h("strong", {}, `${this.directives.directiveNumber(obligation.directiveId)}, ${t("clause")} ${obligation.clause}: `),
        this.directives.clauseText(obligation.directiveId, obligation.clause, currentLang() === "en")),
      h("p", {}, statusMark(obligation, now), " ", h("small", { class: "muted" }, `${t("since")} ${formatProvinceTime(obligation.statusSince)}`)),
      obligation.deadline ? h("p", {}, `${t("deadline")}: ${formatProvinceTime(obligation.deadline)}`) : null,
      found ? h("p", { class: "finding" }, `${t("evidence")}: ${found}`) : null,
      obligation.document ? h("p", {}, `${t("document")}: ${obligation.document}`) : null,
      contactLine(organisation),
      this.history.changes.length > 0
        ? h("div", {}, h("h4", {}, t("statusChanges")), h("ul", { class: "history status-changes" }, ...this.history.changes.map((r) => h("li", {}, `${r.at} · ${r.text}`))))
        : null,
      this.history.records.length > 0
        ? h("div", {}, h("h4", {}, t("history")), h("ul", { class: "history records" }, ...this.history.records.map((r) => h("li", {}, `${r.at} · ${r.text}`))))
        : null,
      h("button", { type: "button", onclick: () => { this.opened = null; this.render(); } }, t("close")));
  }

  /** The grid as the board shows it (its filters too), for a spreadsheet. */
  private download(csv: string): void {
    const blob = new Blob([csv], { type: "text/csv;charset=utf-8" });
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
