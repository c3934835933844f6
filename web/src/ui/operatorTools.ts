// An operator's import of a CSV of sites or of reports, with a progress bar and an error per row.

import { ApiError, post } from "../api";
import { parseCsv, reportItem, siteBody, type Row, type RowError } from "../csv";
import { t } from "../i18n";
import { h, replace, select } from "./dom";

const REPORTS_PER_REQUEST = 200;
const SITE_REQUESTS_AT_ONCE = 4;

export class OperatorTools {
  readonly element = h("section", { class: "panel", "aria-labelledby": "import-title" });
  private kind: "sites" | "reports" = "reports";
  private done = 0;
  private total = 0;
  private errors: RowError[] = [];
  private finished = false;

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
      this.total > 0 ? h("progress", { max: this.total, value: this.done, "aria-label": t("importCsv") }) : null,
      this.finished ? h("p", { class: "import-result", role: "status" }, t("importDone", { ok: this.total - this.errors.length, total: this.total })) : null,
      this.errors.length > 0
        ? h("table", { class: "row-errors", "aria-label": t("rowErrors") },
            h("caption", {}, t("rowErrors")),
            h("thead", {}, h("tr", {}, h("th", {}, t("row")), h("th", {}, "")),),
            h("tbody", {}, ...this.errors.map((e) => h("tr", { "data-line": e.line }, h("td", {}, String(e.line)), h("td", {}, `${e.field}: ${e.message}`)))))
        : null);
  }

  async import(text: string): Promise<void> {
    const rows = parseCsv(text);
    this.total = rows.length;
    this.done = 0;
    this.errors = [];
    this.finished = false;
    this.render();
    if (this.kind === "reports") await this.importReports(rows);
    else await this.importSites(rows);
    this.errors.sort((a, b) => a.line - b.line);
    this.finished = true;
    this.render();
  }

  private progress(count: number): void {
    this.done += count;
    const bar = this.element.querySelector("progress");
    if (bar) bar.value = this.done;
  }

  private async importReports(rows: Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i += REPORTS_PER_REQUEST) {
      const chunk = rows.slice(i, i + REPORTS_PER_REQUEST);
      const sent: Row[] = [];
      const items: unknown[] = [];
      for (const row of chunk) {
        const { item, error } = reportItem(row);
        if (error) this.errors.push(error);
        else { sent.push(row); items.push(item); }
      }
      if (items.length > 0) {
        try {
          const answer = await post<{ results: Array<{ status: number; outcome: string; errors?: Record<string, string[]> }> }>("/api/reports", { reports: items });
          answer.results.forEach((result, k) => {
            if (result.status !== 200)
              this.errors.push(...describe(sent[k].line, result.errors, result.outcome));
          });
        } catch (e) {
          for (const row of sent) this.errors.push({ line: row.line, field: "", message: e instanceof Error ? e.message : String(e) });
        }
      }
      this.progress(chunk.length);
    }
  }

  private async importSites(rows: Row[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const { body, error } = siteBody(row);
        if (error) this.errors.push(error);
        else {
          try {
            await post("/api/sites", body);
          } catch (e) {
            this.errors.push(...(e instanceof ApiError ? describe(row.line, e.errors, e.detail ?? e.title) : [{ line: row.line, field: "", message: String(e) }]));
          }
        }
        this.progress(1);
      }
    };
    await Promise.all(Array.from({ length: SITE_REQUESTS_AT_ONCE }, worker));
  }
}

function describe(line: number, errors: Record<string, string[]> | undefined, fallback: string): RowError[] {
  const entries = Object.entries(errors ?? {});
  return entries.length === 0 ? [{ line, field: "", message: fallback }] : entries.map(([field, messages]) => ({ line, field, message: messages.join("; ") }));
}
