/** One bundled-action test suite: the bundle built once, a fresh fake API per test, runs on a pull request by default. */
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { FakeGitHub } from '../github/fake-api.js';
import { actionBundle, pullRequestEvent, runAction, type ActionRun, type RunOptions } from './harness.js';

export interface ActionSuite {
  readonly api: FakeGitHub;
  run(options: Partial<RunOptions> & { workspace: string }): Promise<ActionRun>;
}

export function actionSuite(): ActionSuite {
  let bundle = '';
  let api: FakeGitHub | null = null;
  beforeAll(() => {
    bundle = actionBundle();
  }, 180_000);
  beforeEach(async () => {
    api = await new FakeGitHub().start();
  });
  afterEach(() => api?.stop());
  return {
    get api() {
      return api!;
    },
    run: (options) =>
      runAction({ bundle, apiUrl: api!.url, eventName: 'pull_request', event: pullRequestEvent(), ...options }),
  };
}
