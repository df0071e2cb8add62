import { answerFault, bodyText, requestTarget, type FuzzRequest } from './fuzz-request';
import { RawJson } from './hostile-values';

const request = (parts: Partial<FuzzRequest>): FuzzRequest => ({
  method: 'get',
  template: '/v1/things/{key}',
  pathValues: { key: 'a' },
  query: [],
  caller: 'tenant',
  mutation: { site: '', value: 'valid request' },
  ...parts,
});

const problem = (status: number, body: object = { type: 'x', title: 'X', status }) => ({
  status,
  contentType: 'application/problem+json; charset=utf-8',
  text: JSON.stringify(body),
});

describe('a fuzzed request', () => {
  it('sends NULs, lone surrogates and malformed escapes in the URL as a hostile client would', () => {
    expect(
      requestTarget(
        request({
          pathValues: { key: 'a\u0000/b' },
          query: [
            ['cursor', '\ud800'],
            ['limit', { raw: '%E0%A4%A' }],
          ],
        }),
      ),
    ).toBe('/v1/things/a%00%2Fb?cursor=%ED%A0%80&limit=%E0%A4%A');
  });

  it('writes rows as NDJSON lines or as CSV with the columns of nested objects, raw JSON as is', () => {
    const rows = [
      { timestamp: 't1', features: { age: 3, plan: 'a,b' } },
      { timestamp: 't2', features: { age: new RawJson('[[1]]') } },
    ];
    expect(bodyText({ contentType: 'text/csv', value: rows })).toBe(
      'timestamp,age,plan\nt1,3,"a,b"\nt2,[[1]],',
    );
    expect(bodyText({ contentType: 'application/x-ndjson', value: rows })).toBe(
      '{"timestamp":"t1","features":{"age":3,"plan":"a,b"}}\n{"timestamp":"t2","features":{"age":[[1]]}}',
    );
  });
});

describe('answerFault', () => {
  it('passes successes and problem+json answers of their own status', () => {
    expect(answerFault({ status: 200, contentType: 'application/json', text: '{}' })).toBe(
      undefined,
    );
    expect(answerFault(problem(413))).toBe(undefined);
  });

  it('names a 5xx, a 4xx that is no problem+json and a problem of another status', () => {
    expect(answerFault(problem(500))).toBe('answered 500');
    expect(answerFault({ status: 404, contentType: 'text/html', text: '<p>' })).toBe(
      'answered 404 as text/html, not problem+json',
    );
    expect(answerFault(problem(400, { type: 'x', title: 'X', status: 422 }))).toBe(
      'answered 400 with a problem of status 422',
    );
    expect(answerFault(problem(400, { title: 'X', status: 400 }))).toBe(
      'answered 400 with a problem without type or title',
    );
  });
});
