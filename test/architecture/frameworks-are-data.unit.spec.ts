import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FRAMEWORK_SPECIFIC_EXPORTS, frameworkNamings } from './framework-naming';

const ROOT = join(__dirname, '..', '..');

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productionSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const services = readdirSync(join(ROOT, 'services')).map((name) => join(ROOT, 'services', name, 'src'));

describe('Frameworks are data: no service names a particular framework', () => {
  it('knows the framework-specific exports it looks for', () => {
    expect(FRAMEWORK_SPECIFIC_EXPORTS).toEqual(expect.arrayContaining(['OWASP_AIMA', 'aimaPracticeOf', 'AIMA_DOMAINS', 'CSA_AISMM_1_0', 'OWASP_AI_EXCHANGE', 'CMMI_AIM_STRUCTURE']));
  });

  it.each(services.map((dir) => [relative(ROOT, dir), dir]))('%s names none in its code', (_, dir) => {
    const namings = productionSources(dir).flatMap((file) => frameworkNamings(readFileSync(file, 'utf8'), file).map((n) => `${relative(ROOT, file)}:${n.line} ${n.text}`));
    expect(namings).toEqual([]);
  });

  // The check itself must be able to fail.
  it.each([
    ["import { OWASP_AIMA } from '@assay/frameworks';\nif (id !== OWASP_AIMA.id) throw new Error();", 'uses OWASP_AIMA'],
    ["const practice = aimaPracticeOf(questionId);", 'uses aimaPracticeOf'],
    ["if (frameworkId === 'csa-aismm') level = 1;", 'names csa-aismm'],
    ["const key = `owasp-ai-exchange@${v}`;", 'names owasp-ai-exchange'],
    ["import { AIMA_TOOLKIT } from '@assay/scoring-models';", 'imports @assay/scoring-models'],
  ])('flags %p', (source, expected) => {
    expect(frameworkNamings(source).map((n) => n.text).join('; ')).toContain(expected);
  });

  it('reads no comment and no framework-neutral code', () => {
    expect(frameworkNamings("// AIMA's practices, owasp-aima\nconst s = scoreFramework(definition, answers);")).toEqual([]);
  });
});
