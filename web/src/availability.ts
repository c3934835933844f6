// The bars of a district's availability chart (ui/availabilityChart.ts), as numbers: no DOM here.

export interface AvailabilityPoint { from: string; to: string; availability: number | null; sitesDown: number }

export interface Bar { x: number; y: number; width: number; height: number; share: number | null; from: string; to: string }

/**
 * The bars in a box of `width` × `height`: one a part, side by side with a gap, as tall as its share;
 * a part with no sites has no bar. The lowest share shown is `floor` (a bar at the floor is empty),
 * so the differences that matter (99 % against 95 %) show.
 */
export function bars(points: readonly AvailabilityPoint[], width: number, height: number, floor = 0.8): Bar[] {
  const slot = points.length === 0 ? 0 : width / points.length;
  return points.map((p, i) => {
    const share = p.availability;
    const scaled = share === null ? 0 : Math.max(0, Math.min(1, (share - floor) / (1 - floor)));
    return { x: i * slot + slot * 0.1, width: slot * 0.8, y: height - scaled * height, height: scaled * height, share, from: p.from, to: p.to };
  });
}
