import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePath } from './normalize-path.js';

const path = (target: string) => {
  const result = normalizePath(target);
  assert.ok(result.ok, `${target}: ${result.ok ? '' : result.reason}`);
  return result.path + result.query;
};
const refused = (target: string) => {
  const result = normalizePath(target);
  assert.equal(result.ok, false, `${target} should be refused, got ${result.ok ? result.path : ''}`);
};

describe('gateway: path normalisation before routing (as Envoy normalize_path + merge_slashes)', () => {
  it('leaves ordinary paths and their query alone', () => {
    assert.equal(path('/'), '/');
    assert.equal(path('/api/board/posts?limit=5&cursor=a%2Fb'), '/api/board/posts?limit=5&cursor=a%2Fb');
    assert.equal(path('/api/board/posts/'), '/api/board/posts/');
    assert.equal(path("/api/x/a:b@c!$&'()*+,;=~_-."), "/api/x/a:b@c!$&'()*+,;=~_-.");
  });

  it('removes . and .. segments, so the prefix matched is the one the service sees', () => {
    assert.equal(path('/api/board/../../internal/authors/x'), '/internal/authors/x');
    assert.equal(path('/api/x/../../lab/fault'), '/lab/fault');
    assert.equal(path('/api/board/./posts/.'), '/api/board/posts/');
    assert.equal(path('/api/board/posts/1/..'), '/api/board/posts/');
    assert.equal(path('/api/board/..'), '/api/');
    assert.equal(path('/a/..'), '/');
  });

  it('decodes escaped unreserved characters, %2e included, before removing dot segments', () => {
    assert.equal(path('/api/hospitals/%2e%2e/%2E%2E/internal/x'), '/internal/x');
    assert.equal(path('/api/hospitals/.%2e/x'), '/api/x');
    assert.equal(path('/api/%62oard/posts'), '/api/board/posts');
    assert.equal(path('/api/board/%7Euser'), '/api/board/~user');
  });

  it('keeps other escapes, upper-cased, and escapes raw bytes outside ASCII', () => {
    assert.equal(path('/api/hospitals/%ec%84%9c'), '/api/hospitals/%EC%84%9C');
    assert.equal(path('/api/x/a%20b'), '/api/x/a%20b');
    assert.equal(path('/api/x/\u00ec'), '/api/x/%EC');
    assert.equal(path('/api/x/서'), '/api/x/%EC%84%9C');
    assert.equal(path('/api/x/a"b<c>'), '/api/x/a%22b%3Cc%3E');
  });

  it('merges repeated slashes', () => {
    assert.equal(path('//api///board//posts'), '/api/board/posts');
    assert.equal(path('//evil.example/x'), '/evil.example/x');
    assert.equal(path('//'), '/');
  });

  it('refuses what it cannot normalise without guessing', () => {
    for (const target of [
      '/api/board/..%2f..%2finternal/x',
      '/api/board/%2F',
      '/api/board/%5c..%5cinternal',
      '/api/board\\..\\internal',
      '/api/board/%00',
      '/api/board/%zz',
      '/api/board/%2',
      '/api/board/%',
      '/..',
      '/api/../../x',
      '/api/%2e%2e/%2e%2e/lab/fault',
      'http://other.example/api/board',
      '*',
      '',
    ])
      refused(target);
  });
});
