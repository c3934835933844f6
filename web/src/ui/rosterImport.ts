// An organisation's duty roster from a CSV file (id, duty, person, phone, start, end): rows sent in
// chunks, with a progress bar and an error per row; good rows are kept even when others are not.

import { post } from "../api";
import { parseCsv, shiftItem, type Row } from "../csv";
import { t } from "../i18n";
import { h, replace } from "./dom";
import { advance, importReport, type ImportProgress } from "./importReport";

const ROWS_PER_REQUEST = 100;

interface RowResult { row: number; status: number; errors?: Record<string, string[]> | null }

export class RosterImport {
  readonly element = h("div", { class: "roster-import" });
  private readonly progress: ImportProgress = { done: 0, total: 0, finished: false, errors: [] };

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
      ...importReport(this.progress, t("importRoster")));
  }

  async import(text: string): Promise<void> {
    const rows = parseCsv(text);
    Object.assign(this.progress, { done: 0, total: rows.length, finished: false, errors: [] });
    this.render();
    for (let i = 0; i < rows.length; i += ROWS_PER_REQUEST) await this.send(rows.slice(i, i + ROWS_PER_REQUEST));
    this.progress.errors.sort((a, b) => a.line - b.line);
    this.progress.finished = true;
    this.render();
  }

  private async send(chunk: Row[]): Promise<void> {
    const sent: Row[] = [];
    const items: unknown[] = [];
    for (const row of chunk) {
      const { item, error } = shiftItem(row);
      if (error) this.progress.errors.push(error);
      else { sent.push(row); items.push(item); }
    }
    if (items.length > 0) {
      try {
        const answer = await post<{ results: RowResult[] }>(`/api/organisations/${encodeURIComponent(this.organisationId)}/shifts`, { shifts: items });
        for (const result of answer.results) {
          if (result.status === 200) continue;
          const line = sent[result.row - 1].line;
          const entries = Object.entries(result.errors ?? {});
          if (entries.length === 0) this.progress.errors.push({ line, field: "", message: String(result.status) });
          for (const [field, messages] of entries) this.progress.errors.push({ line, field, message: messages.join("; ") });
        }
      } catch (e) {
        for (const row of sent) this.progress.errors.push({ line: row.line, field: "", message: e instanceof Error ? e.message : String(e) });
      }
    }
    advance(this.element, this.progress, chunk.length);
  }
}
