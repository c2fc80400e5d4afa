/** Where a URL points, read from its text alone (never resolved or fetched). */

/** Loopback and local-socket URLs: a server on the same machine (or pod), started outside the file that names it. */
export function isLocalUrl(url: string): boolean {
  if (/^(?:unix|pipe):/i.test(url)) return true;
  const host = hostnameOf(url);
  return (
    host === 'localhost' || host === '[::1]' || host === '0.0.0.0' || /^127\./.test(host) || host.endsWith('.localhost')
  );
}

/** The host and port as written (`api.example.com:8443`), or the whole text when it is not a URL. */
export function hostOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/?#]*)/i.exec(url)?.[1] ?? url;
}

/** The host name alone, lower case, without port or credentials; empty when the text is not a URL. */
export function hostnameOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1]?.toLowerCase() ?? '';
}

/** `http://` and `ws://`: nothing protects what crosses the link. */
export const isPlaintextUrl = (url: string): boolean => /^(?:http|ws):\/\//i.test(url);
