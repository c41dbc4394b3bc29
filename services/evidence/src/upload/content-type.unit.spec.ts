import { sniffKind, textChecker } from './content-type';

const bytes = (...b: number[]) => Buffer.from(b);

describe('file kind from its first bytes', () => {
  it('knows each accepted binary signature', () => {
    expect(sniffKind(Buffer.from('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniffKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe('png');
    expect(sniffKind(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('jpeg');
    expect(sniffKind(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0))).toBe('zip');
    expect(sniffKind(bytes(0x50, 0x4b, 0x05, 0x06, 0, 0))).toBe('zip');
  });

  it('tells JSON, Markdown and plain text apart, a byte-order mark allowed', () => {
    expect(sniffKind(Buffer.from('\uFEFF  {"controls": []}'))).toBe('json');
    expect(sniffKind(Buffer.from('[1, 2]'))).toBe('json');
    expect(sniffKind(Buffer.from('Intro\n\n## Evaluation\n'))).toBe('markdown');
    expect(sniffKind(Buffer.from('Access reviews happen quarterly.\tSigned.\r\n'))).toBe('text');
  });

  it('refuses what is none of them: executables, binary noise, empty files, other encodings', () => {
    expect(sniffKind(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeUndefined(); // a Windows executable
    expect(sniffKind(bytes(0x7f, 0x45, 0x4c, 0x46))).toBeUndefined(); // ELF
    expect(sniffKind(Buffer.alloc(0))).toBeUndefined();
    expect(sniffKind(bytes(0x52, 0xe9, 0x73, 0x75, 0x6d, 0xe9))).toBeUndefined(); // "Résumé" in Latin-1, not UTF-8
  });

  it('accepts a UTF-8 character cut at the end of the sample; the rest is checked as it streams', () => {
    const text = Buffer.from('Überprüfung der Modelle: ok'); // Ü and ü are two bytes each
    expect(sniffKind(text.subarray(0, 8))).toBe('text'); // ends inside the ü
    const check = textChecker();
    expect(check.push(text.subarray(0, 8))).toBe(true);
    expect(check.push(text.subarray(8))).toBe(true);
    expect(check.end()).toBe(true);
    const broken = textChecker();
    expect(broken.push(Buffer.from('fine so far '))).toBe(true);
    expect(broken.push(bytes(0x00, 0x01))).toBe(false); // binary after a text start
  });
});
