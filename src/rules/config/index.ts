/** Rules that judge a convention shared by several kinds of config file; keep the list sorted by id. */
import type { Rule } from '../types.js';
import inlineSecret from './inline-secret.js';

export const configRules: Rule[] = [inlineSecret] as Rule[];
