// A fediverse server signing with RFC 9421 HTTP Message Signatures, through the npm library http-message-signatures
// 1.0.6 (its httpbis implementation builds the signature base and the Signature-Input/Signature fields): "post" signs
// an activity and sends it to an inbox. Reads one JSON document on stdin, writes one on stdout.
import { createRequire } from 'node:module';
import { createHash, createSign, constants } from 'node:crypto';
import http from 'node:http';

const require = createRequire(import.meta.url);
const { httpbis, createSigner } = require('http-message-signatures');

const input = JSON.parse(await new Promise(resolve => {
  let text = '';
  process.stdin.on('data', chunk => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

if (input.command !== 'post') {
  throw new Error('unknown command ' + input.command);
}

const alg = input.alg ?? 'rsa-v1_5-sha256';
const digestAlgorithm = input.digestAlgorithm ?? 'sha-256';
const contentDigest = `${digestAlgorithm}=:${createHash(digestAlgorithm.replace('-', '')).update(input.body, 'utf8').digest('base64')}:`;
// The library's rsa-pss-sha512 signer lets Node pick the longest salt; RFC 9421 (3.3.1) fixes it at 64 bytes.
const key = alg === 'rsa-pss-sha512'
  ? { id: input.keyId, alg, sign: async data => createSign('sha512').update(data).sign({ key: input.privateKeyPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }) }
  : createSigner(input.privateKeyPem, alg, input.keyId);
const url = new URL(input.url);
// withoutCreated: neither created nor expires, the time then being the signed Date header.
const created = input.withoutCreated ? null : input.created ? new Date(input.created) : new Date();
const signed = await httpbis.signMessage({
  key,
  fields: input.fields ?? ['@method', '@target-uri', 'content-digest', 'content-type'],
  params: ['keyid', 'alg', 'created', 'expires'],
  paramValues: created ? { created, expires: new Date(created.getTime() + 300_000) } : { created: null },
}, {
  method: 'POST',
  url: input.url,
  headers: { 'content-type': 'application/activity+json', 'content-digest': contentDigest, host: url.host, date: new Date().toUTCString() },
});

const result = await new Promise((resolve, reject) => {
  const request = http.request({ method: 'POST', hostname: url.hostname, port: url.port, path: url.pathname, headers: signed.headers }, response => {
    let text = '';
    response.on('data', chunk => { text += chunk; });
    response.on('end', () => resolve({ status: response.statusCode, body: text }));
  });
  request.on('error', reject);
  // A body other than the one digested and signed: what a tampering relay would send.
  request.end(input.sentBody ?? input.body);
});
console.log(JSON.stringify({ ...result, signatureInput: signed.headers['Signature-Input'] }));
