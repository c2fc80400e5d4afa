/**
 * Declarative custom rules from the policy. They are compiled per scan (they live in the policy,
 * not in the registry), so this folder holds the compiler and no rule files.
 */
export { compileCustomRule, compileCustomRules, documentReader, selects, type DocumentReader } from './compile.js';
export { evaluateCondition, type Outcome, type Spot } from './conditions.js';
export { FieldPathError, parseFieldPath, resolveField } from './paths.js';
