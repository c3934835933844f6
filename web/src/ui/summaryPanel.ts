// The leaders' province summary: totals now and charts of the last hours (sites down, active
// zones, open flags), from GET /api/summary, sampled by the server once a minute.

import { get } from "../api";
import { formatNumber, formatTime, t } from "../i18n";
import { debounced, h, replace } from "./dom";
import type { SummaryPoint as Point } from "../../generated/contract";

const HOURS = 6;
const SVG = "http://www.w3.org/2000/svg";

export class SummaryPanel {
  readonly element = h("section", { class: "panel summary", "aria-labelledby": "summary-title" });
  private points: Point[] = [];
  private timer = 0;

  start(): void {
    void this.refresh();
    this.timer = window.setInterval(() => void this.refresh(), 60_000);
  }

  stop(): void {
    window.clearInterval(this.timer);
  }

  /** Called on changes; the newest totals are fetched at most every few seconds. */
  readonly changed = debounced(() => void this.refresh(), 3_000);

  async refresh(): Promise<void> {
    try {
      const since = Date.now() - HOURS * 3600_000;
      this.points = (await get<Point[]>("/api/summary")).filter((p) => new Date(p.at).getTime() >= since);
    } catch {
      // Keep the last picture; the connection indicator tells about the outage.
    }
    this.render();
  }

  render(): void {
    const now = this.points[this.points.length - 1];
    replace(this.element,
      h("h2", { id: "summary-title" }, t("summary")),
      now
        ? h("div", { class: "totals" },
            this.total(t("sitesDown"), `${formatNumber(now.sitesDown)}/${formatNumber(now.sites)}`, "sites-down"),
            this.total(t("activeZones"), formatNumber(now.activeZones), "active-zones"),
            this.total(t("openFlags"), `${formatNumber(now.openFlags)} (${formatNumber(now.criticalFlags)} ▲)`, "open-flags"))
        : null,
      h("h3", {}, `${t("lastHours")} (${HOURS} h)`),
      this.chart(t("sitesDown"), (p) => p.sitesDown, "#c62828"),
      this.chart(t("activeZones"), (p) => p.activeZones, "#b71c1c"),
      this.chart(t("openFlags"), (p) => p.openFlags, "#6a1b9a"),
      this.points.length > 0 ? h("small", { class: "muted" }, `${formatTime(this.points[0].at)} – ${formatTime(now.at)}`) : null);
  }

  private total(label: string, value: string, name: string): HTMLElement {
    return h("div", { class: "total", "data-total": name }, h("span", { class: "value" }, value), h("span", { class: "muted" }, label));
  }

  /** A step chart of one series with its maximum; the line's shape carries the trend without colour. */
  private chart(label: string, value: (p: Point) => number, colour: string): Element {
    const width = 300, height = 60;
    const figure = h("figure", { class: "chart" }, h("figcaption", {}, label));
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    if (this.points.length > 0) {
      const max = Math.max(1, ...this.points.map(value));
      const t0 = new Date(this.points[0].at).getTime();
      const span = Math.max(1, new Date(this.points[this.points.length - 1].at).getTime() - t0);
      const xy = this.points.map((p) => [((new Date(p.at).getTime() - t0) / span) * (width - 40), height - 4 - (value(p) / max) * (height - 12)]);
      const path = document.createElementNS(SVG, "polyline");
      path.setAttribute("points", xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "));
      path.setAttribute("fill", "none");
      path.setAttribute("stroke", colour);
      path.setAttribute("stroke-width", "2");
      svg.append(path);
      const text = document.createElementNS(SVG, "text");
      text.setAttribute("x", String(width - 36));
      text.setAttribute("y", "14");
      text.setAttribute("font-size", "12");
      text.textContent = `max ${formatNumber(max)}`;
      svg.append(text);
    }
    figure.append(svg);
    return figure;
  }
}
