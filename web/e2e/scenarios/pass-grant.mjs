// A pass from the dashboard: viettel's operator declares a crew member's health, asks for the crew's
// passage into a zone beside a Pleiku checkpoint; the Pleiku committee sees the request live and
// grants it; viettel's page then shows the pass granted with its QR code.
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const admin = await apiAs(baseUrl, "admin", password);
  const api = await apiAs(baseUrl, "operator-viettel", password);
  const stamp = Date.now().toString(36);
  const crew = `crew-ui-${stamp}`;
  await api("PUT", `/api/organisations/viettel/crews/${crew}`, {
    name: `Tổ ứng cứu ${stamp}`, vehiclePlate: "81C-135.79",
    members: [{ id: "m1", name: "Siu H'Lan", phone: "0000 000 811" }, { id: "m2", name: "Đinh Văn Núp", phone: "0000 000 812" }],
  });

  const operator = await openPage(browser, baseUrl, { width: 1280, height: 1000 });
  await signIn(operator.page, "operator-viettel", password);
  const district = await openPage(browser, baseUrl, { width: 1280, height: 1000 });
  await signIn(district.page, "district-622", password);

  const checkpoint = (await admin("GET", "/api/checkpoints?district=622")).features[0];
  const [lon, lat] = checkpoint.geometry.coordinates;
  let zone = null;
  for (const [dx, dy] of [[0.006, 0], [-0.006, 0], [0, 0.006], [0, -0.006]]) {
    const [x, y, d] = [lon + dx, lat + dy, 0.002];
    const id = `zone-ui-${stamp}-${dx}${dy}`.replace(/[.]/g, "");
    try {
      await admin("POST", "/api/zones", {
        type: "Feature", id, properties: { districtId: "622", name: `Khu cách ly ${stamp}` },
        geometry: { type: "Polygon", coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] },
      });
      zone = id;
      break;
    } catch {
      // That side is another district's.
    }
  }
  check(zone, "a zone could be put beside the checkpoint");

  const form = operator.page.locator("form.request-pass");
  await form.locator("select[name=pass-crew]").selectOption(crew);
  check(await form.locator('label[data-member="m1"] input').isDisabled(), "a member who has not declared today cannot be put on the pass");
  await form.locator('label[data-member="m1"] button.declare').click();
  await form.locator('label[data-member="m1"] input:checked:not([disabled])').waitFor();
  await operator.page.waitForSelector(`form.request-pass select[name=pass-zone] option[value="${zone}"]`, { state: "attached" });
  await form.locator("select[name=pass-zone]").selectOption(zone);
  await form.locator("select[name=pass-checkpoints]").selectOption([checkpoint.id]);
  const [answer] = await Promise.all([
    operator.page.waitForResponse((r) => r.url().endsWith("/api/passes") && r.request().method() === "POST"),
    form.locator("button[name=request-pass]").click(),
  ]);
  check(answer.status() === 201, `the request is taken: ${answer.status()} ${await answer.text()}`);
  const requested = await answer.json();
  check(requested.state === "requested" && requested.crewId === crew && requested.members.length === 1, `one declared member on it: ${JSON.stringify(requested.members)}`);
  await operator.page.locator(`li[data-pass="${requested.id}"][data-state="requested"]`).waitFor({ timeout: 15_000 });

  const waiting = district.page.locator(`li[data-pass="${requested.id}"][data-state="requested"]`);
  await waiting.waitFor({ timeout: 15_000 });
  await screenshot(district.page, artifacts, "pass-requested-district");
  await waiting.locator("input[name=pass-reason]").fill("Khắc phục trạm trong vùng cách ly");
  await waiting.locator("button.grant").click();
  await district.page.locator(`li[data-pass="${requested.id}"][data-state="granted"]`).waitFor({ timeout: 15_000 });
  await operator.page.locator(`li[data-pass="${requested.id}"][data-state="granted"] .qr svg`).waitFor({ timeout: 15_000 });
  await screenshot(operator.page, artifacts, "pass-granted-with-qr");
  const granted = await admin("GET", `/api/passes/${requested.id}`);
  check(granted.decidedBy === "district-622" && granted.reason === "Khắc phục trạm trong vùng cách ly", `granted by the district: ${granted.decidedBy}`);
  for (const { errors } of [operator, district]) check(errors.length === 0, `no errors: ${errors.join("; ")}`);
  return { pass: requested.id };
}
