// A checkpoint officer's phone checks passes without the network. A district grants viettel's crew a
// pass into a zone beside its checkpoint; the officer loads the page while online (it keeps the
// verification keys), goes offline, checks the valid code and a tampered copy on the device, and
// records the crew going in. Back online, the queued crossing reaches the server exactly once — sent
// a second time (as after a lost answer), it is still one.
import { apiAs, check, openPage, screenshot } from "../browser.mjs";

async function grantedPass(baseUrl, password) {
  const admin = await apiAs(baseUrl, "admin", password);
  const viettel = await apiAs(baseUrl, "operator-viettel", password);
  const district = await apiAs(baseUrl, "district-622", password);
  const checkpoint = (await admin("GET", "/api/checkpoints?district=622")).features[0];
  const [lon, lat] = checkpoint.geometry.coordinates;
  const stamp = Date.now().toString(36);
  let zone = null;
  // The checkpoint stands on the district's border: a zone beside it on the district's side.
  for (const [dx, dy] of [[0.006, 0], [-0.006, 0], [0, 0.006], [0, -0.006]]) {
    const [x, y, d] = [lon + dx, lat + dy, 0.002];
    const id = `zone-e2e-${stamp}-${dx}${dy}`.replace(/[.]/g, "");
    try {
      await admin("POST", "/api/zones", {
        type: "Feature", id, properties: { districtId: "622", name: "Thôn cách ly thử" },
        geometry: { type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] },
      });
      zone = id;
      break;
    } catch {
      // That side is another district's.
    }
  }
  check(zone, "a zone could be put beside the checkpoint");
  const crew = `crew-e2e-${stamp}`;
  await viettel("PUT", `/api/organisations/viettel/crews/${crew}`, {
    name: "Tổ ứng cứu thông tin", vehiclePlate: "81C-246.80", members: [{ id: "m1", name: "Kpă Thị Hoa", phone: "0000 000 711" }],
  });
  await viettel("PUT", `/api/organisations/viettel/crews/${crew}/members/m1/declaration`, {});
  const pass = await viettel("POST", "/api/passes", {
    id: `pass-e2e-${stamp}`, crewId: crew, memberIds: ["m1"], zoneIds: [zone], checkpointIds: [checkpoint.id],
    validFrom: new Date(Date.now() - 60_000).toISOString(), validUntil: new Date(Date.now() + 8 * 3600_000).toISOString(),
  });
  const granted = await district("POST", `/api/passes/${pass.id}/decision`, { grant: true, reason: "Sửa trạm mất sóng" });
  return { admin, checkpoint: checkpoint.id, pass: granted };
}

export async function run({ browser, baseUrl, password, artifacts }) {
  const { admin, checkpoint, pass } = await grantedPass(baseUrl, password);
  const officer = await openPage(browser, baseUrl, { width: 390, height: 844 });
  const { page, context } = officer;
  await page.goto("/");
  await page.fill("#username", "checkpoint-622");
  await page.fill("#password", password);
  await page.click("form.signin button[type=submit]");
  await page.waitForSelector(".checkpoint-page .kit-age");
  await page.selectOption("select[name=checkpoint]", checkpoint);
  await screenshot(page, artifacts, "checkpoint-officer-online");

  await context.setOffline(true);
  await page.waitForSelector(".device.offline");
  check(await page.locator(".wifi button.wifi-ok").isDisabled() && await page.locator(".wifi button.wifi-down").isDisabled(),
    "the wifi is reported only online");
  await page.fill("#pass-token", pass.token);
  await page.click("button.verify");
  await page.waitForSelector('.verdict[data-result="valid"]');
  const members = await page.innerText(".verdict .members");
  check(members === "Kpă Thị Hoa", `the valid pass names the crew's member: ${members}`);
  const zones = await page.innerText(".verdict .zones");
  check(zones === "Thôn cách ly thử", `the zone is named as the kit knows it, offline: ${zones}`);
  await screenshot(page, artifacts, "checkpoint-officer-offline-valid");

  const [version, kid, claims, signature] = pass.token.split(".");
  const altered = `${version}.${kid}.${claims.slice(0, 8)}${claims[8] === "A" ? "B" : "A"}${claims.slice(9)}.${signature}`;
  await page.fill("#pass-token", altered);
  await page.click("button.verify");
  await page.waitForSelector('.verdict[data-result="bad_signature"]');
  check(await page.locator(".verdict .cross-in").count() === 0, "a refused pass offers no crossing");
  await screenshot(page, artifacts, "checkpoint-officer-offline-tampered");

  await page.fill("#pass-token", pass.token);
  await page.click("button.verify");
  await page.click('.verdict[data-result="valid"] button.cross-in');
  await page.waitForSelector('.queue[data-count="1"]');
  const queuedCrossing = await page.evaluate(() => JSON.parse(localStorage.getItem("situation.crossing-queue"))[0]);
  check((await admin("GET", `/api/passes/${pass.id}`)).crossings.length === 0, "nothing reached the server while offline");

  await context.setOffline(false);
  await page.waitForSelector('.queue[data-count="0"]', { timeout: 15_000 });
  let held = await admin("GET", `/api/passes/${pass.id}`);
  check(held.crossings.length === 1 && held.crossings[0].id === queuedCrossing.id, `the queued crossing reached the server: ${JSON.stringify(held.crossings)}`);
  check(held.crossings[0].checkpointId === checkpoint && held.crossings[0].direction === "in", "as recorded, at the officer's checkpoint");

  // The same crossing queued again, as when an answer was lost: the server keeps it once.
  await page.evaluate((crossing) => localStorage.setItem("situation.crossing-queue", JSON.stringify([crossing])), queuedCrossing);
  await context.setOffline(true);
  await page.waitForSelector(".device.offline");
  await context.setOffline(false);
  await page.waitForSelector(".device.online");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("situation.crossing-queue") ?? "[]").length === 0, null, { timeout: 15_000 });
  held = await admin("GET", `/api/passes/${pass.id}`);
  check(held.crossings.length === 1, `still one crossing: ${held.crossings.length}`);
  check(held.inside === true, "the crew is inside the zone");
  // Clause 1.2: the officers report whether the checkpoint's free wifi works.
  const wifiBefore = await page.getAttribute(".wifi", "data-wifi");
  const wifiAfter = wifiBefore === "ok" ? "down" : "ok";
  await page.click(`.wifi button.wifi-${wifiAfter}`);
  await page.waitForSelector(`.wifi[data-wifi="${wifiAfter}"]`);
  const reported = (await admin("GET", `/api/checkpoints/${checkpoint}`)).properties;
  check(reported.wifi === wifiAfter && reported.updatedBy === "checkpoint-622", `the server holds the officer's report: ${JSON.stringify(reported)}`);
  const failures = officer.errors.filter((e) => !e.includes("net::ERR_INTERNET_DISCONNECTED"));
  check(failures.length === 0, `no errors on the officer's page: ${failures.join("; ")}`);
  await screenshot(page, artifacts, "checkpoint-officer-sent");
  // What the crew carries: the token's size and the QR code's version (its size, 1–40) at level M.
  const login = await (await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "operator-viettel", password }),
  })).json();
  const qr = await fetch(`${baseUrl}/api/passes/${pass.id}/qr.svg`, { headers: { authorization: `Bearer ${login.token}` } });
  check(qr.ok && qr.headers.get("content-type")?.startsWith("image/svg+xml"), `the pass's QR code: ${qr.status}`);
  return { pass: pass.id, tokenLength: pass.token.length, qrVersion: Number(qr.headers.get("x-qr-version")) };
}
