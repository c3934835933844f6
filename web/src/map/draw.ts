// Drawing a zone's boundary on the map: each click places a corner; finishing closes the ring.

import type { MapView } from "./mapView";

export class ZoneDrawing {
  private points: Array<[number, number]> = [];
  private active = false;
  onChange: (corners: number) => void = () => {};

  constructor(private readonly map: MapView) {}

  get drawing(): boolean {
    return this.active;
  }

  start(): void {
    this.points = [];
    this.active = true;
    this.map.onClickMap = (at) => {
      this.points.push(at);
      this.map.setDraft(this.points);
      this.onChange(this.points.length);
      return true;
    };
    this.map.map.getCanvas().style.cursor = "crosshair";
    this.onChange(0);
  }

  /** The drawn polygon (GeoJSON), or null when fewer than three corners were placed. */
  finish(): { type: "Polygon"; coordinates: number[][][] } | null {
    const points = this.points;
    this.cancel();
    if (points.length < 3) return null;
    return { type: "Polygon", coordinates: [[...points, points[0]]] };
  }

  cancel(): void {
    this.active = false;
    this.points = [];
    this.map.onClickMap = null;
    this.map.setDraft([]);
    this.map.map.getCanvas().style.cursor = "";
    this.onChange(0);
  }
}
