// Per-district counters, computed live from the store: sites down, checkpoints without wifi,
// offices open, open flags.

import { formatNumber, t } from "../i18n";
import type { SituationStore } from "../store";
import { h, replace } from "./dom";

interface Counts {
  down: number;
  sites: number;
  noWifi: number;
  officesOpen: number;
  offices: number;
  flags: number;
}

export class CountersPanel {
  readonly element = h("section", { class: "panel", "aria-labelledby": "counters-title" });
  onOpenDistrict: (id: string) => void = () => {};

  constructor(private readonly store: SituationStore) {}

  render(): void {
    const counts = new Map<string, Counts>();
    const of = (key: string) => {
      if (!counts.has(key)) counts.set(key, { down: 0, sites: 0, noWifi: 0, officesOpen: 0, offices: 0, flags: 0 });
      return counts.get(key)!;
    };
    for (const s of this.store.all("site")) {
      const c = of(s.districtId);
      c.sites++;
      if (s.effectiveHealth === "down") c.down++;
    }
    for (const c of this.store.all("checkpoint"))
      if (c.status === "active" && (c.wifi !== "ok" || c.stale)) of(c.districtId).noWifi++;
    for (const o of this.store.all("office")) {
      const c = of(o.districtId);
      c.offices++;
      if (o.status === "open" && !o.stale) c.officesOpen++;
    }
    for (const f of this.store.all("flag")) if (f.districtId) of(f.districtId).flags++;
    const districts = this.store.all("district").sort((a, b) => a.name.localeCompare(b.name));
    replace(this.element,
      h("h2", { id: "counters-title" }, t("counters")),
      h("table", { class: "counters" },
        h("thead", {}, h("tr", {}, h("th", {}, t("districts")), h("th", {}, t("sitesDown")), h("th", {}, t("wifiMissing")), h("th", {}, t("officesOpen")), h("th", {}, t("flags")))),
        h("tbody", {}, ...districts.map((d) => {
          const c = of(d.id);
          return h("tr", { "data-district": d.id, class: `level-${d.level}` },
            h("td", {}, h("button", { class: "link", onclick: () => this.onOpenDistrict(d.id) }, d.name)),
            h("td", { class: c.down > 0 ? "bad" : "" }, `${formatNumber(c.down)}/${formatNumber(c.sites)}`),
            h("td", { class: c.noWifi > 0 ? "bad" : "" }, formatNumber(c.noWifi)),
            h("td", { class: c.officesOpen < c.offices ? "bad" : "" }, `${formatNumber(c.officesOpen)}/${formatNumber(c.offices)}`),
            h("td", { class: c.flags > 0 ? "bad" : "" }, formatNumber(c.flags)));
        }))));
  }
}
