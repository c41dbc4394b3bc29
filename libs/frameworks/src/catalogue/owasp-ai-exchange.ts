import { Condition, FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';
import { CONTROL_STATUS_SCALE } from './control-status-scale';

/**
 * OWASP AI Exchange controls and threats. Control and threat ids are the Exchange's; short texts
 * are Assay's. The Exchange's risk analysis is encoded as applicability conditions over an AI
 * system's profile (see applicability/evaluate-condition.ts), e.g. no own training drops the
 * development-time threats except supply chain, and a RAG store counts as training data.
 */
const trainsOrRetrieves: Condition = { any: [{ field: 'trainsOwnModel', equals: true }, { field: 'usesRag', equals: true }] };
const sensitiveTrainingData: Condition = { field: 'trainingDataSensitive', equals: true };
const isLlm: Condition = { field: 'isLlm', equals: true };
const notGenAi: Condition = { field: 'isGenerativeAi', equals: false };

type Threat = [id: string, name: string, surface: 'development-time' | 'through-use' | 'runtime', controls: string[], applicability?: Condition, provider?: 'us' | 'provider' | 'shared'];

const THREATS: Threat[] = [
  ['DATAPOISON', 'Training data poisoning', 'development-time', ['DEVDATAPROTECT', 'DATAQUALITYCONTROL', 'MORETRAINDATA', 'POISONROBUSTMODEL'], trainsOrRetrieves],
  ['DEVMODELPOISON', 'Model poisoning in development', 'development-time', ['DEVSECURITY', 'SEGREGATEDATA'], { field: 'trainsOwnModel', equals: true }],
  ['SUPPLYMODELPOISON', 'Supply-chain model poisoning', 'development-time', ['SUPPLYCHAINMANAGE'], undefined, 'shared'],
  ['DEVDATALEAK', 'Training data leak from development', 'development-time', ['DEVDATAPROTECT', 'DATAMINIMIZE', 'SHORTRETAIN'], { all: [trainsOrRetrieves, sensitiveTrainingData] }],
  ['DEVMODELLEAK', 'Model leak from development', 'development-time', ['DEVSECURITY'], { field: 'trainsOwnModel', equals: true }],
  ['EVASION', 'Evasion with crafted input', 'through-use', ['DETECTODDINPUT', 'EVASIONROBUSTMODEL', 'MONITORUSE'], notGenAi, 'shared'],
  ['PROMPTINJECTION', 'Direct prompt injection', 'through-use', ['PROMPTINPUTVALIDATION', 'MONITORUSE', 'LEASTMODELPRIVILEGE', 'OVERSIGHT'], isLlm, 'shared'],
  ['INDIRECTPROMPTINJECTION', 'Indirect prompt injection', 'through-use', ['INPUTSEGREGATION', 'PROMPTINPUTVALIDATION', 'LEASTMODELPRIVILEGE'], isLlm, 'shared'],
  ['MODELINVERSION', 'Model inversion and membership inference', 'through-use', ['OBSCURECONFIDENCE', 'SMALLMODEL', 'RATELIMIT'], { all: [notGenAi, sensitiveTrainingData] }, 'shared'],
  ['DATADISCLOSURE', 'Sensitive training data disclosed in output', 'through-use', ['FILTERSENSITIVETRAINDATA', 'DATAMINIMIZE'], sensitiveTrainingData, 'shared'],
  ['MODELTHEFTUSE', 'Model theft through use', 'through-use', ['RATELIMIT', 'MODELACCESSCONTROL', 'MONITORUSE'], undefined, 'provider'],
  ['AIRESOURCEEXHAUSTION', 'Denial of model service', 'through-use', ['RATELIMIT', 'MONITORUSE'], undefined, 'shared'],
  ['RUNTIMEMODELPOISON', 'Runtime model poisoning', 'runtime', ['RUNTIMEMODELINTEGRITY'], undefined, 'provider'],
  ['RUNTIMEMODELTHEFT', 'Runtime model theft', 'runtime', ['RUNTIMEMODELCONFIDENTIALITY'], undefined, 'provider'],
  ['INSECUREOUTPUT', 'Insecure output handling', 'runtime', ['ENCODEMODELOUTPUT', 'OVERSIGHT'], isLlm, 'us'],
  ['LEAKINPUT', 'Leak of input data', 'runtime', ['MODELINPUTCONFIDENTIALITY', 'DATAMINIMIZE'], undefined, 'shared'],
];

const CONTROL_GROUPS: [id: string, name: string, controls: [string, string][]][] = [
  ['governance', 'AI governance', [
    ['AIPROGRAM', 'Run an AI programme: inventory, ownership and risk management of AI'],
    ['SECPROGRAM', 'Include AI assets and threats in the security programme'],
    ['DEVPROGRAM', 'Apply software engineering discipline to AI development'],
    ['SECDEVPROGRAM', 'Apply secure development practice to AI engineering'],
    ['CHECKCOMPLIANCE', 'Check AI use against laws and regulations'],
    ['SECEDUCATE', 'Educate staff on AI security threats'],
  ]],
  ['conventional-security', 'Conventional IT security (standard, adapted, new)', [
    ['DEVSECURITY', 'Secure the development environment of AI'],
    ['SEGREGATEDATA', 'Segregate training data and models'],
    ['SUPPLYCHAINMANAGE', 'Manage the AI supply chain: provenance of data, models and libraries'],
    ['MODELACCESSCONTROL', 'Authenticate and authorise access to models'],
    ['RUNTIMEMODELINTEGRITY', 'Protect model integrity at runtime'],
    ['RUNTIMEMODELCONFIDENTIALITY', 'Protect model confidentiality at runtime'],
    ['MODELINPUTCONFIDENTIALITY', 'Protect the confidentiality of model input'],
    ['ENCODEMODELOUTPUT', 'Encode model output before it reaches an interpreter'],
  ]],
  ['development-time', 'Data science controls, development time', [
    ['DEVDATAPROTECT', 'Protect training data in development'],
    ['DATAQUALITYCONTROL', 'Check the quality of training data'],
    ['MORETRAINDATA', 'Dilute poisoned samples with more training data'],
    ['POISONROBUSTMODEL', 'Train models robust to poisoning'],
    ['EVASIONROBUSTMODEL', 'Train models robust to evasion'],
  ]],
  ['runtime', 'Data science controls, runtime', [
    ['MONITORUSE', 'Monitor model use and alert on abuse'],
    ['RATELIMIT', 'Limit the rate of model access'],
    ['DETECTODDINPUT', 'Detect out-of-distribution input'],
    ['PROMPTINPUTVALIDATION', 'Validate prompts for injected instructions'],
    ['INPUTSEGREGATION', 'Keep untrusted input apart from instructions'],
    ['FILTERSENSITIVETRAINDATA', 'Filter sensitive training data from output'],
    ['OBSCURECONFIDENCE', 'Obscure confidence scores in output'],
    ['SMALLMODEL', 'Prefer small models that memorise less'],
  ]],
  ['minimise-data', 'Minimise data', [
    ['DATAMINIMIZE', 'Keep only the data the purpose needs'],
    ['SHORTRETAIN', 'Retain data for the shortest time'],
  ]],
  ['limit-impact', 'Control behaviour impact', [
    ['OVERSIGHT', 'Human oversight of consequential model behaviour'],
    ['LEASTMODELPRIVILEGE', 'Give models and agents least privilege'],
    ['AITRANSPARENCY', 'Be transparent about AI use and its limits'],
    ['EXPLAINABILITY', 'Explain model decisions where people are affected'],
  ]],
];

const threatNode = ([id, name, surface, controls, applicability, responsibility = 'us']: Threat): FrameworkNode => ({
  id,
  kind: 'threat',
  name,
  attributes: { attackSurface: surface, controls, responsibility },
  ...(applicability ? { applicability } : {}),
});

export const OWASP_AI_EXCHANGE: FrameworkDefinition = {
  id: 'owasp-ai-exchange',
  version: '2025.1',
  name: 'OWASP AI Exchange controls and threats',
  publisher: 'OWASP Foundation',
  licence: { spdx: 'CC0-1.0', attribution: 'Control and threat identifiers from the OWASP AI Exchange; descriptions by Assay.', textOrigin: 'assay-authored', url: 'https://owaspai.org' },
  scoringModel: { id: 'control-coverage', version: '1.0.0' },
  answerScales: [CONTROL_STATUS_SCALE],
  profileFields: [
    { field: 'trainsOwnModel', type: 'boolean', description: 'The organisation trains or fine-tunes the model itself.' },
    { field: 'usesRag', type: 'boolean', description: 'Answers are augmented from a retrieval store (treated as training data).' },
    { field: 'isGenerativeAi', type: 'boolean' },
    { field: 'isLlm', type: 'boolean' },
    { field: 'trainingDataSensitive', type: 'boolean', description: 'Training or retrieval data is confidential or personal.' },
    { field: 'deploymentType', type: 'string', values: ['self-hosted', 'paas', 'api-saas'] },
  ],
  nodes: [
    {
      id: 'AIX-CONTROLS',
      kind: 'category',
      name: 'Controls',
      children: CONTROL_GROUPS.map(([id, name, controls]) => ({
        id: `AIX-CONTROLS-${id}`,
        kind: 'control-group',
        name,
        children: controls.map(([controlId, text]) => ({ id: controlId, kind: 'control', name: controlId, text, answerScale: 'control-status' })),
      })),
    },
    {
      id: 'AIX-THREATS',
      kind: 'category',
      name: 'Threats',
      children: (['development-time', 'through-use', 'runtime'] as const).map((surface) => ({
        id: `AIX-THREATS-${surface}`,
        kind: 'category',
        name: `Threats ${surface.replace('-', ' ')}`,
        children: THREATS.filter((t) => t[2] === surface).map(threatNode),
      })),
    },
  ],
};
