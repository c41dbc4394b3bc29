import { AnswerScale } from '../definition/framework-definition';

/** The control-status answers of control-coverage scoring, shared by every control framework. */
export const CONTROL_STATUS_SCALE: AnswerScale = {
  id: 'control-status',
  kind: 'status',
  options: [
    { value: 'implemented', label: 'Implemented', credit: 1 },
    { value: 'partial', label: 'Partially implemented', credit: 0.5 },
    { value: 'not-implemented', label: 'Not implemented', credit: 0 },
    { value: 'not-applicable', label: 'Not applicable' },
    { value: 'risk-accepted', label: 'Risk accepted' },
  ],
};
