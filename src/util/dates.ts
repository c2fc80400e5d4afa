/** Calendar days as ISO dates (YYYY-MM-DD, UTC): suppression expiry and attestation bounds. */

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
