import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IsString } from 'class-validator';
import { ConfigError, loadConfig } from './load-config.js';
import { ServiceConfig } from './service-config.js';

class DemoConfig extends ServiceConfig {
  @IsString()
  GREETING: string = 'hello';
}

describe('loadConfig', () => {
  it('applies defaults and converts types from strings', () => {
    const config = loadConfig(DemoConfig, { PORT: '4100', OPENAPI_ENABLED: 'false', UNRELATED: 'x' }, 'demo');
    assert.equal(config.PORT, 4100);
    assert.equal(config.OPENAPI_ENABLED, false);
    assert.equal(config.GREETING, 'hello');
    assert.equal(config.LOG_LEVEL, 'info');
    assert.equal(config.DATABASE_URL, undefined);
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig(DemoConfig, { DATABASE_URL: '' }, 'demo').DATABASE_URL, undefined);
  });

  it('lists every problem at once', () => {
    assert.throws(
      () => loadConfig(DemoConfig, { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'oracle://x' }, 'demo'),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        assert.match(text, /PORT/);
        assert.match(text, /LOG_LEVEL/);
        assert.match(text, /DATABASE_URL must start with/);
        assert.match(error.message, /^Invalid configuration for demo:/);
        return true;
      },
    );
  });
});
