import type { Db } from './open-database.js';

/** A chantier or pilier as the store knows it (groups of another kind are not scopes). */
export interface ScopeGroupRow {
  kind: 'chantier' | 'pilier';
  number: number;
  programmeId: string;
  title: string;
}

/** The chantiers and piliers there are, in catalogue order: what `chantier:N` / `pilier:N` may name. */
export function readScopeGroups(db: Db): ScopeGroupRow[] {
  return db
    .prepare(
      `SELECT g.kind, g.number, g.programme_id AS programmeId, g.title FROM groups g JOIN programmes p ON p.id = g.programme_id
       WHERE g.kind IN ('chantier', 'pilier') ORDER BY p.position, g.position`,
    )
    .all() as ScopeGroupRow[];
}
