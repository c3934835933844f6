// An enterprise's crews (README "Incidents"): pick one to change or start a new one — its name, its
// vehicle and its members (name, phone), a member taken off or one added — and save it. Members keep
// their ids, so their health declarations stay with them; a new member gets the next free id.

import { describeError, put } from "../api";
import { t } from "../i18n";
import type { CrewView } from "../../generated/contract";
import { crewIdFrom, nextMemberId } from "../passes/crews";
import { h, replaceIfChanged, select } from "./dom";

const NEW = "";

export class CrewEditor {
  readonly element = h("details", { class: "crew-editor" });
  // In parts of their own: a crew saved elsewhere changes the choice, not the fields being filled in.
  private readonly summary = h("summary", {});
  private readonly chooser = h("div", {});
  private readonly fields = h("div", {});
  private chosen = NEW;
  private message = "";
  /** Empty rows added since the fields were last built (their inputs' names stay apart). */
  private added = 0;

  constructor(private readonly enterprise: string, private readonly crews: () => CrewView[], private readonly saved: () => Promise<void>) {
    const form = h("form", { class: "crew-form", onsubmit: (e: Event) => { e.preventDefault(); void this.save(e.target as HTMLFormElement); } }, this.fields);
    this.element.append(this.summary, this.chooser, form);
  }

  render(): void {
    const crews = this.crews();
    const crew = crews.find((c) => c.id === this.chosen);
    const members = crew?.members ?? [];
    this.summary.textContent = `${t("crews")} (${crews.length})`;
    replaceIfChanged(this.chooser,
      h("label", {}, t("crew"), " ", select("crew-choice", [[NEW, t("newCrew")], ...crews.map((c): [string, string] => [c.id, c.name])], this.chosen,
        { onchange: (e: Event) => { this.chosen = (e.target as HTMLSelectElement).value; this.message = ""; this.render(); } })));
    // Rebuilt only when what it shows changed: what is being typed survives live changes elsewhere.
    replaceIfChanged(this.fields,
      h("label", {}, t("crewName"), " ", h("input", { name: "crew-name", required: true, maxlength: 200, value: crew?.name ?? "" })),
      h("label", {}, t("passVehicle"), " ", h("input", { name: "crew-plate", maxlength: 20, value: crew?.vehiclePlate ?? "" })),
      h("fieldset", { class: "crew-members" }, h("legend", {}, t("passMembers")),
        ...members.map((m) => this.row(m.id, m.name, m.phone, true)),
        // A new crew starts with one empty row; each "add a member" puts one more before the button,
        // in place, so that nothing typed in the others is lost.
        crew ? null : this.row("", "", "", false, 0),
        h("button", { type: "button", name: "add-member", onclick: (e: Event) => (e.target as HTMLElement).before(this.row("", "", "", false, ++this.added)) }, t("addMember"))),
      this.message ? h("p", { class: "error", role: "alert" }, this.message) : null,
      h("button", { type: "submit", name: "save-crew" }, t("saveCrew")));
  }

  private row(id: string, name: string, phone: string, existing: boolean, index = 0): HTMLElement {
    return h("div", { class: "crew-member", "data-member": existing ? id : `new-${index}` },
      h("input", { name: "member-id", type: "hidden", value: id }),
      h("input", { name: "member-name", "aria-label": t("memberName"), placeholder: t("memberName"), maxlength: 200, value: name }),
      h("input", { name: "member-phone", "aria-label": t("memberPhone"), placeholder: t("memberPhone"), maxlength: 30, value: phone, type: "tel" }),
      existing ? h("label", {}, h("input", { type: "checkbox", name: "member-remove", value: id }), ` ${t("removeMember")}`) : null);
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const crew = this.crews().find((c) => c.id === this.chosen);
    const data = new FormData(form);
    const removed = new Set(data.getAll("member-remove").map(String));
    const ids = data.getAll("member-id").map(String);
    const names = data.getAll("member-name").map((v) => String(v).trim());
    const phones = data.getAll("member-phone").map((v) => String(v).trim());
    const taken = ids.filter((id) => id !== "");
    const members: Array<{ id: string; name: string; phone: string }> = [];
    ids.forEach((id, i) => {
      if (removed.has(id) || (id === "" && names[i] === "" && phones[i] === "")) return;
      const memberId = id || nextMemberId([...taken, ...members.map((m) => m.id)]);
      members.push({ id: memberId, name: names[i], phone: phones[i] });
    });
    const name = String(data.get("crew-name")).trim();
    const id = crew?.id ?? crewIdFrom(name);
    try {
      await put(`/api/organisations/${encodeURIComponent(this.enterprise)}/crews/${encodeURIComponent(id)}`,
        { name, vehiclePlate: String(data.get("crew-plate")).trim() || null, members });
      this.chosen = id;
      this.message = "";
      await this.saved();
    } catch (e) {
      this.message = describeError(e, t);
    }
    this.render();
  }
}
