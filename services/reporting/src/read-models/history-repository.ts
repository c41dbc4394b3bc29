import { EntityManager } from 'typeorm';
import type { HistorySource } from '../queries/maturity-history/history-source';
import { HistoryAssessment, HistoryEntities, NodeChange, ScoreBasis, ScoreChange } from './history-entities';

/** The history tables as a HistorySource; every method runs in the caller's tenant transaction (row-level security picks the tenant). */
export class HistoryRepository implements HistorySource {
  constructor(
    private readonly manager: EntityManager,
    private readonly entities: HistoryEntities,
  ) {}

  assessment(assessmentId: string): Promise<HistoryAssessment | null> {
    return this.manager.getRepository(this.entities.assessments).findOneBy({ assessmentId });
  }

  /** Every assessment of one scope and framework, oldest start first. */
  scopeAssessments(frameworkId: string, scopeKind: 'programme' | 'system', systemId: string | null): Promise<HistoryAssessment[]> {
    const query = this.manager
      .getRepository(this.entities.assessments)
      .createQueryBuilder('a')
      .where('a.frameworkId = :frameworkId AND a.scopeKind = :scopeKind', { frameworkId, scopeKind });
    if (systemId) query.andWhere('a.systemId = :systemId', { systemId });
    return query.orderBy('a.startedAt', 'ASC').addOrderBy('a.assessmentId', 'ASC').getMany();
  }

  /** The score change in force per basis at `at`. */
  async scoresAsOf(assessmentId: string, at: Date): Promise<Map<ScoreBasis, ScoreChange>> {
    const rows = await this.manager
      .getRepository(this.entities.scoreChanges)
      .createQueryBuilder('c')
      .distinctOn(['c.basis'])
      .where('c.assessmentId = :assessmentId AND c.effectiveAt <= :at', { assessmentId, at })
      .orderBy('c.basis')
      .addOrderBy('c.streamVersion', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.basis, r]));
  }

  /** Each node's figure in force per basis at `at`. */
  nodesAsOf(assessmentId: string, at: Date): Promise<NodeChange[]> {
    return this.manager
      .getRepository(this.entities.nodeChanges)
      .createQueryBuilder('n')
      .distinctOn(['n.basis', 'n.nodeId'])
      .where('n.assessmentId = :assessmentId AND n.effectiveAt <= :at', { assessmentId, at })
      .orderBy('n.basis')
      .addOrderBy('n.nodeId')
      .addOrderBy('n.streamVersion', 'DESC')
      .getMany();
  }

  /** The overall score's changes, in stream order. */
  overallSeries(assessmentId: string, until: Date): Promise<ScoreChange[]> {
    return this.manager
      .getRepository(this.entities.scoreChanges)
      .createQueryBuilder('c')
      .where('c.assessmentId = :assessmentId AND c.effectiveAt <= :until', { assessmentId, until })
      .orderBy('c.streamVersion', 'ASC')
      .getMany();
  }

  /** One node's changes, in stream order. */
  nodeSeries(assessmentId: string, nodeId: string, until: Date): Promise<NodeChange[]> {
    return this.manager
      .getRepository(this.entities.nodeChanges)
      .createQueryBuilder('n')
      .where('n.assessmentId = :assessmentId AND n.nodeId = :nodeId AND n.effectiveAt <= :until', { assessmentId, nodeId, until })
      .orderBy('n.streamVersion', 'ASC')
      .getMany();
  }

  /** The targets in force at `at` (a removed target is gone). */
  async targetsAsOf(assessmentId: string, at: Date): Promise<Map<string, number>> {
    const rows = await this.manager
      .getRepository(this.entities.targets)
      .createQueryBuilder('t')
      .distinctOn(['t.nodeId'])
      .where('t.assessmentId = :assessmentId AND t.setAt <= :at', { assessmentId, at })
      .orderBy('t.nodeId')
      .addOrderBy('t.streamVersion', 'DESC')
      .getMany();
    return new Map(rows.filter((r) => r.target !== null).map((r) => [r.nodeId, r.target!]));
  }
}
