// Runs one browser scenario against a running server and exits 0 when it held, 1 when it did not.
// Usage: node e2e/run.mjs <scenario> <server url> <password> <artifacts folder>
import { launch, opened, screenshot } from "./browser.mjs";

const [scenario, baseUrl, password, artifacts] = process.argv.slice(2);
if (!scenario || !baseUrl || !password || !artifacts) {
  console.error("usage: node e2e/run.mjs <scenario> <server url> <password> <artifacts folder>");
  process.exit(2);
}
const { run } = await import(`./scenarios/${scenario}.mjs`);
const browser = await launch();
const bound = setTimeout(() => {
  console.error(`scenario ${scenario} did not finish within 150 s`);
  process.exit(1);
}, 150_000);
try {
  const result = await run({ browser, baseUrl, password, artifacts });
  console.log(JSON.stringify({ scenario, ok: true, ...(result ?? {}) }));
  process.exitCode = 0;
} catch (error) {
  console.error(`scenario ${scenario} failed: ${error?.stack ?? error}`);
  for (const [i, { page, errors }] of opened.entries()) {
    if (errors.length > 0) console.error(`page ${i}:\n  ${errors.join("\n  ")}`);
    await screenshot(page, artifacts, `${scenario}-failed-${i}`).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  clearTimeout(bound);
  await browser.close();
}
