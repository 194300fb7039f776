/** The report writer: what the staleness check compares and what it ignores. */
import { jsonText, renderJson, renderMarkdown, stableJson, stableMarkdown, type NamedSection } from './report';

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
  expect(json.soak).toEqual({ records_in: null, published_distinct: null, duplicates: null, lost: null });
  expect(renderMarkdown(sections(1))).not.toMatch(/\b\d+ ms\b/);
});

test('facts of several sections add up: matrix rows and unexpected summed, services joined', () => {
  const more: NamedSection = {
    name: '25-service-faults',
    section: {
      title: 'More faults',
      intro: 'intro',
      columns: ['service', 'case', 'verdict'],
      rows: [['ssm', 'a', 'as expected'], ['sts', 'b', '**NOT as expected**']],
      facts: { matrix: { rows: 2, unexpected: 1, services: ['ssm', 'sts'] }, bad_input: { events: 5, aws_calls: 0 } },
    },
  };
  const json = renderJson([...sections(1), more]);
  expect(json.matrix).toEqual({ rows: 3, unexpected: 1, services: ['sts', 'ssm'] });
  expect(json.bad_input).toEqual({ events: 5, aws_calls: 0 });
});

test('the soak: exactly its four keys; its counts shown in the markdown but not compared, a loss is', () => {
  const soak = (records: number, lost: number): NamedSection => ({
    name: '50-soak',
    section: {
      title: 'Soak',
      intro: 'intro',
      columns: ['check', 'verdict'],
      rows: [['records lost', lost === 0 ? 'as expected' : '**NOT as expected**']],
      measuredNotes: [`This run: ${records} records in, ${lost} lost.`],
      facts: { soak: { records_in: records, published_distinct: records - lost, duplicates: 3, lost } },
    },
  });
  const big = renderJson([...sections(1), soak(10000, 0)]);
  expect(Object.keys(big.soak).sort()).toEqual(['duplicates', 'lost', 'published_distinct', 'records_in']);
  expect(renderMarkdown([soak(10000, 0)])).toContain('This run: 10000 records in');
  expect(stableMarkdown(renderMarkdown([soak(10000, 0)]))).toBe(stableMarkdown(renderMarkdown([soak(1000, 0)])));
  expect(stableJson(big)).toEqual(stableJson(renderJson([...sections(1), soak(1000, 0)])));
  expect(stableJson(big)).not.toEqual(stableJson(renderJson([...sections(1), soak(1000, 2)])));
  expect(stableJson(big)).not.toEqual(stableJson(renderJson(sections(1))));
  expect(renderMarkdown(sections(1))).toContain('Not run yet');
});
