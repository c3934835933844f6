// Benchmark (not a test): time from navigation to the first complete map — snapshot loaded, every
// source filled and the map idle — in headless Chromium, the median of RUNS fresh page loads.
// Baseline in the same run and the same browser: fetching and parsing the same snapshot without
// drawing anything. Usage: node e2e/first-map.mjs <server url> <password> [runs]
import { launch } from "./browser.mjs";

const [baseUrl, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const login = await fetch(`${baseUrl}/api/auth/login`, {
  method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "leader", password }),
});
const session = await login.json();
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const map = [], parse = [];
let sites = 0;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  await context.addInitScript((s) => sessionStorage.setItem("situation.session", JSON.stringify(s)), session);
  const page = await context.newPage();
  await page.goto("/");
  await page.waitForFunction(() => window.__situation?.ready === true, null, { timeout: 300_000, polling: 50 });
  map.push(await page.evaluate(() => window.__situation.firstMapMs));
  sites = await page.evaluate(() => window.__situation.store.count("site"));
  parse.push(await page.evaluate(async (token) => {
    const t0 = performance.now();
    const response = await fetch("/api/situation", { headers: { authorization: `Bearer ${token}` } });
    await response.json();
    return performance.now() - t0;
  }, session.token));
  await context.close();
}
await browser.close();
console.log(JSON.stringify({ sites, runs, firstMapMs: Math.round(median(map)), snapshotFetchParseMs: Math.round(median(parse)), all: map.map(Math.round) }));
