import ts from 'typescript';
import * as frameworks from '@assay/frameworks';

/** Words that name one framework or its own scoring model (catalogue ids and constant names). */
const FRAMEWORK_WORD = /aima|aismm|ai[-_]?exchange|resource[-_]?guide|cmmi|samm|42001|csa[-_]/i;

/** Ids that name one framework, one scoring model or one crosswalk, from the catalogue itself. */
export const NAMED_THINGS: readonly string[] = [
  ...frameworks.SHIPPED_FRAMEWORKS.map((f) => f.id),
  ...frameworks.SHIPPED_CROSSWALKS.map((c) => c.id),
  ...frameworks.KNOWN_SCORING_MODELS.map((m) => m.split('@')[0]),
];

/** Exports of @assay/frameworks that belong to one framework (OWASP_AIMA, aimaPracticeOf, CSA_AISMM_1_0…). */
export const FRAMEWORK_SPECIFIC_EXPORTS: readonly string[] = Object.keys(frameworks).filter((name) => FRAMEWORK_WORD.test(name));

export interface Naming {
  line: number;
  text: string;
}

/**
 * Where production code names a particular framework: a string literal holding a catalogue id, a
 * scoring model's id or a crosswalk's id; an identifier that is a framework-specific export; or
 * any import from @assay/scoring-models (a model is reached through the definition that names it).
 * Comments are not code and are not read.
 */
export function frameworkNamings(source: string, fileName = 'file.ts'): Naming[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: Naming[] = [];
  const at = (node: ts.Node, text: string) => found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const named = NAMED_THINGS.find((id) => node.text.includes(id));
      if (named) at(node, `"${node.text}" names ${named}`);
      if (ts.isStringLiteral(node) && node.text === '@assay/scoring-models' && ts.isImportDeclaration(node.parent)) at(node, 'imports @assay/scoring-models');
    } else if (ts.isIdentifier(node) && FRAMEWORK_SPECIFIC_EXPORTS.includes(node.text)) {
      at(node, `uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
