// A pass from the dashboard: viettel's operator makes a crew on its page, declares a member's health,
// asks for the crew's passage into a zone beside a Pleiku checkpoint; the Pleiku committee sees the
// request live and grants it; viettel's page then shows the pass granted with its QR code. Once the
// checkpoint's officer lets the crew in, the committee's map shows a crew inside the zone; the
// committee then takes the pass back, saying why.
import { apiAs, check, openPage, screenshot, signIn } from "../browser.mjs";

export async function run({ browser, baseUrl, password, artifacts }) {
  const admin = await apiAs(baseUrl, "admin", password);
  const api = await apiAs(baseUrl, "operator-viettel", password);
  const stamp = Date.now().toString(36);
  const crewName = `Tổ ứng cứu ${stamp}`;

  const operator = await openPage(browser, baseUrl, { width: 1280, height: 1000 });
  await signIn(operator.page, "operator-viettel", password);
  // The crew is made on the page: a name, a vehicle, two members (the second row added).
  const editor = operator.page.locator("details.crew-editor");
  await editor.locator("summary").click();
  await editor.locator("input[name=crew-name]").fill(crewName);
  await editor.locator("input[name=crew-plate]").fill("81C-135.79");
  await editor.locator("button[name=add-member]").click();
  const rows = editor.locator(".crew-member");
  await rows.nth(0).locator("input[name=member-name]").fill("Siu H'Lan");
  await rows.nth(0).locator("input[name=member-phone]").fill("0000 000 811");
  await rows.nth(1).locator("input[name=member-name]").fill("Đinh Văn Núp");
  await rows.nth(1).locator("input[name=member-phone]").fill("0000 000 812");
  await editor.locator("button[name=save-crew]").click();
  // Saved, the crew is offered for a pass.
  await operator.page.locator("form.request-pass select[name=pass-crew] option", { hasText: crewName }).waitFor({ state: "attached", timeout: 15_000 });
  const made = (await api("GET", "/api/crews?enterprise=viettel")).items.find((c) => c.name === crewName);
  check(made, "the crew made on the page is stored");
  check(made.vehiclePlate === "81C-135.79" && made.members.map((m) => `${m.id} ${m.name} ${m.phone}`).join("; ") === "m1 Siu H'Lan 0000 000 811; m2 Đinh Văn Núp 0000 000 812",
    `its members: ${JSON.stringify(made.members)}`);
  const crew = made.id;
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
  await operator.page.waitForSelector(`form.request-pass select[name=pass-zones] option[value="${zone}"]`, { state: "attached" });
  await form.locator("select[name=pass-zones]").selectOption([zone]);
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

  // The officer lets the crew in: the committee's map shows one crew inside the zone, of one pass.
  const officer = await apiAs(baseUrl, "checkpoint-622", password);
  await officer("POST", `/api/passes/${requested.id}/crossings`, { id: `in-${stamp}`, checkpointId: checkpoint.id, direction: "in" });
  const inside = district.page.locator(`.crew-label[data-zone="${zone}"][data-inside="1"]`);
  await inside.waitFor({ timeout: 15_000 });
  check((await inside.textContent()).endsWith("1/1"), `one crew inside of one pass: ${await inside.textContent()}`);
  await screenshot(district.page, artifacts, "pass-crew-inside-zone");

  // Taken back, saying why: without a reason the page asks for one.
  const held = district.page.locator(`li[data-pass="${requested.id}"][data-state="granted"]`);
  await held.locator("button.revoke").click();
  await district.page.locator(".passes p.error").waitFor();
  await held.locator("input[name=revoke-reason]").fill("Tổ đã hoàn thành, rút khỏi vùng");
  await held.locator("button.revoke").click();
  await district.page.locator(`li[data-pass="${requested.id}"][data-state="revoked"]`).waitFor({ timeout: 15_000 });
  const revoked = await admin("GET", `/api/passes/${requested.id}`);
  check(revoked.state === "revoked" && revoked.reason === "Tổ đã hoàn thành, rút khỏi vùng", `revoked with the reason given: ${revoked.reason}`);
  await district.page.locator(`.crew-label[data-zone="${zone}"]`).waitFor({ state: "detached", timeout: 15_000 });
  for (const { errors } of [operator, district]) check(errors.length === 0, `no errors: ${errors.join("; ")}`);
  return { pass: requested.id };
}
