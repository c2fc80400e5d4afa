/**
 * The shell reader: every command a script runs, with its words resolved the way bash would and
 * pointed at in the file, plus what it runs from the repository for a caller to follow.
 */
export { readShell } from './read.js';
export { readArgv, type ArgvElement } from './argv.js';
export { follow, interpreterOf, joinPath } from './follow.js';
export { readMakefile } from './makefile.js';
export { interpreterOperand, type InterpreterOperand } from './runners.js';
export { unquote, writtenValue } from './written.js';
export type {
  FollowBound,
  FollowBoundKind,
  FollowOptions,
  FollowResult,
  FollowStart,
  FollowedReading,
  ReadRepoFile,
} from './follow.js';
export {
  WRAPPERS,
  SANDBOX_WRAPPERS,
  SHELL_PROGRAMS,
  packageName,
  programName,
  wrappersFor,
  type SandboxWrapperSpec,
  type WrapperSpec,
} from './wrappers.js';
export * from './types.js';
