/**
 * The `expect` package's `expect` (jest's), which the tests assert with, plus the two things of
 * vitest's `expect` the tests use that jest's lacks:
 *
 * - `expect(actual, message)`: a failing matcher's error starts with the message (what the check
 *   was about: a function's name, a row, a file), then jest's own report;
 * - `await expect.poll(() => value, { timeout, interval }).toBe(…)`: the matcher is tried on a
 *   fresh value every `interval` ms (50) until it holds or `timeout` ms (1,000) have passed, when
 *   the last failure is thrown.
 *
 * Everything else (`.not`, `.resolves`, `.rejects`, `expect.objectContaining`, …) is jest's.
 */
import { expect as jestExpect, type Inverse, type Matchers } from "expect";

type JestExpect = typeof jestExpect;
type Assertions<T> = ReturnType<typeof jestExpect<T>>;

export interface PollOptions {
  /** ms before the last failure is thrown (vitest's default, 1,000) */
  timeout?: number;
  /** ms between tries (vitest's default, 50) */
  interval?: number;
  /** put in front of the failure, as `expect(actual, message)` does */
  message?: string;
}

/** Every matcher of a polled value, each returning a promise; `.not` too. */
export type Polled<T> = Matchers<Promise<void>, T> & Inverse<Matchers<Promise<void>, T>>;

export type Expect = Omit<JestExpect, never> &
  (<T = unknown>(actual: T, message?: string) => Assertions<T>) & {
    poll<T>(fn: () => T | Promise<T>, options?: PollOptions): Polled<Awaited<T>>;
  };

/** The same matchers, each putting `message` in front of the error it throws or rejects with. */
function withMessage<M extends object>(matchers: M, message: string): M {
  const prefix = (error: unknown): unknown => {
    if (error instanceof Error) error.message = `${message}\n\n${error.message}`;
    return error;
  };
  return new Proxy(matchers, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          let result: unknown;
          try {
            result = (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            throw prefix(error);
          }
          if (result instanceof Promise) {
            return result.catch((error: unknown) => {
              throw prefix(error);
            });
          }
          return result;
        };
      }
      if (value !== null && typeof value === "object") return withMessage(value, message);
      return value;
    },
  });
}

function expectWithMessage<T>(actual: T, message?: string): Assertions<T> {
  const matchers = jestExpect(actual);
  return message === undefined ? matchers : withMessage(matchers, message);
}

function poll<T>(fn: () => T | Promise<T>, options: PollOptions = {}): Polled<Awaited<T>> {
  const { timeout = 1000, interval = 50, message } = options;
  const matchers = (negated: boolean): object =>
    new Proxy(
      {},
      {
        get(_, property) {
          if (property === "not") return matchers(!negated);
          if (typeof property !== "string" || property === "then") return undefined;
          return async (...args: unknown[]) => {
            const deadline = Date.now() + timeout;
            for (;;) {
              try {
                const assertions = expectWithMessage(await fn(), message);
                const target = (negated ? assertions.not : assertions) as unknown as Record<
                  string,
                  unknown
                >;
                const matcher = target[property];
                if (typeof matcher !== "function")
                  throw new TypeError(`expect.poll: no matcher ${property}`);
                await (matcher as (...a: unknown[]) => unknown)(...args);
                return;
              } catch (error) {
                if (error instanceof TypeError && error.message.startsWith("expect.poll:"))
                  throw error;
                if (Date.now() >= deadline) throw error;
                await new Promise((resolve) => setTimeout(resolve, interval));
              }
            }
          };
        },
      }
    );
  return matchers(false) as Polled<Awaited<T>>;
}

export const expect: Expect = Object.assign(expectWithMessage, jestExpect, { poll });
