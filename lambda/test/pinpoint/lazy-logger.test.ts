/** The shipped functions' logger is built on first use, once, by the handler or by a background AssumeRole failure. */
import { Logger } from '@aws-lambda-powertools/logger';
import { lazyLogger } from '../../functions/shared/lazy-logger';

describe('lazyLogger', () => {
  const built = jest.spyOn(Logger.prototype, 'warn');
  afterAll(() => built.mockRestore());

  test.each([
    ['the handler', (l: ReturnType<typeof lazyLogger>) => l.get()],
    ['a background AssumeRole failure', (l: ReturnType<typeof lazyLogger>) => l.runtime.warn('credential prefetch failed', { target: 'a' })],
  ])('built by whichever asks first (%s); then one logger serves both', (_who, first) => {
    const before = process.env.POWERTOOLS_SERVICE_NAME;
    delete process.env.POWERTOOLS_SERVICE_NAME;
    try {
      const l = lazyLogger('svc-under-test');
      first(l);
      const logger = l.get();
      expect(logger).toBeInstanceOf(Logger);
      expect(l.get()).toBe(logger);
      l.runtime.warn('credential renewal failed', { target: 'a' });
      expect(built).toHaveBeenLastCalledWith('credential renewal failed', { target: 'a' });
      expect(built.mock.contexts.at(-1)).toBe(logger);
    } finally {
      if (before !== undefined) process.env.POWERTOOLS_SERVICE_NAME = before;
    }
  });
});
