// A fediverse server's side of HTTP Signatures, with the library PeerTube runs (@peertube/http-signature 1.7.0):
// "post" signs and sends an activity to an inbox as a remote server would; "verify" checks a request the site sent.
// Reads one JSON document on stdin, writes one on stdout.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import http from 'node:http';

const require = createRequire(import.meta.url);
const httpSignature = require('@peertube/http-signature');

const input = JSON.parse(await new Promise(resolve => {
  let text = '';
  process.stdin.on('data', chunk => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const digestOf = body => 'SHA-256=' + createHash('sha256').update(body, 'utf8').digest('base64');

if (input.command === 'post') {
  const url = new URL(input.url);
  const result = await new Promise((resolve, reject) => {
    const request = http.request({ method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, headers: {
      'Content-Type': 'application/activity+json',
      Date: new Date(input.date ?? Date.now()).toUTCString(),
      Digest: digestOf(input.body),
    } }, response => {
      let text = '';
      response.on('data', chunk => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: text }));
    });
    request.on('error', reject);
    if (input.sign !== false) {
      httpSignature.signRequest(request, {
        key: input.privateKeyPem,
        keyId: input.keyId,
        algorithm: 'rsa-sha256',
        headers: ['(request-target)', 'host', 'date', 'digest'],
        // As PeerTube sends its activities: a Signature header, not Authorization.
        authorizationHeaderName: 'signature',
      });
    }
    // A body other than the one digested and signed: what a tampering relay would send.
    request.end(input.sentBody ?? input.body);
  });
  console.log(JSON.stringify(result));
} else if (input.command === 'verify') {
  let parsed;
  try {
    parsed = httpSignature.parseRequest({ method: input.method, url: input.path, httpVersion: '1.1', headers: input.headers },
      { clockSkew: 3600, headers: ['(request-target)', 'host', 'date', 'digest'] });
  } catch (error) {
    console.log(JSON.stringify({ valid: false, error: String(error) }));
    process.exit(0);
  }
  console.log(JSON.stringify({
    valid: httpSignature.verifySignature(parsed, input.publicKeyPem),
    digestMatches: input.headers.digest === digestOf(input.body),
    keyId: parsed.keyId,
    algorithm: parsed.algorithm,
    headers: parsed.params.headers,
  }));
} else {
  throw new Error('unknown command ' + input.command);
}
