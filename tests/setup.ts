/** Loads what scans need before any test runs, as the CLI and the action do (see `prepareScan`). */
import { prepareScan } from '../src/engine/index.js';

await prepareScan();
