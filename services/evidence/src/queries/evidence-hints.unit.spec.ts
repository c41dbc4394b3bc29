import { AI_RESOURCE_GUIDE, FrameworkDefinition } from '@assay/frameworks';
import { EvidenceHints } from './evidence-hints';

const hints = new EvidenceHints();

describe('evidence hints of an item', () => {
  it('an item\'s own hints come first, with no path', () => {
    const types = hints.typesFor(AI_RESOURCE_GUIDE.id, AI_RESOURCE_GUIDE.version, ['S2.a', 'RG-SECURITY']);
    expect(types.slice(0, 3)).toEqual([
      { typeId: 'soc2-type2', via: [] },
      { typeId: 'iso27001-certificate', via: [] },
      { typeId: 'csa-star', via: [] },
    ]);
  });

  it('reaches hints of another framework through crosswalks, naming the path', () => {
    // An AI Exchange control mapped to resource-guide item S5 takes S5's hints.
    const types = hints.typesFor('owasp-ai-exchange', '2025.1', ['SUPPLYCHAINMANAGE']);
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.via[t.via.length - 1]?.frameworkId === AI_RESOURCE_GUIDE.id || t.via.some((v) => v.frameworkId === AI_RESOURCE_GUIDE.id))).toBe(true);
    expect(types[0].via[0]).toEqual({ frameworkId: AI_RESOURCE_GUIDE.id, nodeId: 'S5' });
  });

  it('a tenant\'s own definition brings its own hints', () => {
    const own: FrameworkDefinition = { ...AI_RESOURCE_GUIDE, id: 'acme-controls', version: '1', nodes: [{ id: 'AC-1', kind: 'control', name: 'Vendor review', evidenceHints: ['vsa-core'] }] } as FrameworkDefinition;
    expect(new EvidenceHints().withDefinition(own).typesFor('acme-controls', '1', ['AC-1'])).toEqual([{ typeId: 'vsa-core', via: [] }]);
  });

  it('an item with no hint and no crosswalk gets none', () => {
    expect(hints.typesFor('no-such-framework', '1', ['X'])).toEqual([]);
  });
});
