/**
 * The little of a Dockerfile that says what its container runs: the final stage's base image,
 * `ENTRYPOINT` and `CMD` (exec form `["a", "b"]` or shell form), and where `COPY`/`ADD` put files
 * from the build context. Read as text with offsets; never built.
 */

export interface DockerfileWord {
  value: string;
  /** Offsets of the word's text in the Dockerfile. */
  start: number;
  end: number;
}

/** An `ENTRYPOINT` or `CMD`: exec-form elements, or a shell-form command line. */
export type DockerCommand = { form: 'exec'; words: DockerfileWord[] } | { form: 'shell'; text: DockerfileWord };

export interface Dockerfile {
  from: DockerfileWord | null;
  entrypoint: DockerCommand | null;
  cmd: DockerCommand | null;
  /** Destination path in the image (absolute) → source path in the build context. */
  copies: Map<string, string>;
  /** The final WORKDIR (`/` when none is set), against which relative paths resolve. */
  workdir: string;
}

interface Instruction {
  keyword: string;
  /** The arguments, with continuation lines joined, and each character's offset in the file. */
  text: string;
  offsets: number[];
}

/** Instructions with `\` continuations joined and comment lines dropped. */
function instructions(source: string): Instruction[] {
  const out: Instruction[] = [];
  let current: { text: string; offsets: number[] } | null = null;
  let offset = 0;
  for (const raw of source.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineStart = offset;
    offset += raw.length + 1;
    if (/^\s*#/.test(line) && current === null) continue;
    if (/^\s*#/.test(line)) continue; // a comment inside a continued instruction is skipped too
    const continued = /\\\s*$/.test(line);
    const body = continued ? line.replace(/\\\s*$/, '') : line;
    current ??= { text: '', offsets: [] };
    for (let i = 0; i < body.length; i++) {
      current.text += body[i];
      current.offsets.push(lineStart + i);
    }
    if (continued) continue;
    const m = /^\s*([A-Za-z]+)\s+/.exec(current.text);
    if (m)
      out.push({
        keyword: m[1]!.toUpperCase(),
        text: current.text.slice(m[0].length),
        offsets: current.offsets.slice(m[0].length),
      });
    current = null;
  }
  return out;
}

const wordOf = (ins: Instruction, start: number, end: number): DockerfileWord => ({
  value: ins.text.slice(start, end),
  start: ins.offsets[start] ?? 0,
  end: (ins.offsets[Math.max(start, end - 1)] ?? 0) + (end > start ? 1 : 0),
});

/** Exec form when the arguments are a JSON array of strings; otherwise shell form. */
function commandOf(ins: Instruction): DockerCommand | null {
  const trimmed = ins.text.trimEnd();
  const lead = trimmed.length - trimmed.trimStart().length;
  if (trimmed.trimStart().startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(trimmed);
    } catch {
      list = null;
    }
    if (Array.isArray(list) && list.every((item) => typeof item === 'string')) {
      // Each element's offsets: the quoted string's body in the instruction text.
      const words: DockerfileWord[] = [];
      let cursor = lead;
      for (const item of list as string[]) {
        const open = ins.text.indexOf('"', cursor);
        let close = open + 1;
        while (close < ins.text.length && ins.text[close] !== '"') close += ins.text[close] === '\\' ? 2 : 1;
        words.push({ ...wordOf(ins, open + 1, close), value: item });
        cursor = close + 1;
      }
      return { form: 'exec', words };
    }
  }
  if (!trimmed.trim()) return null;
  return { form: 'shell', text: wordOf(ins, lead, trimmed.length) };
}

export function readDockerfile(source: string): Dockerfile {
  const out: Dockerfile = { from: null, entrypoint: null, cmd: null, copies: new Map(), workdir: '/' };
  const resolve = (p: string): string =>
    p.startsWith('/') ? p : `${out.workdir.replace(/\/+$/, '')}/${p.replace(/^\.\//, '')}`.replace(/\/\.$/, '/');
  for (const ins of instructions(source)) {
    if (ins.keyword === 'FROM') {
      // A new stage starts afresh (it inherits only from its base image, which is not read).
      const image = /^(?:--\S+\s+)*(\S+)/.exec(ins.text);
      const start = image ? ins.text.indexOf(image[1]!) : 0;
      out.from = image ? wordOf(ins, start, start + image[1]!.length) : null;
      out.entrypoint = null;
      out.cmd = null;
      out.copies = new Map();
      out.workdir = '/';
    } else if (ins.keyword === 'WORKDIR') {
      const dir = ins.text.trim().replace(/^["']|["']$/g, '');
      if (dir && !dir.includes('$')) out.workdir = resolve(dir);
    } else if (ins.keyword === 'ENTRYPOINT') {
      out.entrypoint = commandOf(ins);
      out.cmd = null; // Docker resets CMD when ENTRYPOINT is set after it
    } else if (ins.keyword === 'CMD') out.cmd = commandOf(ins);
    else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const parts = ins.text.split(/\s+/).filter((p) => p && !p.startsWith('--'));
      if (parts.length < 2 || parts[0]!.startsWith('[')) continue;
      const dest = resolve(parts.at(-1)!);
      for (const src of parts.slice(0, -1)) {
        const name = src.split('/').at(-1)!;
        out.copies.set(dest.endsWith('/') ? `${dest}${name}` : dest, src.replace(/^\.\//, ''));
      }
    }
  }
  return out;
}
