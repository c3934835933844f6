// A district committee draws a quarantine zone where the base stations are down; the connectivity
// flag appears in the list and the area is hatched on the map.
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

/**
 * A base station whose surroundings lie inside its district: a zone drawn around it is covered
 * when every site is up (base > 0). The sites within 5 km of it are returned too.
 */
function findCoveredSpot(store) {
  const inside = (pt, ring) => {
    let result = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > pt[1] !== yj > pt[1] && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi) result = !result;
    }
    return result;
  };
  const km = (a, b) => Math.hypot((a[0] - b[0]) * 108, (a[1] - b[1]) * 111);
  const bts = store.all("site").filter((s) => s.kind === "bts");
  for (const b of bts.sort((a, c) => a.id.localeCompare(c.id))) {
    const d = store.get("district", b.districtId);
    const rings = (d.boundary.type === "Polygon" ? [d.boundary.coordinates] : d.boundary.coordinates).map((p) => p[0]);
    const [x, y] = b.location.coordinates;
    const corners = [[x - 0.01, y - 0.01], [x + 0.01, y - 0.01], [x + 0.01, y + 0.01], [x - 0.01, y + 0.01]];
    if (!rings.some((ring) => corners.every((c) => inside(c, ring)))) continue;
    const near = bts.filter((o) => km(o.location.coordinates, [x, y]) < 5).map((o) => o.id);
    if (near.length <= 4) return { district: b.districtId, centre: [x, y], near };
  }
  return null;
}

export async function run({ browser, baseUrl, password, artifacts }) {
  const probe = await openPage(browser, baseUrl);
  await signIn(probe.page, "admin", password);
  const spot = await probe.page.evaluate(`(${findCoveredSpot.toString()})(window.__situation.store)`);
  check(spot, "a base station with few neighbours, well inside its district");
  await probe.context.close();
  // The situation the committee faces: every base station around the place is down.
  const admin = await apiAs(baseUrl, "admin", password);
  await admin("POST", "/api/reports", { reports: spot.near.map((siteId) => ({ siteId, health: "down", power: "none", causes: ["power"] })) });

  const { page, errors } = await openPage(browser, baseUrl);
  await signIn(page, `district-${spot.district}`, password);
  await page.evaluate(([x, y]) => window.__situation.map.jumpTo({ center: [x, y], zoom: 12 }), spot.centre);
  await page.waitForFunction(() => window.__situation.map.loaded());
  await page.fill("#zone-name", "Thôn Đê Kjêng");
  await page.click("button[name=draw-zone]");
  const [x, y] = spot.centre;
  for (const corner of [[x - 0.008, y - 0.008], [x + 0.008, y - 0.008], [x + 0.008, y + 0.008], [x - 0.008, y + 0.008]]) {
    const at = await page.evaluate((c) => window.__situation.map.project(c), corner);
    const box = await page.locator("#map canvas").boundingBox();
    await page.mouse.click(box.x + at.x, box.y + at.y);
  }
  await page.click("button[name=finish-zone]");

  const flag = await page.waitForFunction(() => window.__situation.store.all("flag")
    .find((f) => f.kind === "connectivity_gap" && f.subject.type === "zone")?.id, null, { timeout: 30_000 });
  const flagId = await flag.jsonValue();
  await page.waitForSelector(`li[data-flag="${flagId}"]`);
  const zone = await page.evaluate((id) => window.__situation.store.get("zone", id.split(".").slice(2).join(".")), flagId);
  check(zone?.name === "Thôn Đê Kjêng" && zone.districtId === spot.district, `the zone was created in ${spot.district}: ${JSON.stringify(zone?.name)}`);
  await page.waitForFunction((id) => window.__situation.map.queryRenderedFeatures({ layers: ["flagged-fill"] }).some((f) => f.properties.id === id), flagId);
  await screenshot(page, artifacts, "draw-zone-flagged");
  check(errors.length === 0, errors.join("\n"));
  return { district: spot.district, flag: flagId };
}
