// Layers that can be switched on and off, and the site filters (operator, kind).

import { t, word } from "../i18n";
import type { MapView } from "../map/mapView";
import type { SituationStore } from "../store";
import { h, replace, select } from "./dom";
import { SiteKind } from "../../generated/contract";

const GROUP_LABELS = ["districts", "zones", "flagged", "sites", "checkpoints", "offices", "routes", "incidents"] as const;

export class LayersPanel {
  readonly element = h("section", { class: "panel", "aria-labelledby": "layers-title" });
  private readonly visible = new Map<string, boolean>(GROUP_LABELS.map((g) => [g, true]));
  private operator = "";
  private kind = "";

  constructor(private readonly map: MapView, private readonly store: SituationStore) {}

  render(): void {
    const operators = [...new Set(this.store.all("site").map((s) => s.operator))].sort();
    replace(this.element,
      h("h2", { id: "layers-title" }, t("layers")),
      h("div", { class: "checks" }, ...GROUP_LABELS.map((group) => h("label", {},
        h("input", {
          type: "checkbox", name: `layer-${group}`, checked: this.visible.get(group),
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            this.visible.set(group, on);
            this.map.setGroupVisible(group, on);
          },
        }), " ", t(group)))),
      h("label", {}, t("operator"), select("site-operator", [["", t("allOperators")], ...operators.map((o): [string, string] => [o, o])], this.operator,
        { onchange: (e: Event) => { this.operator = (e.target as HTMLSelectElement).value; this.apply(); } })),
      h("label", {}, t("kind"), select("site-kind", [["", t("allKinds")], ...SiteKind.map((k): [string, string] => [k, word(k)])], this.kind,
        { onchange: (e: Event) => { this.kind = (e.target as HTMLSelectElement).value; this.apply(); } })));
  }

  private apply(): void {
    this.map.setSiteFilter({ operator: this.operator, kind: this.kind });
  }
}
