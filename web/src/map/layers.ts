// The map's layers, bottom to top. Colours follow the state; shapes, dash patterns and hatching
// carry the same meaning for anyone who cannot tell the colours apart.

import type { LayerSpecification } from "maplibre-gl";

export const LEVEL_COLOURS = { normal: "#e8f0e3", watch: "#fff3c4", distancing: "#ffd79a", lockdown: "#f4a3a3" };

/** Layer ids per switchable group, so the layer panel turns whole groups on and off. */
export const GROUPS: Record<string, string[]> = {
  districts: ["district-fill", "district-line"],
  zones: ["zone-fill", "zone-line"],
  routes: ["route-running", "route-delayed", "route-suspended"],
  flagged: ["flagged-fill", "flagged-connectivity", "flagged-postal"],
  offices: ["office-symbol"],
  checkpoints: ["checkpoint-symbol"],
  sites: ["site-cluster", "site-symbol"],
  incidents: ["incident-marker"],
};

export const LAYERS: LayerSpecification[] = [
  {
    id: "district-fill", type: "fill", source: "districts",
    paint: {
      "fill-color": ["match", ["get", "level"], "watch", LEVEL_COLOURS.watch, "distancing", LEVEL_COLOURS.distancing,
        "lockdown", LEVEL_COLOURS.lockdown, LEVEL_COLOURS.normal],
      "fill-opacity": 0.85,
    },
  },
  {
    id: "district-line", type: "line", source: "districts",
    paint: {
      "line-color": "#5f6b7a",
      // A district under lockdown gets a heavy border as well as its colour.
      "line-width": ["match", ["get", "level"], "lockdown", 3.5, "distancing", 2.5, 1.2],
    },
  },
  { id: "zone-fill", type: "fill", source: "zones", paint: { "fill-color": "#b71c1c", "fill-opacity": 0.22 } },
  { id: "zone-line", type: "line", source: "zones", paint: { "line-color": "#b71c1c", "line-width": 2.5, "line-dasharray": [3, 1.5] } },
  // Routes: solid when running, dashed when delayed, dotted when suspended.
  { id: "route-running", type: "line", source: "routes", filter: ["==", ["get", "status"], "running"], paint: { "line-color": "#1565c0", "line-width": 3 } },
  {
    id: "route-delayed", type: "line", source: "routes", filter: ["==", ["get", "status"], "delayed"],
    paint: { "line-color": "#e08e0b", "line-width": 3.5, "line-dasharray": [4, 2] },
  },
  {
    id: "route-suspended", type: "line", source: "routes", filter: ["==", ["get", "status"], "suspended"],
    paint: { "line-color": "#c62828", "line-width": 3.5, "line-dasharray": [1, 2] },
  },
  {
    id: "flagged-fill", type: "fill", source: "flagged",
    paint: { "fill-pattern": ["match", ["get", "kind"], "postal_gap", "hatch-postal", "hatch-connectivity"] },
  },
  {
    id: "flagged-connectivity", type: "line", source: "flagged", filter: ["==", ["get", "kind"], "connectivity_gap"],
    paint: { "line-color": "#c62828", "line-width": ["match", ["get", "severity"], "critical", 5, 3.5] },
  },
  {
    id: "flagged-postal", type: "line", source: "flagged", filter: ["==", ["get", "kind"], "postal_gap"],
    paint: { "line-color": "#6a1b9a", "line-width": ["match", ["get", "severity"], "critical", 5, 3.5], "line-dasharray": [2, 1] },
  },
  {
    id: "office-symbol", type: "symbol", source: "offices",
    layout: { "icon-image": ["match", ["get", "status"], "open", "office-open", "office-closed"], "icon-allow-overlap": true, "icon-size": 0.9 },
  },
  {
    id: "checkpoint-symbol", type: "symbol", source: "checkpoints",
    layout: { "icon-image": ["concat", "wifi-", ["get", "wifi"]], "icon-allow-overlap": true, "icon-size": 1 },
  },
  {
    // Aggregated sites: the size tells how many, the colour how many of them are down.
    id: "site-cluster", type: "circle", source: "sites", filter: ["has", "point_count"],
    paint: {
      "circle-radius": ["step", ["get", "point_count"], 10, 20, 14, 100, 18, 1000, 24],
      "circle-color": ["case", [">", ["get", "down"], 0], "#c62828", [">", ["get", "degraded"], 0], "#e08e0b", "#1b7f3b"],
      "circle-opacity": 0.8,
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": ["case", [">", ["get", "down"], 0], 4, 1.5],
    },
  },
  {
    id: "site-symbol", type: "symbol", source: "sites", filter: ["!", ["has", "point_count"]],
    layout: { "icon-image": ["concat", "site-", ["get", "h"]], "icon-allow-overlap": true, "icon-size": 0.8 },
  },
  { id: "draft-line", type: "line", source: "draft", paint: { "line-color": "#0d47a1", "line-width": 2, "line-dasharray": [2, 1] } },
  { id: "draft-points", type: "circle", source: "draft", filter: ["==", ["geometry-type"], "Point"], paint: { "circle-radius": 5, "circle-color": "#0d47a1" } },
  // Open incidents on top of everything: a ring whose colour says how far their handling has gone.
  {
    id: "incident-marker", type: "circle", source: "incidents",
    paint: {
      "circle-radius": 9, "circle-stroke-width": 3, "circle-color": "rgba(255,255,255,0.6)",
      "circle-stroke-color": ["match", ["get", "state"], "open", "#c62828", "acknowledged", "#e08e0b", "crew_dispatched", "#1565c0", "on_site", "#6a1b9a", "#2e7d32"],
    },
  },
];
