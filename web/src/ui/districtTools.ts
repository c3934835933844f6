// A district committee's tools on the map: draw a new quarantine zone (its level, checkpoints and
// existing zones are edited from the details of the district or zone).

import { describeError, post } from "../api";
import { t } from "../i18n";
import type { ZoneDrawing } from "../map/draw";
import type { User } from "../session";
import { h, replace } from "./dom";

export class DistrictTools {
  readonly element = h("section", { class: "panel", "aria-labelledby": "zone-title" });
  private corners = 0;
  private message = "";
  private name = "";

  constructor(private readonly user: User, private readonly drawing: ZoneDrawing, private readonly onOwnDistrict: () => void) {
    drawing.onChange = (corners) => {
      this.corners = corners;
      this.render();
    };
  }

  render(): void {
    const name = h("input", { name: "zone-name", id: "zone-name", value: this.name, required: true, oninput: (e: Event) => { this.name = (e.target as HTMLInputElement).value; } });
    replace(this.element,
      h("h2", { id: "zone-title" }, t("drawZone")),
      this.user.role === "district" ? h("button", { type: "button", class: "link", onclick: () => this.onOwnDistrict() }, t("setLevel")) : null,
      h("label", { for: "zone-name" }, t("zoneName")), name,
      this.drawing.drawing
        ? h("div", { class: "row" },
            h("p", { class: "muted" }, `${t("drawHint")} (${this.corners})`),
            h("button", { type: "button", class: "primary", name: "finish-zone", disabled: this.corners < 3, onclick: () => void this.finish() }, t("finishDrawing")),
            h("button", { type: "button", onclick: () => this.drawing.cancel() }, t("cancel")))
        : h("button", { type: "button", class: "primary", name: "draw-zone", onclick: () => this.drawing.start() }, t("drawZone")),
      this.message ? h("p", { class: "message", role: "status" }, this.message) : null);
  }

  private async finish(): Promise<void> {
    const polygon = this.drawing.finish();
    if (!polygon) return;
    const id = `zone-${Date.now().toString(36)}`;
    try {
      await post("/api/zones", {
        type: "Feature", id, geometry: polygon,
        properties: { name: this.name || id, districtId: this.user.role === "district" ? this.user.scope : undefined },
      });
      this.message = t("saved");
      this.name = "";
    } catch (e) {
      this.message = describeError(e, t);
    }
    this.render();
  }
}
