/** Host paths that matter when a container mounts them: the node's root, its runtime sockets. */
/** Sockets and directories that hand over the host (or node) itself, mounted read-only or not. */
const ESCAPE_PATHS = new Set([
  '/',
  '/proc',
  '/run',
  '/var',
  '/var/run',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/podman/podman.sock',
]);

/**
 * The path the kernel opens: `//`, `/./` and `..` segments resolved and trailing slashes dropped, so
 * `/var/./run/` and `/tmp/../var/run` are `/var/run`. A relative or variable path keeps its first segment.
 */
export function normaliseHostPath(path: string): string {
  if (!path.startsWith('/')) return path.length > 1 ? path.replace(/\/+$/, '') : path;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

export const isEscapePath = (path: string): boolean => ESCAPE_PATHS.has(normaliseHostPath(path));

export const isSocketPath = (path: string): boolean =>
  /\.sock$/.test(path) || ['/run', '/var/run', '/var'].includes(normaliseHostPath(path));
