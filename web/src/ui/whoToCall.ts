// Who to call about what is selected: the organisation responsible for it (a district committee
// for its district, zones and checkpoints, with the checkpoint's wifi provider; an operator for its
// sites, offices and routes), its contact point and who is on duty for it now, each a `tel:` link;
// and the DIC's emergency contacts, which are configuration.

import { t, word } from "../i18n";
import type { DirectivesState } from "../directives";
import { h } from "./dom";

export interface EmergencyContact { name: string; position: string; phone: string }

const dial = (phone: string) => h("a", { href: `tel:${phone.replace(/[^+0-9]/g, "")}` }, phone);

export function whoToCall(directives: DirectivesState, organisations: string[], now: number, emergency: EmergencyContact[]): HTMLElement | null {
  const rows = organisations.flatMap((id) => {
    const organisation = directives.organisation(id);
    if (!organisation) return [];
    const contact = organisation.contactPoint;
    return [h("li", { "data-organisation": id },
      h("strong", {}, organisation.name),
      contact ? h("div", {}, `${t("contactPoint")}: ${contact.name}, ${contact.position} · `, dial(contact.phone)) : h("div", { class: "muted" }, `${t("contactPoint")}: —`),
      ...directives.onDuty(id, now).map((s) => h("div", { "data-duty": s.duty }, `${t("onDutyNow")} (${word(s.duty)}): ${s.person} · `, dial(s.phone))))];
  });
  if (rows.length === 0 && emergency.length === 0) return null;
  return h("div", { class: "who-to-call" },
    h("h3", {}, t("whoToCall")),
    rows.length > 0 ? h("ul", {}, ...rows) : null,
    emergency.length > 0
      ? h("p", { class: "emergency" }, `${t("emergencyContacts")}: `, ...emergency.flatMap((c, i) => [i > 0 ? " · " : "", `${c.name} (${c.position}) `, dial(c.phone)]))
      : null);
}
