// The power-priority queue for power and water companies: sites on battery or generator, ranked by
// the coverage that would be lost if they went down.

import { get } from "../api";
import { formatNumber, t, word } from "../i18n";
import type { SituationStore } from "../store";
import type { PowerPriorityItem } from "../../generated/contract";
import { debounced, h, replace } from "./dom";

export class PowerPanel {
  readonly element = h("section", { class: "panel", "aria-labelledby": "power-title" });
  private items: PowerPriorityItem[] = [];
  onOpenSite: (id: string) => void = () => {};

  constructor(private readonly store: SituationStore) {}

  /** The queue follows site changes, fetched again at most every few seconds. */
  readonly changed = debounced(() => void this.refresh(), 3_000);

  async refresh(): Promise<void> {
    try {
      this.items = await get<PowerPriorityItem[]>("/api/power-priority");
    } catch {
      // Keep the last queue.
    }
    this.render();
  }

  render(): void {
    replace(this.element,
      h("h2", { id: "power-title" }, t("powerQueue")),
      h("table", { class: "power" },
        h("thead", {}, h("tr", {}, h("th", {}, t("rank")), h("th", {}, t("sites")), h("th", {}, t("power")), h("th", {}, t("zoneLoss")), h("th", {}, t("districtLoss")))),
        h("tbody", {}, ...this.items.slice(0, 50).map((i) => h("tr", { "data-site": i.siteId },
          h("td", {}, String(i.rank)),
          h("td", {}, h("button", { class: "link", onclick: () => this.onOpenSite(i.siteId) }, i.siteId),
            h("small", { class: "muted" }, ` ${i.operator} · ${this.store.get("district", i.districtId)?.name ?? i.districtId}`)),
          h("td", {}, `${word(i.power)}${i.batteryMinutes != null ? ` · ${i.batteryMinutes}′` : ""}`),
          h("td", {}, formatNumber(i.zoneLossKm2, 2)),
          h("td", {}, formatNumber(i.districtLossKm2, 2)))))));
  }
}
