// The live map: MapLibre with GeoJSON sources fed from the store. No base-map tiles are needed (the
// province's own districts are the base); a raster tile URL can be configured. Sites are clustered
// so that 150,000 of them stay smooth, and their source is refreshed at most once a second.

import * as maplibregl from "maplibre-gl";
import { t } from "../i18n";
import type { GeoJSONSource, Map as MapLibre, StyleSpecification } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";
import type { EntityType, SituationStore, StoreEvent } from "../store";
import * as features from "./features";
import { addIcons } from "./icons";
import { GROUPS, LAYERS } from "./layers";

export interface Selection {
  type: EntityType;
  id: string;
}

const SOURCE_OF_LAYER: Record<string, EntityType> = {
  "district-fill": "district", "zone-fill": "zone", "site-symbol": "site", "checkpoint-symbol": "checkpoint",
  "office-symbol": "office", "route-running": "route", "route-delayed": "route", "route-suspended": "route",
};

const SITE_REFRESH_MS = 1000;

// Served from this origin like the rest of the app, so the content policy needs no exceptions.
maplibregl.setWorkerUrl(workerUrl);

export class MapView {
  readonly map: MapLibre;
  private siteFilter: features.SiteFilter = { operator: "", kind: "" };
  private siteTimer: number | null = null;
  private labels: maplibregl.Marker[] = [];
  private ready: Promise<void>;
  onSelect: (selection: Selection) => void = () => {};
  onClickMap: ((lngLat: [number, number]) => boolean) | null = null;

  constructor(container: HTMLElement, private readonly store: SituationStore, tileUrl: string | null) {
    const style: StyleSpecification = {
      version: 8,
      sources: tileUrl ? { base: { type: "raster", tiles: [tileUrl], tileSize: 256 } } : {},
      layers: [
        { id: "background", type: "background", paint: { "background-color": "#dfe6ec" } },
        ...(tileUrl ? [{ id: "base", type: "raster" as const, source: "base", paint: { "raster-opacity": 0.6 } }] : []),
      ],
    };
    this.map = new maplibregl.Map({ container, style, center: [108.0, 13.8], zoom: 7.5, attributionControl: false, keyboard: true });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    this.ready = new Promise((resolve) => this.map.on("load", () => {
      addIcons(this.map);
      const empty = { type: "FeatureCollection", features: [] } as features.Collection;
      for (const name of ["districts", "zones", "checkpoints", "offices", "routes", "flagged", "draft", "incidents"])
        this.map.addSource(name, { type: "geojson", data: empty });
      this.map.addSource("sites", {
        type: "geojson", data: empty, cluster: true, clusterMaxZoom: 11, clusterRadius: 40,
        clusterProperties: {
          down: ["+", ["case", ["==", ["get", "h"], "down"], 1, 0]],
          degraded: ["+", ["case", ["==", ["get", "h"], "degraded"], 1, 0]],
        },
      });
      for (const layer of LAYERS) this.map.addLayer(layer);
      this.wireClicks();
      resolve();
    }));
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  private wireClicks(): void {
    this.map.on("click", (e) => {
      if (this.onClickMap?.([e.lngLat.lng, e.lngLat.lat])) return;
      const hits = this.map.queryRenderedFeatures(e.point, { layers: Object.keys(SOURCE_OF_LAYER) });
      // Points before lines before areas: the smallest thing under the pointer is what was meant.
      const order = ["site-symbol", "checkpoint-symbol", "office-symbol", "route-running", "route-delayed", "route-suspended", "zone-fill", "district-fill"];
      hits.sort((a, b) => order.indexOf(a.layer.id) - order.indexOf(b.layer.id));
      const hit = hits[0];
      if (hit) this.onSelect({ type: SOURCE_OF_LAYER[hit.layer.id], id: String(hit.properties.id) });
      else {
        const cluster = this.map.queryRenderedFeatures(e.point, { layers: ["site-cluster"] })[0];
        if (cluster) this.map.easeTo({ center: e.lngLat, zoom: this.map.getZoom() + 2 });
      }
    });
    for (const layer of [...Object.keys(SOURCE_OF_LAYER), "site-cluster"]) {
      this.map.on("mouseenter", layer, () => (this.map.getCanvas().style.cursor = "pointer"));
      this.map.on("mouseleave", layer, () => (this.map.getCanvas().style.cursor = ""));
    }
  }

  /** Brings the sources up to date with what changed; everything after a snapshot. */
  async update(event: StoreEvent): Promise<void> {
    await this.ready;
    const touched = (type: EntityType) => event.reset || event.types.has(type);
    if (touched("district")) this.set("districts", features.districts(this.store));
    if (touched("zone")) this.set("zones", features.zones(this.store));
    if (touched("checkpoint")) this.set("checkpoints", features.checkpoints(this.store));
    if (touched("office")) this.set("offices", features.offices(this.store));
    if (touched("route")) this.set("routes", features.routes(this.store));
    if (touched("flag") || touched("district") || touched("zone")) this.set("flagged", features.flagged(this.store));
    if (touched("district") || touched("zone")) this.placeLabels();
    if (event.reset) this.refreshSites();
    else if (touched("site")) this.scheduleSites();
    if (event.reset && this.labels.length > 0 && !this.fitted) this.fit();
  }

  private fitted = false;

  fit(): void {
    const bounds = features.provinceBounds(this.store);
    if (!bounds) return;
    this.fitted = true;
    this.map.fitBounds(bounds, { padding: 20, duration: 0 });
  }

  private set(source: string, data: features.Collection): void {
    (this.map.getSource(source) as GeoJSONSource | undefined)?.setData(data as never);
  }

  /** Site changes can come thousands a second; the map takes the newest picture once a second. */
  private scheduleSites(): void {
    if (this.siteTimer !== null) return;
    this.siteTimer = window.setTimeout(() => this.refreshSites(), SITE_REFRESH_MS);
  }

  refreshSites(): void {
    if (this.siteTimer !== null) window.clearTimeout(this.siteTimer);
    this.siteTimer = null;
    this.set("sites", features.sites(this.store, this.siteFilter));
  }

  setSiteFilter(filter: features.SiteFilter): void {
    this.siteFilter = filter;
    this.refreshSites();
  }

  setGroupVisible(group: string, visible: boolean): void {
    for (const id of GROUPS[group] ?? []) this.map.setLayoutProperty(id, "visibility", visible ? "visible" : "none");
    if (group === "districts" || group === "zones") this.placeLabels();
  }

  /** The open incidents as markers (they are not the store's: the shell keeps them). */
  async setIncidents(data: features.Collection): Promise<void> {
    await this.ready;
    this.set("incidents", data);
  }

  /**
   * Crews inside quarantine zones (README "Incidents"): at each zone with a pass running, how many
   * crews are inside and how many passes are valid — an HTML label, as zone names are, so that no
   * glyph server is needed.
   */
  async setCrewsInside(zones: Array<{ zone: string; at: [number, number]; active: number; inside: number }>): Promise<void> {
    await this.ready;
    for (const marker of this.crewLabels) marker.remove();
    this.crewLabels = zones.map(({ zone, at, active, inside }) => {
      const element = document.createElement("div");
      element.className = `label crew-label${inside > 0 ? " inside" : ""}`;
      element.dataset.zone = zone;
      element.dataset.inside = String(inside);
      element.textContent = t("crewsShort", { active, inside });
      element.title = t("passesActive", { active, inside });
      element.setAttribute("aria-label", element.title);
      // Below the zone's name, which sits at the same centre.
      return new maplibregl.Marker({ element, offset: [0, 18] }).setLngLat(at).addTo(this.map);
    });
  }

  private crewLabels: maplibregl.Marker[] = [];

  setDraft(points: Array<[number, number]>): void {
    const ring = points.length > 1 ? [{ type: "Feature", geometry: { type: "LineString", coordinates: [...points, points[0]] }, properties: {} }] : [];
    const dots = points.map((p) => ({ type: "Feature", geometry: { type: "Point", coordinates: p }, properties: {} }));
    this.set("draft", { type: "FeatureCollection", features: [...ring, ...dots] } as features.Collection);
  }

  /** District names and zone names as labels (HTML, so no glyph server is needed). */
  private placeLabels(): void {
    for (const marker of this.labels) marker.remove();
    this.labels = [];
    const visible = (group: string) => this.map.getLayoutProperty(GROUPS[group][0], "visibility") !== "none";
    const add = (text: string, at: [number, number], className: string) => {
      const element = document.createElement("div");
      element.className = className;
      element.textContent = text;
      this.labels.push(new maplibregl.Marker({ element }).setLngLat(at).addTo(this.map));
    };
    if (visible("districts"))
      for (const d of this.store.all("district")) add(d.name, features.centreOf(d.boundary), "label district-label");
    if (visible("zones"))
      for (const z of features.zones(this.store).features) add(String(z.properties.name), features.centreOf(z.geometry), "label zone-label");
  }

  zoomTo(geometry: features.Geo): void {
    const box = features.boundsOf([geometry]);
    if (!box) return;
    if (box[0] === box[2] && box[1] === box[3]) this.map.jumpTo({ center: [box[0], box[1]], zoom: 14 });
    else this.map.fitBounds(box, { padding: 60, maxZoom: 14, duration: 0 });
  }
}
