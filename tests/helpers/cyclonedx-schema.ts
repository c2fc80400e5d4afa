/**
 * The official CycloneDX 1.7 JSON schema as bundled by @cyclonedx/cyclonedx-library (res/schema),
 * compiled with the schemas it references (SPDX licence ids, JSF signatures, cryptography
 * definitions). The library's own validator needs ajv-formats, which the project does not carry, so
 * the formats the schema uses are checked here with the RFC shapes they name.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ajvModule from 'ajv';

const require = createRequire(import.meta.url);
const SCHEMA_DIR = path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res/schema');
const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;

const Ajv = ajvModule.default as unknown as typeof ajvModule.Ajv;

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i,
  'iri-reference': /^[^\s<>"{}|\\^`]*$/u,
  iri: /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/iu,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  'uri-reference': /^[^\s]*$/,
  email: /^[^\s@]+@[^\s@]+$/,
  'idn-email': /^[^\s@]+@[^\s@]+$/u,
};

export function cyclonedxValidator(): (bom: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true, formats: FORMATS });
  // The main schema names them by their SNAPSHOT file names (as the library's own validator maps them).
  for (const name of ['spdx', 'jsf-0.82', 'cryptography-defs']) {
    const { $id: _id, ...schema } = load(`${name}.SNAPSHOT.schema.json`);
    ajv.addSchema(schema, `http://cyclonedx.org/schema/${name}.SNAPSHOT.schema.json`);
  }
  const validate = ajv.compile(load('bom-1.7.SNAPSHOT.schema.json'));
  return (bom) => (validate(bom) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}
