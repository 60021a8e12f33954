/**
 * A stand-in for a browser's push service, for tests: a local HTTP server that records each push
 * request as a push service receives it (headers and the encrypted body) and answers with the
 * status a test chooses (201, or 410 for a subscription the browser dropped). With
 * `makePushSubscriber` a test plays the browser too: it holds the subscription's private key and
 * auth secret and decrypts what arrived (RFC 8291 over RFC 8188 aes128gcm) with node:crypto only,
 * so what is checked is what a device would actually show.
 */
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface PushRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PushTestService {
  origin: string;
  requests: PushRequest[];
  /** The status the next requests get (201 by default). */
  answer(status: number): void;
  waitForRequests(count: number, timeoutMs?: number): Promise<PushRequest[]>;
  close(): Promise<void>;
}

export async function startPushTestService(): Promise<PushTestService> {
  const requests: PushRequest[] = [];
  let status = 201;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('push test service has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    answer: (next) => {
      status = next;
    },
    async waitForRequests(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} push request(s), got ${requests.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface PushSubscriber {
  /** What PushSubscription.toJSON() gives a page. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  decrypt(body: Buffer): string;
}

/** A browser's side of one subscription: a P-256 key pair and a random 16-byte auth secret. */
export function makePushSubscriber(endpoint: string): PushSubscriber {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    subscription: { endpoint, keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') } },
    decrypt(body) {
      // RFC 8188 header: salt (16) | record size (4) | key id length (1) | key id (the sender's public key).
      const salt = body.subarray(0, 16);
      const idLength = body.readUInt8(20);
      const senderPublicKey = body.subarray(21, 21 + idLength);
      const ciphertext = body.subarray(21 + idLength);
      // RFC 8291 section 3.4: the input keying material from the ECDH secret and the auth secret.
      const ecdhSecret = ecdh.computeSecret(senderPublicKey);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, senderPublicKey]);
      const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
      const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
      // One record: the plaintext, then the last-record delimiter 0x02, then zero padding.
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end -= 1;
      if (padded[end] !== 2) throw new Error('the push payload has no last-record delimiter');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}
