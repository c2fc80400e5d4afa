/** report/escape: every sink's escaping, against hostile input and arbitrary strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commandData,
  commandProperty,
  encodePath,
  htmlText,
  markdownCode,
  markdownMessage,
  markdownText,
  neutraliseCommands,
  showInvisible,
  terminalText,
  untrusted,
} from '../../src/report/escape.js';
import { HOSTILE_NAME } from './sample.js';

/** The runner's unescaping of command data and properties (actions/runner ActionCommand). */
const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

describe('workflow command escaping', () => {
  it('escapes data exactly as the runner expects', () => {
    expect(commandData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(commandData('a:b,c')).toBe('a:b,c');
  });

  it('escapes properties with : and , as well', () => {
    expect(commandProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('round-trips any string and never leaves a separator or line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const data = commandData(s);
        const prop = commandProperty(s);
        expect(data).not.toMatch(/[\r\n]/);
        expect(prop).not.toMatch(/[\r\n:,]/);
        expect(unescapeData(data)).toBe(s);
        expect(unescapeProperty(prop)).toBe(s);
      }),
    );
  });

  it('keeps lines that start with :: (after whitespace) from being commands', () => {
    const text = neutraliseCommands('ok\n::error::x\n   ::set-output name=a::b\nnot::this');
    expect(text.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
    expect(text).toContain('not::this');
  });
});

describe('Markdown escaping', () => {
  it('renders an HTML payload, links, tables, mentions and references as text', () => {
    const md = markdownText(HOSTILE_NAME);
    expect(md).not.toMatch(/[<>|[\]`*\n]/);
    expect(md).toContain('&lt;img src=x onerror=alert&#40;1&#41;&gt;');
    expect(md).toContain('@\u200boctocat');
    expect(md).toContain('#\u200b1');
    expect(md).toContain('https:\u200b//evil.example');
  });

  it('never lets arbitrary text open markup or split a table row', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const md = markdownText(s);
        expect(md).not.toMatch(/[<>|[\]`*_~\\!$\r\n]/);
        expect(md).not.toMatch(/@[\p{L}\p{N}_]/u);
        expect(md).not.toMatch(/&(?!(?:amp|lt|gt|quot|#\d+);)/);
      }),
    );
  });

  it('turns balanced backticks in rule messages into code and escapes inside', () => {
    expect(markdownMessage('`--yolo` in `run: <b>`')).toBe('<code>--yolo</code> in <code>run: &lt;b&gt;</code>');
    expect(markdownMessage('odd ` tick')).toBe('odd &#96; tick');
    expect(markdownCode('a|b')).toBe('<code>a&#124;b</code>');
  });

  it('escapes HTML text and attributes', () => {
    expect(htmlText(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });

  it('percent-encodes path segments, including characters Markdown links care about', () => {
    expect(encodePath('a b/(c)/d#e?.yml')).toBe('a%20b/%28c%29/d%23e%3F.yml');
  });
});

describe('untrusted text', () => {
  it('masks secrets in every sink', () => {
    const token = `ghp_${'a1B2c3D4e5F6g7H8i9J0'.repeat(2)}`;
    for (const out of [untrusted(token), markdownText(token), terminalText(token)]) {
      expect(out).not.toContain(token);
      expect(out).toMatch(/^ghp/);
    }
  });

  it('shows control, bidi and zero-width characters instead of passing them on', () => {
    expect(showInvisible('a\u202eb\u001b[31mc\u200bd')).toBe('a\\u202eb\\u001b[31mc\\u200bd');
    expect(terminalText('one\ntwo\r\nthree\tfour')).toBe('one two three four');
  });
});
