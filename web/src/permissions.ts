// Which tools a role sees. The server decides anyway; this only keeps out of sight what
// a person could not use.

import type { IncidentView } from "../generated/contract";
import type { User } from "./session";

export const canAcknowledge = (user: User, kind: string) =>
  user.role === "admin" || user.role === "leader" || (user.role === "utility" && kind === "power_critical");

export const ownsDistrict = (user: User, districtId: unknown) =>
  user.role === "admin" || (user.role === "district" && user.scope === districtId);

export const ownsOrganisation = (user: User, organisation: unknown) =>
  user.role === "admin" || (user.role === "operator" && user.scope === organisation);

export const readsAudit = (user: User) => user.role === "admin" || user.role === "leader";

export const seesSummary = (user: User) => user.role === "admin" || user.role === "leader";

export const seesPowerQueue = (user: User) => user.role === "admin" || user.role === "leader" || user.role === "utility";

export const importsCsv = (user: User) => user.role === "admin" || user.role === "operator";

export const drawsZones = (user: User) => user.role === "admin" || user.role === "district";

/** The organisation a person acts for under the directives (its contact point, its obligations), as the server decides it. */
export const organisationOf = (user: User): string | null =>
  user.role === "district" && user.scope ? `district-${user.scope}`
  : (user.role === "operator" || user.role === "agency" || user.role === "utility") && user.scope ? user.scope
  : null;

/** The compliance board of every addressee: for the DIC's leaders and administrators. */
export const seesComplianceBoard = (user: User) => user.role === "admin" || user.role === "leader";

/** Leaders, administrators and the enterprise that must act open incidents; the enterprise takes their steps. */
export const opensIncidents = (user: User) => user.role === "admin" || user.role === "leader" || user.role === "operator";

export const movesIncident = (user: User, incident: IncidentView) => user.role === "admin" || (user.role === "operator" && user.scope === incident.enterpriseId);
