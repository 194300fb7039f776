/** The report writer: what the staleness check compares and what it ignores. */
import { jsonText, renderJson, renderMarkdown, stableJson, type NamedSection } from './report';

function sections(ms: number, verdict = 'as expected'): NamedSection[] {
  return [
    {
      name: '20-faults',
      section: {
        title: 'Faults',
        intro: 'intro',
        columns: ['service', 'case', 'verdict'],
        rows: [['sts', 'STS hangs', verdict]],
        measured: [{ ms }],
        runMeasured: { total_ms: ms * 10 },
        facts: { matrix: { rows: 1, unexpected: verdict.startsWith('**') ? 1 : 0, services: ['sts'] } },
      },
    },
  ];
}

test('two runs that differ only in measured times render the same markdown and the same stable JSON', () => {
  expect(renderMarkdown(sections(12))).toBe(renderMarkdown(sections(3456)));
  expect(jsonText(stableJson(renderJson(sections(12))))).toBe(jsonText(stableJson(renderJson(sections(3456)))));
  expect(renderJson(sections(12)).measured['20-faults']).toEqual({ run: { total_ms: 120 }, rows: [{ case: 'sts', ms: 12 }] });
});

test('a changed verdict changes both documents', () => {
  const bad = sections(12, '**NOT as expected**');
  expect(renderMarkdown(bad)).not.toBe(renderMarkdown(sections(12)));
  expect(renderMarkdown(bad)).toContain('1 rows, **1 not as expected**');
  expect(stableJson(renderJson(bad))).not.toEqual(stableJson(renderJson(sections(12))));
});

test('the JSON has the fixed summary keys; soak values stay null until a soak reports them', () => {
  const json = renderJson(sections(1));
  expect(json.matrix).toEqual({ rows: 1, unexpected: 0, services: ['sts'] });
  expect(json.bad_input).toEqual({ events: 0, aws_calls: 0 });
  expect(json.soak).toMatchObject({ records_in: null, published_distinct: null, duplicates: null, lost: null });
  expect(renderMarkdown(sections(1))).not.toMatch(/\b\d+ ms\b/);
});
