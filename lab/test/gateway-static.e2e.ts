import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Gateway } from '../src/gateway/gateway.js';
import { StaticFiles } from '../src/gateway/static-files.js';
import { rawRequest } from './support.js';

describe('gateway: the web app', () => {
  const root = mkdtempSync(join(tmpdir(), 'carebridge-web-'));
  const gateway = new Gateway([], new StaticFiles(join(root, 'dist')));
  let port: number;

  before(async () => {
    mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>Carebridge app</title>');
    writeFileSync(join(root, 'dist', 'assets', 'index-3f2a.js'), 'console.log(1)');
    writeFileSync(join(root, 'dist', 'assets', 'index-3f2a.js.gz'), gzipSync('console.log(1)'));
    writeFileSync(join(root, 'secret.txt'), 'outside the web root');
    port = await gateway.listen(0, '127.0.0.1');
  });
  after(async () => {
    await gateway.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, never cached, with security headers', async () => {
    for (const path of ['/', '/board/free', '/hospitals/abc?tab=reviews']) {
      const res = await rawRequest(port, path);
      assert.equal(res.status, 200, path);
      assert.match(res.body, /Carebridge app/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('caches hashed assets for a year and 404s missing ones', async () => {
    const asset = await rawRequest(port, '/assets/index-3f2a.js');
    assert.equal(asset.status, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(asset.headers['content-type']), /javascript/);
    assert.equal((await rawRequest(port, '/assets/gone-0000.js')).status, 404);
  });

  it('sends the precompressed copy to browsers that accept it', async () => {
    const zipped = await rawRequest(port, '/assets/index-3f2a.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers.vary, 'Accept-Encoding');
    assert.match(String(zipped.headers['content-type']), /javascript/);
    const plain = await rawRequest(port, '/assets/index-3f2a.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, 'console.log(1)');
  });

  it('never serves files outside its root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await rawRequest(port, path);
      assert.doesNotMatch(res.body, /outside the web root/, path);
    }
  });

  it('leaves /api/ to the services', async () => {
    const res = await rawRequest(port, '/api/unknown');
    assert.equal(res.status, 404);
    assert.match(res.body, /GATEWAY.NO_ROUTE/);
  });
});
