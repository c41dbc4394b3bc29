import { Crosswalk, CrosswalkMapping } from '../definition/framework-definition';
import { SHIPPED_CROSSWALKS } from '../catalogue';
import { inferAcrossCrosswalks } from './infer-across-crosswalks';

const cw = (id: string, source: string, target: string, mappings: Omit<CrosswalkMapping, 'strength' | 'rationale'>[]): Crosswalk => ({
  id,
  version: '1',
  source: { frameworkId: source, version: '1' },
  target: { frameworkId: target, version: '1' },
  mappings: mappings.map((m) => ({ ...m, strength: 5, rationale: 'test' })),
});
const values = (frameworkId: string, v: Record<string, number>) => ({ frameworkId, version: '1', values: Object.fromEntries(Object.entries(v).map(([k, a]) => [k, { attainment: a }])) });
const target = (frameworkId: string, entered?: Record<string, unknown>) => ({ frameworkId, version: '1', entered });

describe('crosswalk inference', () => {
  it('carries attainment and maturity along an equal mapping, with provenance', () => {
    const result = inferAcrossCrosswalks([values('a', { A1: 0.8 })], [cw('a-b', 'a', 'b', [{ from: 'A1', to: 'B1', relationship: 'equal' }])], target('b'));
    expect(result.derived).toEqual([
      {
        nodeId: 'B1',
        attainment: 0.8,
        status: 'partial',
        carriesMaturity: true,
        conflict: false,
        provenance: [
          { source: { frameworkId: 'a', version: '1', nodeId: 'A1', attainment: 0.8 }, path: [{ crosswalkId: 'a-b', from: 'A1', to: 'B1', relationship: 'equal' }], relationship: 'equal', full: true, attainment: 0.8 },
        ],
      },
    ]);
  });

  it('carries fully from a superset, but only partial coverage from a subset or an intersection', () => {
    const mappings = [
      { from: 'SUP', to: 'B1', relationship: 'superset-of' as const },
      { from: 'SUB', to: 'B2', relationship: 'subset-of' as const },
      { from: 'INT', to: 'B3', relationship: 'intersects-with' as const },
    ];
    const { derived } = inferAcrossCrosswalks([values('a', { SUP: 1, SUB: 1, INT: 1 })], [cw('a-b', 'a', 'b', mappings)], target('b'));
    expect(derived.map((d) => [d.nodeId, d.attainment, d.status, d.carriesMaturity])).toEqual([
      ['B1', 1, 'implemented', true],
      ['B2', 0.5, 'partial', false],
      ['B3', 0.5, 'partial', false],
    ]);
  });

  it('reads a mapping backwards with the inverse relationship (A subset-of B = B superset-of A)', () => {
    const { derived } = inferAcrossCrosswalks([values('b', { B1: 1 })], [cw('a-b', 'a', 'b', [{ from: 'A1', to: 'B1', relationship: 'subset-of' }])], target('a'));
    expect(derived).toEqual([expect.objectContaining({ nodeId: 'A1', attainment: 1, carriesMaturity: true })]);
    expect(derived[0].provenance[0].path[0]).toMatchObject({ from: 'B1', to: 'A1', relationship: 'superset-of' });
  });

  it('follows multi-hop paths and caps them at partial when any hop is partial', () => {
    const crosswalks = [
      cw('a-b', 'a', 'b', [{ from: 'A1', to: 'B1', relationship: 'equal' }, { from: 'A2', to: 'B2', relationship: 'intersects-with' }]),
      cw('b-c', 'b', 'c', [{ from: 'B1', to: 'C1', relationship: 'superset-of' }, { from: 'B2', to: 'C2', relationship: 'equal' }]),
    ];
    const { derived } = inferAcrossCrosswalks([values('a', { A1: 0.9, A2: 1 })], crosswalks, target('c'));
    expect(derived.map((d) => [d.nodeId, d.attainment, d.carriesMaturity, d.provenance[0].path.map((s) => s.crosswalkId)])).toEqual([
      ['C1', 0.9, true, ['a-b', 'b-c']],
      ['C2', 0.5, false, ['a-b', 'b-c']],
    ]);
    expect(inferAcrossCrosswalks([values('a', { A1: 0.9 })], crosswalks, target('c'), 1).derived).toEqual([]);
  });

  it('composes relationships along a path and drops paths that imply nothing', () => {
    const crosswalks = [
      cw('a-b', 'a', 'b', [
        { from: 'A1', to: 'B1', relationship: 'intersects-with' },
        { from: 'A2', to: 'B2', relationship: 'subset-of' },
        { from: 'A3', to: 'B3', relationship: 'superset-of' },
      ]),
      cw('b-c', 'b', 'c', [
        { from: 'B1', to: 'C1', relationship: 'intersects-with' },
        { from: 'B2', to: 'C2', relationship: 'superset-of' },
        { from: 'B3', to: 'C3', relationship: 'subset-of' },
      ]),
    ];
    const { derived } = inferAcrossCrosswalks([values('a', { A1: 1, A2: 1, A3: 1 })], crosswalks, target('c'));
    // overlap∘overlap and ⊆∘⊇ say nothing about A and C; ⊇∘⊆ means both contain B3: they intersect.
    expect(derived.map((d) => [d.nodeId, d.provenance[0].relationship, d.attainment])).toEqual([['C3', 'intersects-with', 0.5]]);
  });

  it('resolves conflicting sources to the most restrictive result and says so', () => {
    const crosswalks = [cw('a-c', 'a', 'c', [{ from: 'A1', to: 'C1', relationship: 'equal' }]), cw('b-c', 'b', 'c', [{ from: 'B1', to: 'C1', relationship: 'equal' }])];
    const { derived } = inferAcrossCrosswalks([values('a', { A1: 1 }), values('b', { B1: 0 })], crosswalks, target('c'));
    expect(derived).toEqual([expect.objectContaining({ nodeId: 'C1', attainment: 0, status: 'not-implemented', conflict: true })]);
    expect(derived[0].provenance).toHaveLength(2);
  });

  it('does not let a capped partial path pull down a target a full path covers', () => {
    const crosswalks = [cw('a-c', 'a', 'c', [{ from: 'A1', to: 'C1', relationship: 'equal' }, { from: 'A2', to: 'C1', relationship: 'intersects-with' }])];
    const { derived } = inferAcrossCrosswalks([values('a', { A1: 1, A2: 1 })], crosswalks, target('c'));
    expect(derived).toEqual([expect.objectContaining({ nodeId: 'C1', attainment: 1, conflict: false, carriesMaturity: true })]);
    expect(derived[0].provenance).toHaveLength(2);
  });

  it('uses the strongest path of one source, not the weakest', () => {
    const crosswalks = [
      cw('a-c', 'a', 'c', [{ from: 'A1', to: 'C1', relationship: 'equal' }]),
      cw('a-b', 'a', 'b', [{ from: 'A1', to: 'B1', relationship: 'intersects-with' }]),
      cw('b-c', 'b', 'c', [{ from: 'B1', to: 'C1', relationship: 'equal' }]),
    ];
    const { derived } = inferAcrossCrosswalks([values('a', { A1: 1 })], crosswalks, target('c'));
    expect(derived).toEqual([expect.objectContaining({ nodeId: 'C1', attainment: 1, conflict: false, carriesMaturity: true })]);
  });

  it('carries nothing along not-related mappings', () => {
    const { derived } = inferAcrossCrosswalks([values('a', { A1: 1 })], [cw('a-b', 'a', 'b', [{ from: 'A1', to: 'B1', relationship: 'not-related' }])], target('b'));
    expect(derived).toEqual([]);
  });

  it('never overwrites a value a person entered in the target', () => {
    const result = inferAcrossCrosswalks([values('a', { A1: 1 })], [cw('a-b', 'a', 'b', [{ from: 'A1', to: 'B1', relationship: 'equal' }])], target('b', { B1: 'not-implemented' }));
    expect(result).toEqual({ derived: [], keptAsEntered: ['B1'] });
  });

  it('derives ISO/IEC 42001 from AIMA maturities over the shipped crosswalks, including via AISMM', () => {
    const aima = { frameworkId: 'owasp-aima', version: '1.0', values: { 'RA-ESI': { attainment: 2 / 3 }, 'OPS-IM': { attainment: 1 } } };
    const { derived } = inferAcrossCrosswalks([aima], SHIPPED_CROSSWALKS, { frameworkId: 'iso-iec-42001', version: '2023' });
    const a5 = derived.find((d) => d.nodeId === 'A.5')!;
    expect(a5).toMatchObject({ attainment: 2 / 3, carriesMaturity: true, status: 'partial' });
    const clause10 = derived.find((d) => d.nodeId === '10')!;
    expect(clause10.attainment).toBe(0.5);
    expect(clause10.provenance[0].path.map((s) => s.crosswalkId)).toEqual(['aima-to-iso42001']);
  });
});
