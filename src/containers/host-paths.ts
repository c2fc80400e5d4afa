/** Host paths that matter when a container mounts them: the node's root, its runtime sockets. */
/** Sockets and directories that hand over the host (or node) itself, mounted read-only or not. */
const ESCAPE_PATHS = new Set([
  '/',
  '/proc',
  '/run',
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

export const normaliseHostPath = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export const isEscapePath = (path: string): boolean => ESCAPE_PATHS.has(normaliseHostPath(path));

export const isSocketPath = (path: string): boolean =>
  /\.sock$/.test(path) || normaliseHostPath(path) === '/run' || normaliseHostPath(path) === '/var/run';
