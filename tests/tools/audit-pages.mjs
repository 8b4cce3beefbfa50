// Audits pages in ONE run of the system's Chromium: Lighthouse 12 (its default, mobile with simulated throttling) on
// each URL for performance, accessibility, best practices and SEO; then, in the same browser through playwright-core,
// axe-core (every rule, every impact) in light and dark, horizontal overflow at 320, 375, 1280 and 1920 px wide, CSP
// violations, and, when asked, screenshots at 375 and 1280 px in light and dark.
// Input on stdin: {"chromium": "/usr/bin/chromium", "urls": ["http://127.0.0.1:…/", …],
// "screenshots": {"dir": "/path", "url": "http://…/articles/x", "name": "article"} (optional)}.
// Prints {"pages": [{url, scores: {performance, accessibility, best-practices, seo}, failedAudits, axe, overflow, violations}]}.
// Used by Serverless.IntegrationTests; installed from the repository's package-lock.json.
import { join } from "node:path";
import { createRequire } from "node:module";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = require("axe-core").source;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const chrome = await chromeLauncher.launch({
  chromePath: input.chromium,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  logLevel: "silent",
});
try {
  const pages = [];
  for (const url of input.urls) {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" });
    const lhr = result.lhr;
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, category]) => [id, category.score]));
    const failedAudits = Object.values(lhr.categories).flatMap((category) => category.auditRefs)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable")
      .map((audit) => `${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
    pages.push({ url, scores, failedAudits: [...new Set(failedAudits)] });
  }

  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const context = browser.contexts()[0] ?? await browser.newContext();
  for (const report of pages) {
    report.axe = [];
    report.overflow = [];
    report.violations = [];
    for (const [width, colorScheme] of [[320, "light"], [375, "dark"], [1280, "light"], [1920, "dark"]]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (event) => window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
      });
      await page.goto(report.url, { waitUntil: "load" });
      // axe runs from the test, not the page: the page's CSP forbids scripts, which is as it should be.
      await page.evaluate(axeSource);
      const axe = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
      });
      report.axe.push(...axe.map((violation) => `${width}px ${colorScheme}: ${violation}`));
      const layout = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, violations: window.__cspViolations }));
      if (layout.scrollWidth > layout.innerWidth) report.overflow.push(`${width}px: ${layout.scrollWidth}px wide`);
      report.violations.push(...layout.violations);
      await page.close();
    }
  }
  if (input.screenshots) {
    for (const [width, colorScheme] of [[375, "light"], [375, "dark"], [1280, "light"], [1280, "dark"]]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.emulateMedia({ colorScheme });
      await page.goto(input.screenshots.url, { waitUntil: "load" });
      await page.screenshot({ path: join(input.screenshots.dir, `${input.screenshots.name}-${width}-${colorScheme}.png`) });
      await page.close();
    }
  }
  await browser.close().catch(() => {});
  process.stdout.write(JSON.stringify({ pages }));
} finally {
  await chrome.kill();
}
