import { describe, expect, it } from "vitest";
import { bars } from "../src/availability";

const point = (availability: number | null) => ({ from: "2021-02-02T00:00:00Z", to: "2021-02-02T01:00:00Z", availability, sitesDown: 0 });

describe("availability bars", () => {
  it("stand side by side, as tall as their share above the floor", () => {
    const drawn = bars([point(1), point(0.9), point(0.8), point(0.5)], 400, 100);
    expect(drawn.map((b) => b.height)).toEqual([100, 50, 0, 0]);
    expect(drawn.map((b) => b.y)).toEqual([0, 50, 100, 100]);
    expect(drawn.map((b) => b.x)).toEqual([10, 110, 210, 310]);
    expect(drawn.every((b) => b.width === 80)).toBe(true);
  });

  it("leave a part with no sites empty, saying so", () => {
    const [bar] = bars([point(null)], 100, 100);
    expect(bar.height).toBe(0);
    expect(bar.share).toBeNull();
  });
});
