import { describe, expect, it } from 'vitest';
import { isEscapePath, normaliseHostPath } from '../../src/containers/host-paths.js';
import { classifyHostPath } from '../../src/containers/judge.js';

describe('host paths', () => {
  it('resolves the path the kernel opens', () => {
    expect(normaliseHostPath('/var/./run/')).toBe('/var/run');
    expect(normaliseHostPath('//var//run//docker.sock')).toBe('/var/run/docker.sock');
    expect(normaliseHostPath('/tmp/../var/run')).toBe('/var/run');
    expect(normaliseHostPath('/..')).toBe('/');
    expect(normaliseHostPath('./cache/')).toBe('./cache');
  });

  it('treats the socket and every folder above it as the Docker daemon', () => {
    for (const p of ['/var/run/docker.sock', '/var/./run', '/var/', '/run', '/tmp/../var/run/docker.sock'])
      expect(classifyHostPath(p), p).toBe('docker-socket');
    expect(classifyHostPath('/./')).toBe('root');
    expect(classifyHostPath('/var/lib/docker')).toBe('system');
    expect(classifyHostPath('/tmp/cache')).toBe('other');
    expect(isEscapePath('/var/./run/')).toBe(true);
    expect(isEscapePath('/var/lib/app')).toBe(false);
  });
});
