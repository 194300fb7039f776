/** The corpus file itself: well-formed cases, unique names, placeholders expanded to the sizes they describe. */
import { expand, loadCorpus } from './corpus';

const corpus = loadCorpus('eu-marketing');

test('at least 40 cases, unique names, each with a field and a compilable rule', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(40);
  expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  for (const c of corpus) {
    expect(c.expectField.length).toBeGreaterThan(0);
    expect(() => new RegExp(c.expectRule, 'i')).not.toThrow();
  }
});

test('placeholders expand to the described sizes', () => {
  expect(expand({ $repeat: 'ab', times: 3 }, 't')).toBe('ababab');
  expect(Object.keys(expand({ $object: { count: 251, keyPrefix: 'a', value: ['x'] } }, 't') as object)).toHaveLength(251);
  expect(expand({ $array: { count: 2, item: '%TARGET%' } }, 'eu')).toEqual(['eu', 'eu']);
  const big = corpus.find((c) => c.name === 'event of 1 MB');
  expect(JSON.stringify(big?.event).length).toBeGreaterThan(1_000_000);
});

test('a __proto__ key stays an own data key', () => {
  const e = expand(JSON.parse('{"__proto__": {"polluted": true}}'), 't') as Record<string, unknown>;
  expect(Object.keys(e)).toEqual(['__proto__']);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
