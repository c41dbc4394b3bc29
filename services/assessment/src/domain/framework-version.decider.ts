import { Decider } from '@assay/domain-kernel';
import { FrameworkDefinition } from '@assay/frameworks';
import { AssessmentRuleError } from './assessment.errors';

/**
 * A framework version a tenant imported (e.g. licensed AISMM or CMMI AIM text). One stream per
 * (id, version): a version is published once and never changes; a new text is a new version.
 */
export type FrameworkVersionImported = { type: 'FrameworkVersionImported'; data: { definition: FrameworkDefinition; importedBy: string; importedAt: string } };
export type ImportFrameworkVersion = { type: 'ImportFrameworkVersion'; data: { definition: FrameworkDefinition; importedBy: string; now: Date } };
export type FrameworkVersionState = { status: 'absent' } | { status: 'published'; definition: FrameworkDefinition };

export const frameworkVersionDecider: Decider<ImportFrameworkVersion, FrameworkVersionImported, FrameworkVersionState> = {
  initialState: () => ({ status: 'absent' }),
  evolve: (_, event) => ({ status: 'published', definition: event.data.definition }),
  decide: (command, state) => {
    const { definition, importedBy, now } = command.data;
    if (state.status === 'published') {
      throw new AssessmentRuleError('already-published', `${definition.id} ${definition.version} is already published; import the new text as a new version`);
    }
    return [{ type: 'FrameworkVersionImported', data: { definition, importedBy, importedAt: now.toISOString() } }];
  },
};

export const frameworkStreamId = (id: string, version: string) => `framework-${id}@${version}`;
