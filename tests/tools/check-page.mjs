// Reads an HTML page on stdin and prints, as JSON, what two real clients make of it:
// html-validate (is it a valid HTML5 document?) and open-graph-scraper (what a social network reads from it).
// Used by Serverless.IntegrationTests; installed from the repository's package-lock.json.
import { HtmlValidate } from "html-validate";
import ogs from "open-graph-scraper";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const html = Buffer.concat(chunks).toString("utf8");

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // A news headline is the page's title whatever its length; social cards get their own shortened titles.
    "long-title": "off",
  },
});
const report = await validator.validateString(html);
const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));

const { result } = await ogs({ html });
process.stdout.write(JSON.stringify({ valid: report.valid, messages, social: result }));
