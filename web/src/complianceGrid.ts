// The compliance board's grid, apart from the page (README "Directives"): addressees × kinds of
// obligation, each cell the most urgent of that addressee's obligations of that kind; the rows in
// the order that needs attention first (an overdue cell, then the most still owed); and the grid as
// CSV for a spreadsheet, as the board shows it.

import type { ObligationView } from "../generated/contract";
import { ObligationKind } from "../generated/contract";
import { URGENCY } from "./directives";

export interface GridFilter {
  kind: string;
  district: string;
}

export interface GridRow {
  organisation: string;
  cells: Map<string, ObligationView>;
}

export interface Grid {
  kinds: string[];
  rows: GridRow[];
  overdue: number;
}

/** The most urgent of some obligations: overdue before pending before met before waived. */
export const worst = (obligations: ObligationView[]) =>
  obligations.reduce<ObligationView | undefined>((a, b) => (!a || URGENCY[b.status] < URGENCY[a.status] ? b : a), undefined);

/** The grid of the obligations that pass the filter: only the kinds that occur, in the contract's order. */
export function buildGrid(all: ObligationView[], filter: GridFilter): Grid {
  const obligations = all.filter((o) => (!filter.kind || o.kind === filter.kind) && (!filter.district || o.districtId === filter.district));
  const kinds = ObligationKind.filter((k) => obligations.some((o) => o.kind === k));
  const byOrganisation = new Map<string, ObligationView[]>();
  for (const o of obligations) byOrganisation.set(o.organisationId, [...(byOrganisation.get(o.organisationId) ?? []), o]);
  const rank = (owed: ObligationView[]) =>
    Math.min(...owed.map((o) => URGENCY[o.status] ?? 9)) * 1000 - owed.filter((o) => o.status !== "met" && o.status !== "waived").length;
  const rows = [...byOrganisation.entries()]
    .sort(([a, x], [b, y]) => rank(x) - rank(y) || a.localeCompare(b))
    .map(([organisation, owed]) => ({
      organisation,
      cells: new Map(kinds.flatMap((k) => {
        const shown = worst(owed.filter((o) => o.kind === k));
        return shown ? [[k, shown] as const] : [];
      })),
    }));
  return { kinds, rows, overdue: obligations.filter((o) => o.status === "overdue").length };
}

/**
 * The grid as CSV (UTF-8 with a BOM, for spreadsheets): a row per addressee, a column per kind
 * holding its cell's status and, while it is owed, its deadline (ISO 8601).
 */
export function gridCsv(grid: Grid, nameOf: (organisation: string) => string | undefined): string {
  const quote = (value: unknown) => `"${String(value ?? "").replaceAll('"', '""')}"`;
  const header = ["organisation", "name", ...grid.kinds];
  const lines = grid.rows.map((row) => [
    row.organisation, nameOf(row.organisation) ?? "",
    ...grid.kinds.map((k) => {
      const cell = row.cells.get(k);
      if (!cell) return "";
      const owed = cell.deadline && (cell.status === "overdue" || cell.status === "pending");
      return owed ? `${cell.status} (${cell.deadline})` : cell.status;
    }),
  ].map(quote).join(","));
  return "\ufeff" + [header.map(quote).join(","), ...lines].join("\r\n") + "\r\n";
}
