// An organisation's duty roster from a CSV file (id, duty, person, phone, start, end): rows sent in
// chunks, with a progress bar and an error per row; good rows are kept even when others are not.

import { post } from "../api";
import { parseCsv, shiftItem, type Row, type RowError } from "../csv";
import { t } from "../i18n";
import { h, replace } from "./dom";

const ROWS_PER_REQUEST = 100;

interface RowResult { row: number; status: number; errors?: Record<string, string[]> | null }

export class RosterImport {
  readonly element = h("div", { class: "roster-import" });
  private done = 0;
  private total = 0;
  private errors: RowError[] = [];
  private finished = false;

  constructor(private readonly organisationId: string) {}

  render(): void {
    const file = h("input", { type: "file", name: "roster-csv", accept: ".csv,text/csv", "aria-label": t("importRoster") });
    file.addEventListener("change", () => {
      const chosen = file.files?.[0];
      if (chosen) void chosen.text().then((text) => this.import(text));
    });
    replace(this.element,
      h("label", {}, t("importRoster"), " ", file),
      h("small", { class: "muted" }, "id, duty, person, phone, start, end"),
      this.total > 0 ? h("progress", { max: this.total, value: this.done, "aria-label": t("importRoster") }) : null,
      this.finished ? h("p", { class: "import-result", role: "status" }, t("importDone", { ok: this.total - this.errors.length, total: this.total })) : null,
      this.errors.length > 0
        ? h("table", { class: "row-errors", "aria-label": t("rowErrors") },
            h("caption", {}, t("rowErrors")),
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
    for (let i = 0; i < rows.length; i += ROWS_PER_REQUEST) await this.send(rows.slice(i, i + ROWS_PER_REQUEST));
    this.errors.sort((a, b) => a.line - b.line);
    this.finished = true;
    this.render();
  }

  private async send(chunk: Row[]): Promise<void> {
    const sent: Row[] = [];
    const items: unknown[] = [];
    for (const row of chunk) {
      const { item, error } = shiftItem(row);
      if (error) this.errors.push(error);
      else { sent.push(row); items.push(item); }
    }
    if (items.length > 0) {
      try {
        const answer = await post<{ results: RowResult[] }>(`/api/organisations/${encodeURIComponent(this.organisationId)}/shifts`, { shifts: items });
        for (const result of answer.results) {
          if (result.status === 200) continue;
          const line = sent[result.row - 1].line;
          const entries = Object.entries(result.errors ?? {});
          if (entries.length === 0) this.errors.push({ line, field: "", message: String(result.status) });
          for (const [field, messages] of entries) this.errors.push({ line, field, message: messages.join("; ") });
        }
      } catch (e) {
        for (const row of sent) this.errors.push({ line: row.line, field: "", message: e instanceof Error ? e.message : String(e) });
      }
    }
    this.done += chunk.length;
    const bar = this.element.querySelector("progress");
    if (bar) bar.value = this.done;
  }
}
