/**
 * The PostGIS connection the desk syncs with: the profile (host, port, database, user,
 * schema, TLS) is remembered by this browser/app profile (localStorage), never by the
 * workspace; a password typed in the dialog lives in memory until the window closes. Without
 * one the host takes PGPASSWORD or ~/.pgpass.
 */
import { PgProfile, type PgConnect } from '../../../common/contract/index.js';

const KEY = 'cim.pg.profile';
let password: string | undefined;

export function loadProfile(): PgProfile | null {
  try {
    const text = localStorage.getItem(KEY);
    if (!text) return null;
    const p = PgProfile.safeParse(JSON.parse(text));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}

export function saveProfile(profile: PgProfile, typed: string | undefined): void {
  localStorage.setItem(KEY, JSON.stringify(profile));
  password = typed || undefined;
}

/** What a call needs: the profile and, when one was typed, the session's password. */
export function connection(profile: PgProfile): PgConnect {
  return password === undefined ? { profile } : { profile, password };
}
