// Opens the report in headless Chromium, runs axe-core at WCAG 2.1 AA, and takes a screenshot
// of the first page. Exits 1 on any violation.
//
// Usage: NODE_PATH=target/ci-tools/node_modules node .ci/report-check.js REPORT.html SHOT.png
const path = require("path");
const fs = require("fs");
const { chromium } = require("playwright-core");

async function main() {
  const [report, shot] = process.argv.slice(2);
  const userDataDir = fs.mkdtempSync(path.join(require("os").tmpdir(), "cohere-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1200, height: 1700 },
  });
  try {
    const page = await context.newPage();
    // The report must need nothing from the network: fail on any request that is not the file.
    const requests = [];
    page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
    await page.goto("file://" + path.resolve(report), { waitUntil: "load" });
    await page.screenshot({ path: shot });
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const results = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
      })
    );
    for (const v of results.violations) {
      console.log(`${v.id} (${v.impact}): ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) console.log(`  ${node.target.join(" ")}: ${node.failureSummary}`);
    }
    console.log(`axe-core ${results.testEngine.version}: ${results.violations.length} violations, ` +
      `${results.passes ? results.passes.length : 0} rules passed; requests outside the file: ${requests.length}`);
    if (results.violations.length > 0 || requests.length > 0) {
      for (const url of requests) console.log(`  request: ${url}`);
      process.exitCode = 1;
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
