/** Command-line reading: shell splitting, wrapper unwrapping, docker run flags, package pins. */
import { describe, expect, it } from 'vitest';
import { classifyHostPath, judgeContainer } from '../../../src/containers/judge.js';
import { parseImage, parseMount, parseRunArgs, parseVolume, type Arg } from '../../../src/containers/docker-run.js';
import { analyse, innermost, mainCommandWords, programName } from '../../../src/adapters/mcp/launch.js';
import { packagesOf } from '../../../src/adapters/mcp/packages.js';
import { defaultPolicy } from '../../../src/policy/defaults.js';

const argv = (...words: string[]): Arg[] =>
  words.map((value, i) => ({ value, ref: { file: 'f.json', path: ['args', i] } }));
const settings = defaultPolicy().detect;

describe('the command that starts the program', () => {
  it('keeps quoted text and $(…) together, and each word as written', () => {
    expect(mainCommandWords(`cd "$(git rev-parse --show-toplevel)" && exec bash scripts/mcp-launch.sh`)).toEqual([
      'exec',
      'bash',
      'scripts/mcp-launch.sh',
    ]);
    expect(mainCommandWords(`x | y || z & w 'a b' "c \\"d\\"" e\\ f # comment`)).toEqual(['w', 'a b', 'c "d"', 'e f']);
    // `$HOME` stays as written (the mount judgement needs it), quotes go.
    expect(mainCommandWords(`docker run -v "$HOME/.ssh":/root/.ssh -e A=\${B} img`)).toEqual([
      'docker',
      'run',
      '-v',
      '$HOME/.ssh:/root/.ssh',
      '-e',
      'A=${B}',
      'img',
    ]);
  });

  it('skips setup commands, assignments and redirections', () => {
    expect(mainCommandWords('export A=1 && cd srv && npx -y pkg@1.0.0')).toEqual(['npx', '-y', 'pkg@1.0.0']);
    expect(mainCommandWords('FOO=bar uvx pkg 2>/dev/null; echo done')).toEqual(['uvx', 'pkg']);
    expect(mainCommandWords('echo only')).toEqual(['echo', 'only']);
    expect(mainCommandWords('FOO=bar')).toEqual([]);
  });
});

describe('unwrapping wrappers', () => {
  it('normalises program names across platforms', () => {
    expect(programName('C:\\Program Files\\nodejs\\npx.cmd')).toBe('npx');
    expect(programName('/Users/x/.asdf/shims/npx')).toBe('npx');
    expect(programName('Docker.EXE')).toBe('docker');
  });

  it('unwraps sh -c, bash -lc, cmd /c, powershell -Command, env and exec', () => {
    const cases: [string[], string, string[]][] = [
      [['sh', '-c', 'npx -y @scope/server@1.2.3 --flag'], 'npx', ['sh -c']],
      [
        ['bash', '-lc', 'cd "$(git rev-parse --show-toplevel)" && exec bash scripts/mcp-launch.sh'],
        'bash',
        ['bash -lc'],
      ],
      [['cmd', '/c', 'npx', '-y', 'pkg'], 'npx', ['cmd /c']],
      [['cmd.exe', '/C', 'npx -y pkg'], 'npx', ['cmd /C']],
      [['powershell', '-Command', 'uvx mcp-server-fetch'], 'uvx', ['powershell -Command']],
      [['env', 'A=1', 'B=2', 'node', 'server.js'], 'node', []],
      [['sudo', '-E', 'node', 'server.js'], 'node', ['sudo']],
    ];
    for (const [words, program, wrappers] of cases) {
      const analysis = analyse(argv(...words))!;
      expect(innermost(analysis.launch).name, words.join(' ')).toBe(program);
      expect(analysis.wrappers).toEqual(wrappers);
    }
  });

  it('skips wrapper options with the arities of the one wrapper table (option values are not the program)', () => {
    const cases: [string[], string, string[], string | null][] = [
      [['sudo', '-u', 'mcp', 'node', 'server.js'], 'node', ['sudo'], null],
      [['env', '-u', 'HOME', 'A=1', 'node', 'server.js'], 'node', [], null],
      [['timeout', '-s', 'KILL', '300', 'npx', '-y', 'pkg'], 'npx', [], '300'],
      [['nice', '-n', '5', 'exec', 'uvx', 'mcp-server-fetch'], 'uvx', [], null],
      [['gosu', 'app', 'node', 'server.js'], 'node', [], null],
      [['env', '-S', 'npx -y pkg'], 'npx', ['env -S'], null],
      [['command', '-v', 'npx'], 'command', [], null],
    ];
    for (const [words, program, wrappers, timeout] of cases) {
      const analysis = analyse(argv(...words))!;
      expect(innermost(analysis.launch).name, words.join(' ')).toBe(program);
      expect(analysis.wrappers, words.join(' ')).toEqual(wrappers);
      expect(analysis.timeout?.value ?? null, words.join(' ')).toBe(timeout);
    }
  });

  it('points words from an unwrapped script at their text inside the argument', () => {
    const launch = analyse(argv('sh', '-c', 'docker run --privileged img:1'))!.launch;
    expect(launch.kind).toBe('container');
    if (launch.kind !== 'container') return;
    expect(launch.run!.options[0]).toMatchObject({
      name: 'privileged',
      at: { path: ['args', 2], text: '--privileged' },
    });
  });

  it('judges a launch script too long to read as the host shell, not by a command early in it', () => {
    const padding = 'echo setting up; '.repeat(1200); // about 20 KB
    const late = analyse(argv('sh', '-c', `docker run --rm -i img:1; ${padding} npx -y pkg@1.0.0`))!.launch;
    expect(late).toMatchObject({ kind: 'host', name: 'sh' });
    const short = analyse(argv('sh', '-c', 'echo setting up; docker run --rm -i img:1'))!.launch;
    expect(short.kind).toBe('container');
  });

  it('recognises sandboxes and looks inside them', () => {
    const srt = analyse(argv('srt', '--settings', './srt.json', 'npx', '-y', 'pkg@1.0.0'))!.launch;
    expect(srt).toMatchObject({
      kind: 'sandbox',
      name: 'srt',
      isolation: 'process',
      settings: { value: './srt.json' },
    });
    expect(innermost(srt).name).toBe('npx');
    expect(analyse(argv('runsc', 'do', 'node', 'x.js'))!.launch).toMatchObject({
      kind: 'sandbox',
      isolation: 'gvisor',
    });
    expect(analyse(argv('bwrap', '--unshare-all', '--', 'node', 'x.js'))!.launch).toMatchObject({
      kind: 'sandbox',
      name: 'bwrap',
    });
    expect(analyse(argv('docker', 'mcp', 'gateway', 'run'))!.launch).toMatchObject({ kind: 'container', run: null });
    expect(analyse(argv('gopls', 'mcp'))!.launch).toMatchObject({ kind: 'host', name: 'gopls' });
  });

  it('records a timeout wrapper', () => {
    expect(analyse(argv('timeout', '300', 'node', 'x.js'))!.timeout?.value).toBe('300');
  });
});

describe('docker run', () => {
  it('parses long, short, clustered and = forms, the image and the command', () => {
    const run = parseRunArgs(
      argv(
        '--rm',
        '-it',
        '--network',
        'none',
        '--cap-drop=ALL',
        '-eTOKEN',
        '-v',
        '/a:/b:ro',
        'ghcr.io/x/y:1.2',
        'serve',
        '--port',
        '1',
      ),
    );
    expect(run.options.map((o) => `${o.name}=${o.value}`)).toEqual([
      'rm=null',
      'interactive=null',
      'tty=null',
      'network=none',
      'cap-drop=ALL',
      'env=TOKEN',
      'volume=/a:/b:ro',
    ]);
    expect(run.image?.value).toBe('ghcr.io/x/y:1.2');
    expect(run.command.map((a) => a.value)).toEqual(['serve', '--port', '1']);
  });

  it('points a separate value at its own argument', () => {
    const run = parseRunArgs(argv('--network', 'host', 'img'));
    expect(run.options[0]!.at.path).toEqual(['args', 1]);
  });

  it('splits volumes and mounts, keeping drive letters and ${…} colons', () => {
    expect(parseVolume('/var/run/docker.sock:/var/run/docker.sock')).toMatchObject({
      source: '/var/run/docker.sock',
      type: 'bind',
      readOnly: false,
    });
    expect(parseVolume('${localEnv:HOME}/.ssh:/home/node/.ssh:ro')).toMatchObject({
      source: '${localEnv:HOME}/.ssh',
      target: '/home/node/.ssh',
      readOnly: true,
    });
    expect(parseVolume('C:\\Users\\me:/data')).toMatchObject({ source: 'C:\\Users\\me', target: '/data' });
    expect(parseVolume('cache:/cache')).toMatchObject({ type: 'volume' });
    expect(parseMount('type=bind,src=/Users/me,dst=/projects/me,readonly')).toMatchObject({
      source: '/Users/me',
      target: '/projects/me',
      readOnly: true,
      type: 'bind',
    });
  });

  it('classifies host paths', () => {
    expect(classifyHostPath('/var/run/docker.sock')).toBe('docker-socket');
    expect(classifyHostPath('/')).toBe('root');
    expect(classifyHostPath('C:\\')).toBe('root');
    for (const home of [
      '~',
      '$HOME',
      '${userHome}',
      '/home/dev',
      '/Users/me/',
      'C:\\Users\\me',
      '${localEnv:HOME}${localEnv:USERPROFILE}',
    ])
      expect(classifyHostPath(home), home).toBe('home');
    expect(classifyHostPath('/home')).toBe('home');
    expect(classifyHostPath('~/.ssh')).toBe('credentials');
    expect(classifyHostPath('/etc')).toBe('system');
    expect(classifyHostPath('/Users/me/projects/app')).toBe('other');
  });

  it('judges escapes, network, mounts, credentials and limits', () => {
    const j = judgeContainer(
      parseRunArgs(
        argv(
          '--privileged',
          '--network=host',
          '-v',
          '/var/run/docker.sock:/s',
          '-v',
          '~/.aws:/root/.aws:ro',
          '-e',
          'GITHUB_TOKEN',
          '--memory',
          '1g',
          '--cap-add',
          'NET_ADMIN',
          'img',
        ),
      )!.options,
      settings,
    );
    expect(j.escapes.map((e) => e.reason)).toEqual([
      "`--privileged` gives the container every capability and the host's devices",
      "`--network=host` shares the host's network namespace (its local services and Docker's API, if exposed)",
      'the mount of `/var/run/docker.sock` hands the container the Docker daemon, which controls the host',
    ]);
    expect(j.network?.value).toBe('open');
    expect(j.credentials.map((c) => c.value)).toEqual(['write', 'read']);
    expect(j.limits).toHaveLength(1);
    expect(j.capabilities.map((c) => c.name)).toEqual(['NET_ADMIN']);
  });

  it('maps runtimes to gVisor and micro-VMs', () => {
    expect(judgeContainer(parseRunArgs(argv('--runtime=runsc', 'img')).options, settings).runtime?.value).toBe(
      'gvisor',
    );
    expect(judgeContainer(parseRunArgs(argv('--runtime', 'kata-qemu', 'img')).options, settings).runtime?.value).toBe(
      'microvm',
    );
  });

  it('splits image references', () => {
    expect(parseImage('localhost:5000/a/b:1.2@sha256:abc')).toEqual({
      name: 'localhost:5000/a/b',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    expect(parseImage('localhost:5000/a/b')).toEqual({ name: 'localhost:5000/a/b', tag: null, digest: null });
  });
});

describe('packages', () => {
  const pins = (...words: string[]): [string, string | null][] =>
    packagesOf(analyse(argv(...words))!.launch).map((p) => [p.spec, p.unpinned]);

  it('reads npm runners', () => {
    expect(pins('npx', '-y', '@modelcontextprotocol/server-filesystem@latest', '/')).toEqual([
      ['@modelcontextprotocol/server-filesystem@latest', '`latest` is a moving tag'],
    ]);
    expect(pins('npx', '@upstash/context7-mcp')).toEqual([['@upstash/context7-mcp', 'no version']]);
    expect(pins('npx', '-y', 'pkg@1.2.3')).toEqual([['pkg@1.2.3', null]]);
    expect(pins('npx', '-y', 'pkg@^1.2')).toEqual([['pkg@^1.2', '`^1.2` is a range']]);
    expect(pins('npx', '--package=a@1.0.0', '--package', 'b', 'bin')).toEqual([
      ['a@1.0.0', null],
      ['b', 'no version'],
    ]);
    expect(pins('pnpm', 'dlx', 'x@2.0.0')).toEqual([['x@2.0.0', null]]);
    expect(pins('npx', './local/server.js')).toEqual([]);
    expect(pins('npx', 'github:user/repo')).toEqual([
      ['github:user/repo', 'a git reference without a commit hash can change'],
    ]);
  });

  it('reads uvx, pipx and go run', () => {
    expect(pins('uvx', 'mcp-server-fetch')).toEqual([['mcp-server-fetch', 'no version']]);
    expect(pins('uvx', 'mcp-server-fetch==2025.1.1')).toEqual([['mcp-server-fetch==2025.1.1', null]]);
    expect(pins('uvx', 'mcp-server-git@0.6.2')).toEqual([['mcp-server-git@0.6.2', null]]);
    expect(pins('uvx', '--from', 'pkg>=1', 'bin')).toEqual([['pkg>=1', '`>=1` is a range']]);
    expect(pins('uvx', '--python', '3.12', 'tool[extra]==1.0')).toEqual([['tool[extra]==1.0', null]]);
    expect(pins('go', 'run', 'github.com/x/y@latest')).toEqual([
      ['github.com/x/y@latest', '`latest` is a moving reference'],
    ]);
    expect(pins('uv', 'run', '--directory', 'srv', 'server.py')).toEqual([]);
  });

  it('reads docker images', () => {
    expect(pins('docker', 'run', '-i', '--rm', 'mcp/fetch')).toEqual([
      ['mcp/fetch', 'no tag, so Docker pulls `latest`'],
    ]);
    expect(pins('docker', 'run', 'mcp/fetch:latest')).toEqual([['mcp/fetch:latest', '`latest` is a moving tag']]);
    expect(pins('docker', 'run', 'mcp/fetch:1.2')).toEqual([['mcp/fetch:1.2', null]]);
    expect(pins('docker', 'run', 'mcp/fetch@sha256:0123')).toEqual([['mcp/fetch@sha256:0123', null]]);
  });
});

describe('the one wrapper table', () => {
  it('an OS sandbox row is read as that sandbox; nsenter is looked through', () => {
    expect(analyse(argv('firejail', '--net=none', '--', 'npx', 'srv'))!.launch).toMatchObject({
      kind: 'sandbox',
      name: 'firejail',
      isolation: 'process',
    });
    expect(analyse(argv('nsenter', '-t', '1', '-m', 'npx', 'srv'))!.launch).toMatchObject({
      kind: 'host',
      name: 'npx',
    });
  });
});
