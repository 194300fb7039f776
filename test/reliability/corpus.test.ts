/** The corpus file itself: well-formed cases, unique names, the required kinds of bad input, placeholders expanded to the sizes they describe. */
import { expand, loadCorpus } from './corpus';

const corpus = loadCorpus('eu-marketing');
const json = (e: unknown): string => JSON.stringify(e) ?? '';

test('at least 60 cases, unique names, each with a field and a compilable rule', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(60);
  expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  for (const c of corpus) {
    expect(c.expectField.length).toBeGreaterThan(0);
    expect(() => new RegExp(c.expectRule, 'i')).not.toThrow();
  }
});

test.each([
  ['prototype pollution', 20],
  ['wrong event source', 8],
  ['non-UTF-8', 6],
  ['deep nesting', 4],
  ['oversize', 5],
])('covers %s (at least %i cases)', (category, min) => {
  expect(corpus.filter((c) => c.category === category).length).toBeGreaterThanOrEqual(min);
});

/** Where a prototype-pollution key can sit in the event, as a JSON path prefix the key follows. */
const levels = [
  ['top level', /^\{"operation":"[a-zA-Z]+","endpointId":"user-1","KEY"/],
  ['endpoint', /"endpoint":\{[^{}]*"KEY"/],
  ['Demographic', /"Demographic":\{[^{}]*"KEY"/],
  ['Location', /"Location":\{[^{}]*"KEY"/],
  ['User', /"User":\{[^{}]*"KEY"/],
  ['Attributes', /"Attributes":\{"KEY"/],
  ['Metrics', /"Metrics":\{"KEY"/],
  ['User.UserAttributes', /"UserAttributes":\{"KEY"/],
] as const;

describe.each(['__proto__', 'constructor', 'prototype'])('prototype-pollution key %s', (key) => {
  test.each(levels.map(([level, pattern]) => [level, pattern] as const))('appears at %s', (_level, pattern) => {
    const re = new RegExp(pattern.source.replace('KEY', key));
    expect(corpus.some((c) => re.test(json(c.event)))).toBe(true);
  });
});

test('non-UTF-8 cases carry lone surrogates or U+FFFD', () => {
  for (const c of corpus.filter((x) => x.category === 'non-UTF-8')) {
    expect(json(c.event)).toMatch(/\\ud[89a-f][0-9a-f]{2}|\ufffd|\u00c3/);
  }
});

test('placeholders expand to the described sizes', () => {
  expect(expand({ $repeat: 'ab', times: 3 }, 't')).toBe('ababab');
  expect(Object.keys(expand({ $object: { count: 251, keyPrefix: 'a', value: ['x'] } }, 't') as object)).toHaveLength(251);
  expect(expand({ $array: { count: 2, item: '%TARGET%' } }, 'eu')).toEqual(['eu', 'eu']);
  expect(expand({ $nest: { depth: 3, key: 'a', leaf: '%TARGET%' } }, 'eu')).toEqual({ a: { a: { a: 'eu' } } });
  expect(expand({ $nest: { depth: 2, leaf: 1 } }, 'eu')).toEqual([[1]]);
  const big = corpus.find((c) => c.name === 'event of 1 MB');
  expect(json(big?.event).length).toBeGreaterThan(1_000_000);
  const deep = corpus.find((c) => c.name === 'nesting past the event size limit (depth 1,500)');
  expect(json(deep?.event).length).toBeGreaterThan(16 * 1024);
});

test('a __proto__ key stays an own data key', () => {
  const e = expand(JSON.parse('{"__proto__": {"polluted": true}}'), 't') as Record<string, unknown>;
  expect(Object.keys(e)).toEqual(['__proto__']);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
