// What an import of a CSV file shows while and after it runs: a progress bar, how many rows went
// in, and an error per row that did not (its line in the file, the field, what was wrong).

import type { RowError } from "../csv";
import { t } from "../i18n";
import { h } from "./dom";

export interface ImportProgress {
  done: number;
  total: number;
  finished: boolean;
  errors: RowError[];
}

export function importReport(progress: ImportProgress, label: string): Array<HTMLElement | null> {
  return [
    progress.total > 0 ? h("progress", { max: progress.total, value: progress.done, "aria-label": label }) : null,
    progress.finished ? h("p", { class: "import-result", role: "status" }, t("importDone", { ok: progress.total - progress.errors.length, total: progress.total })) : null,
    progress.errors.length > 0
      ? h("table", { class: "row-errors", "aria-label": t("rowErrors") },
          h("caption", {}, t("rowErrors")),
          h("thead", {}, h("tr", {}, h("th", {}, t("row")), h("th", {}, ""))),
          h("tbody", {}, ...progress.errors.map((e) => h("tr", { "data-line": e.line }, h("td", {}, String(e.line)), h("td", {}, `${e.field}: ${e.problem ? t(e.problem) : e.message}`)))))
      : null,
  ];
}

/** Moves the bar without drawing the rest again. */
export function advance(element: HTMLElement, progress: ImportProgress, count: number): void {
  progress.done += count;
  const bar = element.querySelector("progress");
  if (bar) bar.value = progress.done;
}
