import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives one text for one value whatever the order of its keys, at every depth, keeping array order', () => {
    const a = { b: 1, a: { d: [{ y: 1, x: 2 }, 3], c: null } };
    const b = { a: { c: null, d: [{ x: 2, y: 1 }, 3] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[{"x":2,"y":1},3]},"b":1}');
    expect(canonicalJson({ d: [3, { x: 2, y: 1 }] })).not.toBe(canonicalJson({ d: [{ x: 2, y: 1 }, 3] }));
  });

  it('writes buffers as base64', () => {
    expect(canonicalJson({ k: Buffer.from('key') })).toBe('{"k":"a2V5"}');
  });
});
