// Map symbols drawn on a canvas at start, so the map needs no sprite server. Every state has its
// own shape as well as its own colour (readable without colour): up is a filled circle,
// degraded a triangle, down a cross in a square, unknown a hollow diamond.

import type { Map as MapLibre } from "maplibre-gl";

const SIZE = 32;

type Draw = (g: CanvasRenderingContext2D) => void;

function image(draw: Draw): ImageData {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = SIZE;
  const g = canvas.getContext("2d")!;
  g.lineWidth = 3;
  g.lineJoin = "round";
  draw(g);
  return g.getImageData(0, 0, SIZE, SIZE);
}

const circle = (fill: string): Draw => (g) => {
  g.beginPath();
  g.arc(16, 16, 10, 0, Math.PI * 2);
  g.fillStyle = fill;
  g.fill();
  g.strokeStyle = "#ffffff";
  g.stroke();
};

const triangle = (fill: string): Draw => (g) => {
  g.beginPath();
  g.moveTo(16, 4);
  g.lineTo(28, 27);
  g.lineTo(4, 27);
  g.closePath();
  g.fillStyle = fill;
  g.fill();
  g.strokeStyle = "#ffffff";
  g.stroke();
};

const crossedSquare = (fill: string): Draw => (g) => {
  g.fillStyle = fill;
  g.fillRect(5, 5, 22, 22);
  g.strokeStyle = "#ffffff";
  g.strokeRect(5, 5, 22, 22);
  g.beginPath();
  g.moveTo(10, 10);
  g.lineTo(22, 22);
  g.moveTo(22, 10);
  g.lineTo(10, 22);
  g.stroke();
};

const hollowDiamond = (stroke: string): Draw => (g) => {
  g.beginPath();
  g.moveTo(16, 4);
  g.lineTo(28, 16);
  g.lineTo(16, 28);
  g.lineTo(4, 16);
  g.closePath();
  g.fillStyle = "#ffffff";
  g.fill();
  g.strokeStyle = stroke;
  g.lineWidth = 4;
  g.stroke();
};

/** A wifi fan; crossed out when down, a dashed outline only when there is none. */
const wifi = (state: "ok" | "down" | "none"): Draw => (g) => {
  g.fillStyle = "#ffffff";
  g.fillRect(2, 2, 28, 28);
  g.strokeStyle = state === "ok" ? "#1b7f3b" : state === "down" ? "#c62828" : "#6d6d6d";
  if (state === "none") g.setLineDash([4, 3]);
  g.strokeRect(2, 2, 28, 28);
  g.setLineDash([]);
  for (const r of [6, 11, 16]) {
    g.beginPath();
    g.arc(16, 26, r, Math.PI * 1.25, Math.PI * 1.75);
    g.stroke();
  }
  if (state === "down") {
    g.beginPath();
    g.moveTo(6, 6);
    g.lineTo(26, 26);
    g.stroke();
  }
};

/** An envelope; crossed when the office is closed. */
const envelope = (open: boolean): Draw => (g) => {
  g.fillStyle = open ? "#1565c0" : "#ffffff";
  g.strokeStyle = open ? "#ffffff" : "#1565c0";
  g.fillRect(4, 8, 24, 17);
  g.strokeRect(4, 8, 24, 17);
  g.beginPath();
  g.moveTo(4, 8);
  g.lineTo(16, 18);
  g.lineTo(28, 8);
  g.stroke();
  if (!open) {
    g.strokeStyle = "#c62828";
    g.beginPath();
    g.moveTo(4, 28);
    g.lineTo(28, 4);
    g.stroke();
  }
};

/** Diagonal hatching: flagged areas stand out at a glance whatever is drawn below them. */
const hatch = (colour: string): Draw => (g) => {
  g.strokeStyle = colour;
  g.lineWidth = 4;
  for (let x = -SIZE; x < SIZE * 2; x += 10) {
    g.beginPath();
    g.moveTo(x, SIZE);
    g.lineTo(x + SIZE, 0);
    g.stroke();
  }
};

export const HEALTH_COLOURS: Record<string, string> = { up: "#1b7f3b", degraded: "#e08e0b", down: "#c62828", unknown: "#6d6d6d" };

export function addIcons(map: MapLibre): void {
  const icons: Record<string, Draw> = {
    "site-up": circle(HEALTH_COLOURS.up),
    "site-degraded": triangle(HEALTH_COLOURS.degraded),
    "site-down": crossedSquare(HEALTH_COLOURS.down),
    "site-unknown": hollowDiamond(HEALTH_COLOURS.unknown),
    "wifi-ok": wifi("ok"),
    "wifi-down": wifi("down"),
    "wifi-none": wifi("none"),
    "office-open": envelope(true),
    "office-closed": envelope(false),
    "hatch-connectivity": hatch("rgba(198, 40, 40, 0.55)"),
    "hatch-postal": hatch("rgba(106, 27, 154, 0.5)"),
  };
  for (const [name, draw] of Object.entries(icons)) if (!map.hasImage(name)) map.addImage(name, image(draw), { pixelRatio: 2 });
}
