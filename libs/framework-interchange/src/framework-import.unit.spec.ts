import { stringify } from 'yaml';
import { CSA_AISMM_1_0, CMMI_AIM_STRUCTURE, InvalidDefinitionError, ISO_IEC_42001, OWASP_AIMA_1_0, SHIPPED_CROSSWALKS, findNode } from '@assay/frameworks';
import { importCrosswalk, importCrosswalkCsv, importFramework, overlayFrameworkText } from './framework-import';

const licensee = { spdx: 'LicenseRef-CSA-AISMM', attribution: 'AISMM workbook text licensed to Acme Ltd.', textOrigin: 'licensee-import' as const };

describe('framework and crosswalk import', () => {
  it('imports a whole definition as JSON or YAML', () => {
    expect(importFramework(JSON.stringify(CMMI_AIM_STRUCTURE), 'json').id).toBe('cmmi-aim-structure');
    expect(importFramework(stringify(CSA_AISMM_1_0), 'yaml').nodes).toHaveLength(3);
  });

  it('rejects an invalid definition with errors naming node and field', () => {
    const broken = JSON.parse(JSON.stringify(CSA_AISMM_1_0));
    broken.nodes[0].children[1].answerScale = 'no-such-scale';
    expect(() => importFramework(JSON.stringify(broken), 'json')).toThrow(/node AISMM-FND-ORG answerScale: no answer scale no-such-scale/);
    expect(() => importFramework('{ nope', 'json')).toThrow(InvalidDefinitionError);
    expect(() => importFramework('a: [b', 'yaml')).toThrow(/not valid YAML/);
  });

  it("lays a licensee's AISMM text over the shipped structure as a new version", () => {
    const csv = [
      'nodeId,name,text',
      'AISMM-FND-GOV-L3,Defined,"Licensed descriptor text for governance, level 3."',
      'AISMM-STR-MOD,Model Security,Licensed category description.',
    ].join('\n');
    const imported = overlayFrameworkText(CSA_AISMM_1_0, csv, { version: '1.0-acme', licence: licensee });
    expect(imported.version).toBe('1.0-acme');
    expect(imported.licence.textOrigin).toBe('licensee-import');
    expect(findNode(imported, 'AISMM-FND-GOV-L3')?.text).toBe('Licensed descriptor text for governance, level 3.');
    // The shipped, published version is untouched.
    expect(findNode(CSA_AISMM_1_0, 'AISMM-FND-GOV-L3')?.text).not.toContain('Licensed');
  });

  it('refuses an overlay onto a node that does not exist, or one that reuses the published version', () => {
    expect(() => overlayFrameworkText(CSA_AISMM_1_0, 'nodeId,name,text\nAISMM-NOPE,x,y', { version: '1.1', licence: licensee })).toThrow(/row 2\/nodeId: AISMM-NOPE is not a node/);
    expect(() => overlayFrameworkText(CSA_AISMM_1_0, 'nodeId,name,text\nAISMM-FND-GOV,x,y', { version: '1.0', licence: licensee })).toThrow(/immutable/);
  });

  it('imports crosswalks as JSON, YAML or CSV and checks the nodes on both sides', () => {
    const shipped = SHIPPED_CROSSWALKS.find((c) => c.id === 'aima-to-iso42001')!;
    expect(importCrosswalk(stringify(shipped), 'yaml', OWASP_AIMA_1_0, ISO_IEC_42001).mappings).toHaveLength(shipped.mappings.length);
    const header = { id: 'acme-aima-iso', version: '1', source: { frameworkId: 'owasp-aima', version: '1.0' }, target: { frameworkId: 'iso-iec-42001', version: '2023' } };
    const csv = 'from,to,relationship,strength,rationale\nGOV-PC,A.2,superset-of,7,Policy covers A.2\nDES-TA,6,subset-of,5,Threats are part of risk';
    expect(importCrosswalkCsv(csv, header, OWASP_AIMA_1_0, ISO_IEC_42001).mappings[1]).toEqual({ from: 'DES-TA', to: '6', relationship: 'subset-of', strength: 5, rationale: 'Threats are part of risk' });
    expect(() => importCrosswalkCsv('from,to,relationship,strength,rationale\nGOV-PC,A.99,equal,7,x', header, OWASP_AIMA_1_0, ISO_IEC_42001)).toThrow(/mappings\/0\/to: A.99 is not a node/);
    expect(() => importCrosswalkCsv('from,to,relationship,strength,rationale\nGOV-PC,A.2,similar,7,x', header)).toThrow(/relationship/);
  });
});
