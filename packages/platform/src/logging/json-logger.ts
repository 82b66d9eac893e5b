import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/service-config.js';
import { currentRequestId } from './request-context.js';

const SEVERITY: Record<LogLevel, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4 };
/** Nest's start-up chatter (one line per module and route) is only interesting when debugging. */
const CHATTY_NEST_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

export type LogFields = Record<string, unknown>;

/**
 * Structured logs: one JSON object per line on stdout, with the service name and the request id
 * of the request being handled, if any. Also serves as Nest's logger.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  child(context: string): ContextLogger {
    return new ContextLogger(this, context);
  }

  emit(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (SEVERITY[level] > SEVERITY[this.level]) return;
    const requestId = currentRequestId();
    const entry = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      requestId,
      msg,
      ...fields,
    };
    this.write(`${JSON.stringify(entry, errorReplacer)}\n`);
  }

  // Nest's LoggerService: (message, ...optionalParams) where the last param is the context.
  log(message: unknown, ...params: unknown[]): void {
    this.fromNest('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.fromNest('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.fromNest('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.fromNest('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.fromNest('debug', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.fromNest('fatal', message, params);
  }

  private fromNest(requested: LogLevel, message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const rest = context === undefined ? params : params.slice(0, -1);
    const fields: LogFields = context ? { context } : {};
    const level = requested === 'info' && context && CHATTY_NEST_CONTEXTS.has(context) ? 'debug' : requested;
    const stack = rest.find((p): p is string => typeof p === 'string' && p.includes('\n    at '));
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.emit(level, message.message, { ...fields, err: message });
    } else if (typeof message === 'object' && message !== null) {
      this.emit(level, String((message as { msg?: unknown }).msg ?? ''), { ...fields, ...message });
    } else {
      this.emit(level, String(message), fields);
    }
  }
}

export class ContextLogger {
  constructor(
    private readonly root: JsonLogger,
    private readonly context: string,
  ) {}
  info(msg: string, fields?: LogFields): void {
    this.root.emit('info', msg, { context: this.context, ...fields });
  }
  warn(msg: string, fields?: LogFields): void {
    this.root.emit('warn', msg, { context: this.context, ...fields });
  }
  error(msg: string, fields?: LogFields): void {
    this.root.emit('error', msg, { context: this.context, ...fields });
  }
  debug(msg: string, fields?: LogFields): void {
    this.root.emit('debug', msg, { context: this.context, ...fields });
  }
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}
