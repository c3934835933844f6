// A district's availability over a period (README "History"): a bar for each part of the period,
// its height the share of site-time in service, from GET /api/districts/{id}/availability.

import { get } from "../api";
import { formatTime, t } from "../i18n";
import { bars, type AvailabilityPoint } from "../availability";
import { h } from "./dom";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag: string, attributes: Record<string, string | number>, ...children: Node[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** Fetches a district's series for the last day or week and draws it. */
export async function availabilityChart(districtId: string, days: 1 | 7): Promise<HTMLElement> {
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const series = await get<{ points: AvailabilityPoint[] }>(
    `/api/districts/${encodeURIComponent(districtId)}/availability?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&points=${days === 1 ? 24 : 28}`);
  const width = 280, height = 80;
  const drawn = bars(series.points, width, height);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height + 14}`, width: "100%", role: "img", "aria-label": t("availabilityChart") },
    svg("rect", { x: 0, y: 0, width, height, fill: "#f3f6f9" }),
    ...drawn.map((b) => svg("rect", { x: b.x, y: b.y, width: b.width, height: b.height, fill: b.share !== null && b.share < 0.95 ? "#c0392b" : "#1b7f3b", "data-share": b.share ?? "" },
      svg("title", {}, document.createTextNode(`${formatTime(b.from)} – ${formatTime(b.to)}: ${b.share === null ? "—" : `${(b.share * 100).toFixed(1)} %`}`)))),
    svg("text", { x: 0, y: height + 12, "font-size": 9 }, document.createTextNode(formatTime(from))),
    svg("text", { x: width, y: height + 12, "font-size": 9, "text-anchor": "end" }, document.createTextNode(formatTime(to))));
  const lowest = series.points.reduce<number | null>((low, p) => (p.availability === null ? low : Math.min(low ?? 1, p.availability)), null);
  return h("figure", { class: "availability", "data-district": districtId, "data-parts": series.points.length },
    chart,
    h("figcaption", {}, `${t("availabilityChart")} · ${t("availabilityLowest")}: ${lowest === null ? "—" : `${(lowest * 100).toFixed(1)} %`}`));
}
