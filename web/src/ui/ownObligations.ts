// What an organisation owes under the directives, shown on sign-in to its own accounts: each
// obligation with its status and deadline, the form to name its contact point, and evidence for
// what it does by hand (a note, a document's reference). The server decides who may send what.

import { describeError, post, put } from "../api";
import { currentLang, formatProvinceTime, formatTime, t, word } from "../i18n";
import { URGENCY, type DirectivesState } from "../directives";
import type { ObligationView } from "../../generated/contract";
import { h, replace, select } from "./dom";
import { Duty } from "../../generated/contract";
import { contactLine } from "./complianceBoard";
import { foundLine, statusMark } from "./obligationCell";
import { RosterImport } from "./rosterImport";

/** What the platform decides itself: no evidence is asked for these. */
const COMPUTED = new Set(["contact_point", "checkpoint_wifi", "priority_power", "duty_roster", "health_declarations"]);

export class OwnObligations {
  readonly element = h("section", { class: "panel own-obligations", "aria-labelledby": "own-obligations-title" });
  private message = "";
  private contact = { name: "", position: "", phone: "", email: "" };
  /** Evidence being written, by obligation: a live render must not lose it. */
  private readonly drafts = new Map<string, { note: string; document: string }>();

  private readonly roster: RosterImport;
  private declaration = { declared: "", worked: "" };

  /** A district committee keeps its checkpoints' duty roster; an enterprise its three duties around the clock. */
  private readonly district: boolean;
  private readonly duties: readonly string[];

  constructor(private readonly directives: DirectivesState, private readonly organisationId: string, private readonly now: () => number) {
    this.roster = new RosterImport(organisationId);
    this.roster.render();
    this.district = organisationId.startsWith("district-");
    this.duties = this.district ? ["checkpoint"] : Duty.filter((d) => d !== "checkpoint");
    this.shift.duty = this.duties[0];
  }

  render(): void {
    const now = this.now();
    const organisation = this.directives.organisation(this.organisationId);
    const owed = this.directives.allObligations().filter((o) => o.organisationId === this.organisationId)
      .sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || (a.deadline ?? "9").localeCompare(b.deadline ?? "9") || a.id.localeCompare(b.id));
    const stillOwed = owed.filter((o) => o.status === "overdue" || o.status === "pending").length;
    // Keep what the person is typing across live renders.
    const active = document.activeElement instanceof HTMLInputElement && this.element.contains(document.activeElement) ? document.activeElement.name : null;
    replace(this.element,
      h("h2", { id: "own-obligations-title" }, `${t("ownObligations")} (${t("stillOwed", { n: stillOwed })})`),
      h("p", { class: "muted" }, organisation?.name ?? this.organisationId),
      this.message ? h("p", { class: "error", role: "alert" }, this.message) : null,
      h("ul", { class: "obligations" }, ...owed.map((o) => this.item(o, now))),
      h("h3", {}, t("contactPoint")),
      contactLine(organisation),
      this.contactForm(),
      owed.some((o) => o.kind === "duty_roster") || this.district ? this.rosterSection(now) : null,
      owed.some((o) => o.kind === "health_declarations") ? this.declarationForm() : null);
    if (active) (this.element.querySelector(`input[name="${active}"]`) as HTMLInputElement | null)?.focus();
  }

  private item(obligation: ObligationView, now: number): HTMLElement {
    const byHand = !COMPUTED.has(obligation.kind) && obligation.status !== "met" && obligation.status !== "waived";
    return h("li", { "data-obligation": obligation.id, "data-status": obligation.status },
      statusMark(obligation, now), " ", h("strong", {}, word(obligation.kind)),
      h("small", { class: "muted" }, ` · ${this.directives.directiveNumber(obligation.directiveId)} ${t("clause")} ${obligation.clause}`),
      obligation.deadline ? h("small", { class: "muted" }, ` · ${t("deadline")}: ${formatProvinceTime(obligation.deadline)}`) : null,
      h("br", {}), h("small", {}, this.directives.clauseText(obligation.directiveId, obligation.clause, currentLang() === "en")),
      obligation.finding || obligation.evidence ? h("p", { class: "muted finding" }, `${t("evidence")}: ${foundLine(obligation.finding, obligation.evidence)}`) : null,
      byHand ? this.evidenceForm(obligation) : null);
  }

  private evidenceForm(obligation: ObligationView): HTMLElement {
    const draft = this.drafts.get(obligation.id) ?? { note: "", document: "" };
    this.drafts.set(obligation.id, draft);
    const field = (name: "note" | "document") => h("input", { name: `${name}-${obligation.id}`, "aria-label": t(name), placeholder: t(name), value: draft[name],
      oninput: (e: Event) => { draft[name] = (e.target as HTMLInputElement).value; } });
    return h("form", { class: "evidence", onsubmit: (e: Event) => {
      e.preventDefault();
      void this.send(async () => {
        await post(`/api/obligations/${encodeURIComponent(obligation.id)}/evidence`, { note: draft.note.trim() || null, document: draft.document.trim() || null });
        this.drafts.delete(obligation.id);
      });
    } }, field("note"), field("document"), h("button", { type: "submit" }, t("sendEvidence")));
  }

  /** Who is on duty now, and the roster's CSV import; its gaps come back as flags and as the obligation's evidence. */
  private rosterSection(now: number): HTMLElement {
    const onDuty = this.directives.onDuty(this.organisationId, now);
    return h("div", { class: "roster" },
      h("h3", {}, this.district ? t("checkpointDuty") : t("dutyRoster")),
      onDuty.length === 0 ? h("p", { class: "muted" }, `${t("onDutyNow")}: —`)
        : h("ul", {}, ...onDuty.map((s) => h("li", { "data-duty": s.duty }, `${word(s.duty)}: ${s.person} · ${s.phone} (${formatTime(s.start)} – ${formatTime(s.end)})`))),
      this.shiftForm(),
      this.roster.element);
  }

  private shift = { duty: "operations", person: "", phone: "", start: "", end: "" };

  /** One shift by hand; times as the person's browser enters them, sent with their offset. */
  private shiftForm(): HTMLElement {
    const text = (name: "person" | "phone" | "start" | "end", type: string, label: string) => h("label", {}, label,
      h("input", { name: `shift-${name}`, type, required: true, value: this.shift[name], oninput: (e: Event) => { this.shift[name] = (e.target as HTMLInputElement).value; } }));
    const duty = select("shift-duty", this.duties.map((d): [string, string] => [d, word(d)]), this.shift.duty,
      { "aria-label": t("dutyRoster"), onchange: (e: Event) => { this.shift.duty = (e.target as HTMLSelectElement).value; } });
    return h("form", { class: "shift", onsubmit: (e: Event) => {
      e.preventDefault();
      const { duty: kind, person, phone, start, end } = this.shift;
      const id = `${kind}-${start.replace(/[^0-9]/g, "")}`;
      void this.send(async () => {
        await put(`/api/organisations/${encodeURIComponent(this.organisationId)}/shifts/${encodeURIComponent(id)}`,
          { duty: kind, person, phone, start: new Date(start).toISOString(), end: new Date(end).toISOString() });
        this.shift = { ...this.shift, person: "", phone: "", start: "", end: "" };
      });
    } }, duty, text("person", "text", t("personName")), text("phone", "tel", t("phone")), text("start", "datetime-local", t("shiftStart")),
      text("end", "datetime-local", t("shiftEnd")), h("button", { type: "submit", name: "send-shift" }, t("addShift")));
  }

  /** Today's health declarations of a postal enterprise's staff (clause 3.2c). */
  private declarationForm(): HTMLElement {
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(this.now()));
    const input = (name: "declared" | "worked") => h("label", {}, t(name),
      h("input", { name: `declarations-${name}`, type: "number", min: 0, required: true, value: this.declaration[name],
        oninput: (e: Event) => { this.declaration[name] = (e.target as HTMLInputElement).value; } }));
    return h("form", { class: "declarations", onsubmit: (e: Event) => {
      e.preventDefault();
      void this.send(async () => {
        await put(`/api/organisations/${encodeURIComponent(this.organisationId)}/health-declarations/${day}`,
          { declared: Number(this.declaration.declared), worked: Number(this.declaration.worked) });
        this.declaration = { declared: "", worked: "" };
      });
    } }, h("h3", {}, `${t("healthDeclarations")} ${day}`), input("declared"), input("worked"), h("button", { type: "submit", name: "send-declarations" }, t("save")));
  }

  private contactForm(): HTMLElement {
    const input = (name: keyof typeof this.contact, type = "text") => h("label", {}, t(name === "name" ? "personName" : name),
      h("input", { name: `contact-${name}`, type, value: this.contact[name], required: name !== "email",
        oninput: (e: Event) => { this.contact[name] = (e.target as HTMLInputElement).value; } }));
    return h("form", { class: "contact-point", onsubmit: (e: Event) => {
      e.preventDefault();
      void this.send(async () => {
        await put(`/api/organisations/${encodeURIComponent(this.organisationId)}/contact-point`,
          { name: this.contact.name, position: this.contact.position, phone: this.contact.phone, email: this.contact.email.trim() || null });
        this.contact = { name: "", position: "", phone: "", email: "" };
      });
    } }, input("name"), input("position"), input("phone", "tel"), input("email", "email"), h("button", { type: "submit", name: "send-contact-point" }, t("save")));
  }

  private async send(call: () => Promise<unknown>): Promise<void> {
    try {
      this.message = "";
      await call();
    } catch (e) {
      this.message = describeError(e, t);
    }
    this.render();
  }
}
