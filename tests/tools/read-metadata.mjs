// Reads images on stdin (a JSON array of { name, base64 }) and prints, as JSON, the metadata exifr (a JavaScript EXIF
// reader, another ecosystem than the server's libvips) finds in each: every EXIF, GPS, XMP, IPTC and ICC field, or
// null when there is none. exifr does not read WebP: a WebP's RIFF chunks are listed instead, and its metadata chunks
// (EXIF, XMP, ICCP) reported by name. Used by Serverless.IntegrationTests.
import exifr from "exifr";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const images = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const everything = { tiff: true, ifd0: true, ifd1: true, exif: true, gps: true, interop: true, xmp: true, iptc: true, icc: true, jfif: false, ihdr: false, makerNote: true, userComment: true, translateValues: false };

function webpChunks(bytes) {
  const names = [];
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const name = bytes.toString("latin1", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    names.push(name.trim());
    offset += 8 + size + (size % 2);
  }
  return names;
}

const results = [];
for (const { name, base64 } of images) {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") {
    const found = webpChunks(bytes);
    const metadata = found.filter((chunk) => ["EXIF", "XMP", "ICCP"].includes(chunk));
    results.push({ name, reader: "riff", chunks: found, metadata: metadata.length ? Object.fromEntries(metadata.map((chunk) => [chunk, true])) : null });
    continue;
  }
  const metadata = await exifr.parse(bytes, everything);
  results.push({ name, reader: "exifr", metadata: metadata && Object.keys(metadata).length ? metadata : null });
}
process.stdout.write(JSON.stringify(results, (key, value) => (value instanceof Uint8Array ? `<${value.length} bytes>` : value)));
