// Every role signs in and sees the map, the 17 districts and its own tools — and not the others'.
import { check, openPage, screenshot, signIn } from "../browser.mjs";

const ROLES = [
  { user: "leader", shows: ["#summary-title", "#flags-title", "button.ack"], hides: ["button[name=draw-zone]", "#import-title"] },
  { user: "district-622", shows: ["button[name=draw-zone]", "#flags-title"], hides: ["#summary-title", "#import-title", "button.ack", "#power-title"] },
  { user: "operator-viettel", shows: ["#import-title", "#flags-title"], hides: ["button[name=draw-zone]", "#summary-title", "button.ack"] },
  { user: "utility", shows: ["#power-title", "#flags-title"], hides: ["button[name=draw-zone]", "#import-title", "#summary-title"] },
  { user: "admin", shows: ["#summary-title", "button[name=draw-zone]", "#import-title", "#power-title"], hides: [] },
];

export async function run({ browser, baseUrl, password, artifacts }) {
  const timings = {};
  for (const role of ROLES) {
    const { page, errors, context } = await openPage(browser, baseUrl);
    await signIn(page, role.user, password);
    const districts = await page.evaluate(() => window.__situation.store.count("district"));
    check(districts === 17, `${role.user}: 17 districts on the map, not ${districts}`);
    const drawn = await page.evaluate(() => window.__situation.map.queryRenderedFeatures({ layers: ["district-fill"] }).length);
    check(drawn > 0, `${role.user}: the districts are drawn`);
    for (const selector of role.shows) check(await page.locator(selector).count() > 0, `${role.user} should see ${selector}`);
    for (const selector of role.hides) check(await page.locator(selector).count() === 0, `${role.user} should not see ${selector}`);
    check((await page.locator(".status").getAttribute("data-state")) === "live", `${role.user}: the indicator says live`);
    timings[role.user] = Math.round(await page.evaluate(() => window.__situation.firstMapMs));
    await screenshot(page, artifacts, `role-${role.user}`);
    check(errors.length === 0, `${role.user}: ${errors.join("\n")}`);
    await context.close();
  }
  return { firstMapMs: timings };
}
