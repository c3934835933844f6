// The DIC's administrator opens the compliance board "as of" 03/02/2021 10:00, after letter 126's
// deadline: the military command's missing contact point is overdue, in red. The military command
// names its contact point from its own page, and the cell turns green on the administrator's page,
// live, without a reload; the cell's history tells each turn of its status in Vietnamese, and the
// grid downloads as CSV. A roster gap is named with its hours; Pleiku's committee imports its
// checkpoints' duty roster from a CSV file with one bad row.
import { readFile } from "node:fs/promises";
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

const OBLIGATION = "126-stttt-bcvt.1.3.military";
const cell = (status) => `td.cell[data-obligation="${OBLIGATION}"][data-status="${status}"]`;

export async function run({ browser, baseUrl, password, artifacts }) {
  const admin = await openPage(browser, baseUrl);
  await signIn(admin.page, "admin", password);
  await admin.page.waitForSelector(cell("overdue"), { timeout: 30_000 });
  const red = await admin.page.$eval(cell("overdue"), (td) => getComputedStyle(td).backgroundColor);
  check(red === "rgb(198, 40, 40)", `the overdue cell is red: ${red}`);
  const title = await admin.page.innerText("#compliance-title");
  check(/quá hạn/.test(title), `the board counts what is overdue: ${title}`);
  await screenshot(admin.page, artifacts, "compliance-board-overdue");
  // The directives' flags say whose obligation it is, in words, among the map's.
  const missedDay = admin.page.locator('li[data-flag="obligation_overdue.obligation.126-stttt-bcvt.3.2c.viettelpost"]');
  await missedDay.waitFor();
  const said = await missedDay.innerText();
  check(said.includes("Viettel Post Gia Lai") && said.includes("Khai báo y tế"), `the flag names the enterprise and what it owes: ${said}`);

  const military = await openPage(browser, baseUrl, { width: 420, height: 900 });
  await signIn(military.page, "military", password);
  await military.page.waitForSelector(`.own-obligations li[data-obligation="${OBLIGATION}"][data-status="overdue"]`);
  await military.page.fill("input[name=contact-name]", "Đại tá Nguyễn Văn Thử");
  await military.page.fill("input[name=contact-position]", "Tham mưu trưởng");
  await military.page.fill("input[name=contact-phone]", "0000 000 321");
  await military.page.click("button[name=send-contact-point]");
  await military.page.waitForSelector(`.own-obligations li[data-obligation="${OBLIGATION}"][data-status="met"]`);
  await screenshot(military.page, artifacts, "compliance-own-obligations");

  await admin.page.waitForSelector(cell("met"), { timeout: 15_000 });
  const green = await admin.page.$eval(cell("met"), (td) => getComputedStyle(td).backgroundColor);
  check(green === "rgb(46, 125, 50)", `the met cell is green: ${green}`);
  const navigations = await admin.page.evaluate(() => performance.getEntriesByType("navigation").length);
  check(navigations === 1, "the administrator's page was not reloaded");
  await admin.page.click(`${cell("met")} button.cell-open`);
  // The cell's history: the contact point's change, by whom.
  await admin.page.waitForSelector('.obligation-detail ul.records li:has-text("set-contact-point")');
  const detail = await admin.page.innerText(".obligation-detail");
  check(detail.includes("0000 000 321") && detail.includes("military"), `the cell opens its evidence and history: ${detail}`);
  // Each turn of the status, the platform's own, in the person's words: from overdue to met.
  await admin.page.waitForSelector('.obligation-detail ul.status-changes li:has-text("Quá hạn → Đã thực hiện")');
  const found = await admin.page.innerText(".obligation-detail .finding");
  check(found.includes("Đã gửi: Đại tá Nguyễn Văn Thử, Tham mưu trưởng, 0000 000 321"), `what was found, in Vietnamese: ${found}`);
  await screenshot(admin.page, artifacts, "compliance-board-met");

  // The grid as CSV: a row per addressee, a column per kind.
  const [download] = await Promise.all([admin.page.waitForEvent("download"), admin.page.click("button[name=compliance-csv]")]);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\ufeff/, "").split("\r\n");
  check(csv[0].startsWith('"organisation","name","contact_point"'), `the grid's header: ${csv[0]}`);
  check(csv.some((line) => line.startsWith('"military","Bộ Chỉ huy Quân sự tỉnh Gia Lai","met"')), `the military command's row: ${csv.find((l) => l.startsWith('"military"'))}`);

  // A roster gap says which duty lacks somebody, and when: VNPT's emergency duty, 04/02 15:00–16:00.
  const gap = admin.page.locator('li[data-flag^="roster_gap.roster.vnpt.emergency_response."]');
  await gap.waitFor();
  const gapText = await gap.innerText();
  check(gapText.includes("Trực ứng cứu thông tin") && gapText.includes("15:00") && gapText.includes("16:00"), `the gap names its duty and hours: ${gapText}`);

  // Who to call about a Viettel site: who is on its emergency-response duty now, a number to dial.
  // A base station of Viettel in Pleiku, which no other site hangs from: taking it down leaves every
  // other site as it was (the live-site scenario counts on Viettel's base stations elsewhere being up).
  const site = await admin.page.evaluate(() => {
    const sites = window.__situation.store.all("site");
    return sites.find((s) => s.operator === "viettel" && s.kind === "bts" && s.districtId === "622" && !sites.some((o) => o.upstreamSiteId === s.id)).id;
  });
  // A version that changes the site's reported health: its timeline says what changed, from what to what.
  const adminApi = await apiAs(baseUrl, "admin", password);
  const health = (await adminApi("GET", `/api/sites/${site}`)).properties.health === "down" ? "degraded" : "down";
  const reported = await adminApi("POST", `/api/sites/${site}/reports`, { health, power: "generator", causes: ["power"] });
  // Selected once the page holds that version: a live change arriving later would rebuild the panel under the checks below.
  await admin.page.waitForFunction(({ id, version }) => window.__situation.store.version("site", id) >= version, { id: site, version: reported.version });
  await admin.page.evaluate((id) => window.__situation.select({ type: "site", id }), site);
  const onDuty = admin.page.locator('.who-to-call li[data-organisation="viettel"] [data-duty="emergency_response"] a[href^="tel:"]');
  await onDuty.waitFor();
  // The panel settles once its audit trail has loaded; after that only a change it shows rebuilds it.
  await admin.page.waitForSelector('.details [data-history="audit"]');
  const newest = await admin.page.locator('.details ol[data-history="audit"] li').first().innerText();
  check(newest.includes("Tình trạng báo cáo: ") && newest.includes(`→ ${health === "down" ? "Mất" : "Suy giảm"}`), `the newest version says what changed: ${newest}`);
  check((await onDuty.getAttribute("href")).startsWith("tel:0000001"), "the duty's number dials");
  // And the DIC's emergency contacts, from the configuration (the demo's numbers are invented).
  const emergency = await admin.page.locator(".who-to-call .emergency a[href^='tel:']").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  check(emergency.join(",") === "tel:0000000001,tel:0000000002", `the configured emergency contacts dial: ${emergency}`);
  await onDuty.scrollIntoViewIfNeeded();
  await screenshot(admin.page, artifacts, "compliance-who-to-call");

  // What the administrator is typing in the site's report survives a live change elsewhere: the
  // military command's new number reaches the open board cell while the form keeps "123".
  const battery = admin.page.locator('.details form[name="site-report"] input[name="batteryMinutes"]');
  await battery.fill("123");
  await military.page.fill("input[name=contact-name]", "Đại tá Nguyễn Văn Thử");
  await military.page.fill("input[name=contact-position]", "Tham mưu trưởng");
  await military.page.fill("input[name=contact-phone]", "0000 000 322");
  await military.page.click("button[name=send-contact-point]");
  await admin.page.waitForSelector('.obligation-detail:has-text("0000 000 322")');
  check(await battery.inputValue() === "123", `the typed battery minutes survive a live render: ${await battery.inputValue()}`);

  // Pleiku's committee imports its checkpoints' duty roster: two good rows, one whose end is no time.
  const district = await openPage(browser, baseUrl, { width: 480, height: 1000 });
  await signIn(district.page, "district-622", password);
  const roster = [
    "id,duty,person,phone,start,end",
    "cp-e2e-1,checkpoint,Rơ Châm Thuận,0000 000 931,2021-02-03T06:00:00+07:00,2021-02-03T18:00:00+07:00",
    "cp-e2e-2,checkpoint,Ksor Blin,0000 000 932,2021-02-03T18:00:00+07:00,tomorrow",
    "cp-e2e-3,checkpoint,Đinh Thị Mai,0000 000 933,2021-02-04T06:00:00+07:00,2021-02-04T18:00:00+07:00",
  ].join("\n");
  await district.page.setInputFiles("input[name=roster-csv]", { name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(roster, "utf8") });
  await district.page.waitForSelector(".roster-import .import-result");
  const progress = await district.page.locator(".roster-import progress").evaluate((p) => [p.value, p.max]);
  check(progress[0] === 3 && progress[1] === 3, `the progress bar is full: ${progress}`);
  const rows = await district.page.locator(".roster-import .row-errors tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.dataset.line, tr.innerText]));
  check(rows.length === 1 && rows[0][0] === "3" && rows[0][1].includes("không phải ngày giờ"), `one row error, line 3, in Vietnamese: ${JSON.stringify(rows)}`);
  // On the directives' clock (03/02/2021 10:00) the first shift is on duty now.
  await district.page.waitForSelector('.roster li[data-duty="checkpoint"]:has-text("Rơ Châm Thuận")');
  await district.page.locator(".roster").scrollIntoViewIfNeeded();
  await screenshot(district.page, artifacts, "compliance-district-checkpoint-roster");

  check(admin.errors.length === 0, admin.errors.join("\n"));
  check(military.errors.length === 0, military.errors.join("\n"));
  check(district.errors.length === 0, district.errors.join("\n"));
  return { obligation: OBLIGATION };
}
