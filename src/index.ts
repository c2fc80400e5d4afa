/** The action's entry: everything, including failure handling, lives in run(). */
import { run } from './action/main.js';

void run();
