/** Which URLs the window may show, call from, or hand to the system browser. Pure; environment: common. */
import { APP_ORIGIN } from './channels.js';

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for `cim://app/...` and nothing else (not `cim://other`, not `cim://app@evil`). */
export function isAppUrl(url: string | null | undefined): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === 'cim:' &&
    parsed.host === 'app' &&
    parsed.username === '' &&
    parsed.password === '' &&
    `${parsed.protocol}//${parsed.host}` === APP_ORIGIN
  );
}

/** The URL to open in the system browser, or null: only https links leave the app. */
export function externalHttpsUrl(url: string | null | undefined): string | null {
  const parsed = parse(url);
  if (parsed === null || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') {
    return null;
  }
  return parsed.href;
}
