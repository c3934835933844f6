// An operator's import of a CSV of sites or of reports, with a progress bar and an error per row.

import { ApiError, post } from "../api";
import { parseCsv, reportItem, siteBody, type Row, type RowError } from "../csv";
import { t } from "../i18n";
import { h, replace, select } from "./dom";
import { advance, importReport, type ImportProgress } from "./importReport";

const REPORTS_PER_REQUEST = 200;
const SITE_REQUESTS_AT_ONCE = 4;

export class OperatorTools {
  readonly element = h("section", { class: "panel", "aria-labelledby": "import-title" });
  private kind: "sites" | "reports" = "reports";
  private readonly progress: ImportProgress = { done: 0, total: 0, finished: false, errors: [] };

  render(): void {
    const file = h("input", { type: "file", name: "csv", accept: ".csv,text/csv", "aria-label": t("importCsv") });
    file.addEventListener("change", () => {
      const chosen = file.files?.[0];
      if (chosen) void chosen.text().then((text) => this.import(text));
    });
    replace(this.element,
      h("h2", { id: "import-title" }, t("importCsv")),
      h("label", {}, select("import-kind", [["reports", t("importReports")], ["sites", t("importSites")]], this.kind,
        { "aria-label": t("importCsv"), onchange: (e: Event) => { this.kind = (e.target as HTMLSelectElement).value as "sites" | "reports"; } })),
      file,
      ...importReport(this.progress, t("importCsv")));
  }

  async import(text: string): Promise<void> {
    const rows = parseCsv(text);
    Object.assign(this.progress, { done: 0, total: rows.length, finished: false, errors: [] });
    this.render();
    if (this.kind === "reports") await this.importReports(rows);
    else await this.importSites(rows);
    this.progress.errors.sort((a, b) => a.line - b.line);
    this.progress.finished = true;
    this.render();
  }

  private async importReports(rows: Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i += REPORTS_PER_REQUEST) {
      const chunk = rows.slice(i, i + REPORTS_PER_REQUEST);
      const sent: Row[] = [];
      const items: unknown[] = [];
      for (const row of chunk) {
        const { item, error } = reportItem(row);
        if (error) this.progress.errors.push(error);
        else { sent.push(row); items.push(item); }
      }
      if (items.length > 0) {
        try {
          const answer = await post<{ results: Array<{ status: number; outcome: string; errors?: Record<string, string[]> }> }>("/api/reports", { reports: items });
          answer.results.forEach((result, k) => {
            if (result.status !== 200)
              this.progress.errors.push(...describe(sent[k].line, result.errors, result.outcome));
          });
        } catch (e) {
          for (const row of sent) this.progress.errors.push({ line: row.line, field: "", message: e instanceof Error ? e.message : String(e) });
        }
      }
      advance(this.element, this.progress, chunk.length);
    }
  }

  private async importSites(rows: Row[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const { body, error } = siteBody(row);
        if (error) this.progress.errors.push(error);
        else {
          try {
            await post("/api/sites", body);
          } catch (e) {
            this.progress.errors.push(...(e instanceof ApiError ? describe(row.line, e.errors, e.detail ?? e.title) : [{ line: row.line, field: "", message: String(e) }]));
          }
        }
        advance(this.element, this.progress, 1);
      }
    };
    await Promise.all(Array.from({ length: SITE_REQUESTS_AT_ONCE }, worker));
  }
}

function describe(line: number, errors: Record<string, string[]> | undefined, fallback: string): RowError[] {
  const entries = Object.entries(errors ?? {});
  return entries.length === 0 ? [{ line, field: "", message: fallback }] : entries.map(([field, messages]) => ({ line, field, message: messages.join("; ") }));
}
