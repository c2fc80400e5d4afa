import { describe, expect, it } from 'vitest';
import { readShell } from '../../src/shell/index.js';

/** The claude command's words and the wrappers it was found through. */
function claude(script: string): { words: string[]; via: string[] } {
  const command = readShell(script).commands.find((c) => c.name === 'claude');
  if (!command) throw new Error(`no claude in ${script}`);
  return { words: command.args.map((a) => a.value), via: command.via.map((v) => v.name) };
}

describe('programs that run their command somewhere else', () => {
  it.each([
    ['docker exec', 'docker exec -it -u root -e A=1 --env-file e box claude --yolo', 'docker exec'],
    ['docker container exec', 'docker --context ci container exec box claude --yolo', 'docker exec'],
    ['podman exec', 'podman exec -w /w box claude --yolo', 'docker exec'],
    ['docker compose exec', 'docker compose exec -T app claude --yolo', 'docker compose exec'],
    [
      'options between the verbs',
      'docker compose -f ci/c.yml -p ci run --rm -v a:/b -e X=1 app claude --yolo',
      'docker compose run',
    ],
    ['docker-compose run', 'docker-compose --file c.yml run --entrypoint sh app claude --yolo', 'docker compose run'],
    ['kubectl exec, the pod first', 'kubectl exec agent-0 -n ci -c main -- claude --yolo', 'kubectl exec'],
    ['kubectl exec, options first', 'kubectl -n ci exec -it deploy/agent -- claude --yolo', 'kubectl exec'],
    ['oc exec without --', 'oc exec agent-0 claude --yolo', 'kubectl exec'],
    ['ssh, options after the host', 'ssh ci@host -p 2222 -o StrictHostKeyChecking=no claude --yolo', 'ssh'],
    ['nsenter', 'nsenter -t 1 -m -u -i -n -p claude --yolo', 'nsenter'],
    ['unshare', 'unshare -r --map-user 0 -n claude --yolo', 'unshare'],
    ['chroot', 'chroot --userspec=1000:1000 /srv/jail claude --yolo', 'chroot'],
    ['systemd-run', 'systemd-run --user --wait -p MemoryMax=1G --unit agent claude --yolo', 'systemd-run'],
    [
      'bwrap, options of two words',
      'bwrap --ro-bind / / --bind "$PWD" /w --setenv A 1 --dev /dev claude --yolo',
      'bwrap',
    ],
    ['bwrap --overlay takes three', 'bwrap --overlay rw work /w --unshare-net claude --yolo', 'bwrap'],
    ['firejail', 'firejail --net=none --private claude --yolo', 'firejail'],
    ['nsjail', 'nsjail -Mo --chroot / --user 1000 -- claude --yolo', 'nsjail'],
  ])('%s', (_label, script, wrapper) => {
    const found = claude(script);
    expect(found.words).toEqual(['--yolo']);
    expect(found.via).toContain(wrapper);
  });

  it('ssh hands the remote shell its words joined: a quoted command line is read as a script', () => {
    expect(claude("ssh host 'cd /w && claude --yolo'")).toEqual({ words: ['--yolo'], via: ['ssh'] });
  });

  it('sub-commands that run nothing are not wrappers', () => {
    for (const script of ['docker exec', 'docker compose up -d app', 'kubectl get pods claude', 'docker ps claude'])
      expect(readShell(script).commands.map((c) => c.name)).not.toContain('claude');
  });
});
