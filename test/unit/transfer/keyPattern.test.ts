import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKeyPattern } from '../../../src/transfer/keyPattern';

const keys = ['report-2024-03.csv', 'a/report-2024-03.csv', 'a/b/Report-2024-04.CSV', 'a/reports/x.txt', 'report.csv', 'rep+ort [1].csv', 'données/été.csv'];
const matching = (input: string) => keys.filter((key) => parseKeyPattern(input).matches(key));

test('a plain text finds keys containing it, in any case', () => {
  assert.equal(parseKeyPattern('2024-03').kind, 'substring');
  assert.deepEqual(matching('REPORT-2024'), ['report-2024-03.csv', 'a/report-2024-03.csv', 'a/b/Report-2024-04.CSV']);
  assert.deepEqual(matching('+ort [1]'), ['rep+ort [1].csv'], '+ and brackets are literal in a substring');
});

test('a glob without "/" matches names in any folder; with "/" the whole key; ** crosses folders', () => {
  assert.equal(parseKeyPattern('report-*.csv').kind, 'glob');
  assert.deepEqual(matching('report-*.csv'), ['report-2024-03.csv', 'a/report-2024-03.csv']);
  assert.deepEqual(matching('**/report-*.csv'), ['report-2024-03.csv', 'a/report-2024-03.csv']);
  assert.deepEqual(matching('a/*.csv'), ['a/report-2024-03.csv']);
  assert.deepEqual(matching('a/**'), ['a/report-2024-03.csv', 'a/b/Report-2024-04.CSV', 'a/reports/x.txt']);
  assert.deepEqual(matching('report?csv'), ['report.csv']);
  assert.deepEqual(matching('*[0-9].csv'), ['report-2024-03.csv', 'a/report-2024-03.csv']);
  assert.deepEqual(matching('été.*'), ['données/été.csv']);
});

test('/…/ is a regular expression with its flags; an invalid one says why', () => {
  assert.equal(parseKeyPattern('/\\d{4}-0[34]/').kind, 'regex');
  assert.deepEqual(matching('/-2024-0[34]\\.csv$/i'), ['report-2024-03.csv', 'a/report-2024-03.csv', 'a/b/Report-2024-04.CSV']);
  assert.deepEqual(matching('/^a\\/[^/]+$/'), ['a/report-2024-03.csv']);
  assert.throws(() => parseKeyPattern('/(unclosed/'), /^Error: Not a valid regular expression: /);
});
