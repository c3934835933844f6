// The signed-in dashboard: a header (connection, last change, who, language, sign-out), the map,
// and the panels of the person's role beside it.

import { get } from "../api";
import { currentLang, formatProvinceTime, formatTime, onLangChange, setLang, t, word } from "../i18n";
import { LiveConnection, type LiveState } from "../live";
import { ZoneDrawing } from "../map/draw";
import { MapView, type Selection } from "../map/mapView";
import { drawsZones, importsCsv, opensIncidents, organisationOf, seesComplianceBoard, seesPowerQueue, seesSummary } from "../permissions";
import { IncidentsState, isOpen } from "../incidents";
import { centreOf, incidents as incidentMarkers } from "../map/features";
import { IncidentsPanel } from "./incidentsPanel";
import { PassesPanel } from "./passesPanel";
import { DirectivesState, responsibleFor } from "../directives";
import type { Session } from "../session";
import { isEntityType, SituationStore } from "../store";
import { ComplianceBoard } from "./complianceBoard";
import { CountersPanel } from "./countersPanel";
import { DetailsPanel } from "./detailsPanel";
import { DistrictTools } from "./districtTools";
import { h, replace, throttled } from "./dom";
import { FlagsPanel } from "./flagsPanel";
import { LayersPanel } from "./layersPanel";
import { OperatorTools } from "./operatorTools";
import { OwnObligations } from "./ownObligations";
import { whoToCall, type EmergencyContact } from "./whoToCall";
import { PowerPanel } from "./powerPanel";
import { SummaryPanel } from "./summaryPanel";
import { ReplayState } from "../replay";
import { TimeSlider } from "./timeSlider";

const STATE_SYMBOL: Record<LiveState, string> = { live: "●", connecting: "◌", reconnecting: "◐", stale: "⚠", offline: "✕" };

/** What the browser tests and the timing benchmark read. */
export interface Probe {
  store: SituationStore;
  map: MapView["map"];
  ready: boolean;
  firstMapMs: number | null;
  live: LiveState;
  select: (selection: Selection) => void;
  /** The moment the map shows (ISO), or null while live. */
  replaying: string | null;
}

declare global {
  interface Window {
    __situation?: Probe;
  }
}

export async function showDashboard(root: HTMLElement, session: Session, signOut: () => void): Promise<void> {
  const user = session.user;
  const config = await get<{ tileUrl: string | null; emergencyContacts?: EmergencyContact[] }>("/api/config").catch(() => ({ tileUrl: null, emergencyContacts: [] }));
  const store = new SituationStore();
  const status = h("div", { class: "status", role: "status", "aria-live": "polite" });
  const live = new LiveConnection(store);
  const lastChange = h("span", { class: "last-change" });
  const dataAge = h("span", { class: "age" });
  const header = h("header", {});
  const mapElement = h("div", { id: "map", role: "region" });
  const aside = h("aside", { "aria-label": t("details") });
  replace(root, h("div", { class: "app" }, header, h("main", {}, mapElement, aside)));

  const map = new MapView(mapElement, store, config.tileUrl);
  const drawing = new ZoneDrawing(map);
  const details = new DetailsPanel(store, user, drawing);
  const flags = new FlagsPanel(store, user);
  const counters = new CountersPanel(store);
  const layers = new LayersPanel(map, store);
  const summary = seesSummary(user) ? new SummaryPanel() : null;
  const power = seesPowerQueue(user) ? new PowerPanel(store) : null;
  const imports = importsCsv(user) ? new OperatorTools() : null;
  // The directives' clock may run "as of" 2021: deadlines count down from its time, not the browser's.
  const directives = new DirectivesState();
  let clockOffset = 0;
  const directivesNow = () => Date.now() + clockOffset;
  const ownOrganisation = organisationOf(user);
  const board = seesComplianceBoard(user) ? new ComplianceBoard(directives, user, directivesNow) : null;
  const own = ownOrganisation ? new OwnObligations(directives, ownOrganisation, directivesNow) : null;
  const incidents = new IncidentsState();
  const passes = user.role === "operator" || user.role === "district" ? new PassesPanel(incidents, store, user) : null;
  const incidentsPanel = user.role === "utility" || user.role === "agency" ? null : new IncidentsPanel(incidents, store, user, seesSummary(user));
  if (opensIncidents(user)) {
    const enterprises = () => directives.allOrganisations().filter((o) => o.kind === "telecom" || o.kind === "postal").map((o) => ({ id: o.id, name: o.name }));
    flags.incidents = incidents;
    flags.enterprises = enterprises;
    details.incidents = incidents;
    details.enterprises = enterprises;
  }
  store.onForeign = (item) => {
    directives.apply(item);
    incidents.apply(item);
    if (item.type === "crew") {
      const enterprise = item.id.split(".")[0];
      incidentsPanel?.crewsChanged(enterprise);
      if (passes && enterprise === user.scope) void passes.refreshCrews();
    }
  };
  // A roster gap is named with its hours: which duty lacks somebody, and when.
  flags.describeSubject = (flag) => {
    const named = directives.describe(flag.subject, word);
    const { startsAt, endsAt } = flag.detail ?? {};
    if (!named || flag.kind !== "roster_gap" || startsAt === undefined || endsAt === undefined) return named;
    const at = (seconds: number) => formatProvinceTime(new Date(seconds * 1000).toISOString());
    return `${named} · ${t("rosterWindow", { start: at(startsAt), end: at(endsAt) })}`;
  };
  details.contacts = (selected) => whoToCall(directives, responsibleFor(selected), directivesNow(), config.emergencyContacts ?? []);
  const loadDirectives = async () => {
    try {
      const clock = await get<{ now: string }>("/api/directives/clock");
      clockOffset = new Date(clock.now).getTime() - Date.now();
      await directives.load();
    } catch {
      // The board shows what it holds; the next reload tries again.
    }
  };
  const select = (selection: Selection) => {
    details.select(selection);
    const geometry = store.geometryOf(selection.type, selection.id);
    if (geometry) map.zoomTo(geometry);
  };
  const replay = new ReplayState(store, live);
  const slider = new TimeSlider(replay);
  mapElement.append(slider.banner);
  const zones = drawsZones(user) ? new DistrictTools(user, drawing, () => user.scope && select({ type: "district", id: user.scope })) : null;

  const byRole: Array<{ element: HTMLElement; render: () => void } | null> =
    user.role === "leader" ? [slider, summary, incidentsPanel, board, flags, details, counters, power, layers]
    : user.role === "district" ? [zones, details, own, incidentsPanel, passes, flags, counters, slider, layers]
    : user.role === "operator" ? [details, incidentsPanel, passes, imports, own, flags, counters, slider, layers]
    : user.role === "utility" ? [power, own, flags, details, counters, slider, layers]
    : user.role === "agency" ? [own, details, flags, counters, slider, layers]
    : [summary, incidentsPanel, board, zones, imports, power, flags, details, counters, slider, layers];
  const panels = byRole.filter((p): p is { element: HTMLElement; render: () => void } => p !== null);
  aside.append(...panels.map((p) => p.element));

  const probe: Probe = { store, map: map.map, ready: false, firstMapMs: null, live: "connecting", select, replaying: null };
  replay.onChange = () => {
    probe.replaying = replay.shown === null ? null : new Date(replay.shown).toISOString();
    slider.render();
  };
  window.__situation = probe;

  const renderHeader = () => {
    replace(header,
      h("h1", {}, t("appTitle")),
      status,
      dataAge,
      lastChange,
      h("span", { class: "who" }, `${user.displayName ?? user.username} · ${word(user.role)}${user.scope ? ` ${user.scope}` : ""}`),
      h("button", { type: "button", name: "language", onclick: () => setLang(currentLang() === "vi" ? "en" : "vi") }, t("language")),
      h("button", { type: "button", name: "sign-out", onclick: () => { void live.stop(); signOut(); } }, t("signOut")));
    renderStatus();
  };
  const renderStatus = () => {
    status.dataset.state = probe.live;
    // How old what the map shows is: the last time the server was heard, every second.
    const heard = live.lastHeardAt;
    const age = heard ? Math.max(0, Math.floor((Date.now() - heard.getTime()) / 1000)) : null;
    replace(status, h("span", { "aria-hidden": "true" }, STATE_SYMBOL[probe.live]), " ", t(probe.live));
    // Beside the status, not in it: a screen reader should hear the state change, not every second.
    dataAge.textContent = age === null ? "" : t("dataAge", { n: age });
    lastChange.textContent = `${t("lastChange")}: ${formatTime(store.lastChangeAt)}`;
  };
  const renderPanels = throttled(() => {
    for (const panel of panels) panel.render();
    renderStatus();
  });

  flags.onOpen = (flag) => { if (isEntityType(flag.subject.type)) select({ type: flag.subject.type, id: flag.subject.id }); };
  counters.onOpenDistrict = (id) => select({ type: "district", id });
  if (power) power.onOpenSite = (id) => select({ type: "site", id });
  map.onSelect = (selection) => details.select(selection);

  store.subscribe((event) => {
    void map.update(event).then(() => {
      if (event.reset && !probe.ready) {
        map.fit();
        map.map.once("idle", () => {
          probe.ready = true;
          probe.firstMapMs = performance.now();
        });
      }
    });
    renderPanels();
    // A (re)loaded snapshot may follow missed changes: the directives' lists are fetched again with it
    // (not with each picture of a replay: those lists are live, and a replay shows the map's past).
    if (event.reset && !replay.replaying) {
      void loadDirectives();
      void incidents.load().catch(() => { /* the next reload tries again */ });
      void passes?.refreshCrews();
    }
    if (event.reset || event.types.has("site")) power?.changed();
    if (event.reset || event.types.has("zone")) showCrews();
    summary?.changed();
  });

  live.onState = (state) => {
    probe.live = state;
    renderStatus();
  };
  onLangChange(() => {
    renderHeader();
    for (const panel of panels) panel.render();
  });
  renderHeader();
  for (const panel of panels) panel.render();
  summary?.start();
  void power?.refresh();
  directives.subscribe(renderPanels);
  const showCrews = () => void map.setCrewsInside([...incidents.passesByZone()].flatMap(([zone, counts]) => {
    const held = store.get("zone", zone);
    return held && held.status === "active" ? [{ zone, at: centreOf(held.boundary), ...counts }] : [];
  }));
  incidents.subscribe(() => {
    void map.setIncidents(incidentMarkers(incidents.all().filter(isOpen)));
    showCrews();
    incidentsPanel?.changed();
    void passes?.showCodes();
    renderPanels();
  });
  // Deadlines count down and passes' windows close while nothing changes.
  setInterval(() => { board?.render(); own?.render(); showCrews(); }, 60_000);
  setInterval(renderStatus, 1_000);
  await live.start();
}
