// Reads an RSS or Atom document on stdin and prints, as JSON, what rss-parser (a feed reader's parser) makes of it:
// the feed's title, link and feed URL, and each item's title, link, guid, dates, summary, author, categories and
// enclosure. A document it cannot read exits 1 with its error. Used by Serverless.IntegrationTests.
import Parser from "rss-parser";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const xml = Buffer.concat(chunks).toString("utf8");

// Atom links (the enclosure among them) are kept as written, as is an entry's updated date: rss-parser reads only the
// alternate link and the published date.
const parser = new Parser({ customFields: { feed: ["language"], item: [["link", "links", { keepArray: true }], "updated"] } });
try {
  const feed = await parser.parseString(xml);
  process.stdout.write(JSON.stringify(feed));
} catch (error) {
  process.stderr.write(String(error));
  process.exit(1);
}
