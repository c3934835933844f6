// How one obligation's status reads everywhere: a coloured mark, and the time left or the time
// overdue on the directives' clock (which a demo runs "as of" 2021).

import type { ObligationFinding, ObligationView } from "../../generated/contract";
import { sayFinding, t, word } from "../i18n";
import { h } from "./dom";

const MARK: Record<string, string> = { overdue: "!", pending: "…", met: "✓", waived: "–" };

/** "3 h", "2 d" — the coarse unit a countdown needs. */
export function duration(ms: number): string {
  const hours = Math.abs(ms) / 3_600_000;
  return hours >= 48 ? `${Math.floor(hours / 24)} ${t("daysShort")}` : hours >= 1 ? `${Math.floor(hours)} ${t("hoursShort")}` : `${Math.max(1, Math.floor(hours * 60))} ${t("minutesShort")}`;
}

/** The deadline as it stands now: time left, or how long overdue. */
export function countdown(obligation: ObligationView, now: number): string {
  if (!obligation.deadline || obligation.status === "met" || obligation.status === "waived") return "";
  const left = new Date(obligation.deadline).getTime() - now;
  return left > 0 ? t("timeLeft", { d: duration(left) }) : t("overdueBy", { d: duration(left) });
}

export function statusMark(obligation: ObligationView, now: number): HTMLElement {
  const due = countdown(obligation, now);
  // Below 100 % (postal staff's health declarations) shows on the board.
  const share = obligation.share != null && obligation.share < 1 ? ` ${Math.floor(obligation.share * 100)} %` : "";
  return h("span", { class: `obligation-status ${obligation.status}`, "data-status": obligation.status, title: word(obligation.status) },
    h("span", { "aria-hidden": "true" }, MARK[obligation.status] ?? "?"), " ", word(obligation.status), share, due ? h("small", {}, ` · ${due}`) : null);
}

/** What was found about an obligation in the person's language; the evidence as sent when there is no finding (a note sent by hand). */
export function foundLine(finding: ObligationFinding | null | undefined, evidence: string | null | undefined): string {
  return finding ? sayFinding(finding) : evidence ?? "";
}
