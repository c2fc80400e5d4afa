/** The action's entry: everything, including failure handling, lives in run(). */
import { run } from './action/main.js';
import { usePlainEnv } from './util/plain-env.js';

usePlainEnv();

void run();
