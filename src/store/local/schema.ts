// The local file's layouts before the engine (versions 1 to 9), kept so that a file of any of them
// is brought to layout 9 and then moved into the engine's items (itemsSchema.ts, legacyTables.ts).
// In those layouts records were JSON documents (`data`) with the columns filtered on beside them.
import type Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE installations (
    conversation_id TEXT PRIMARY KEY,
    active INTEGER NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE team_settings (
    team_id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    version INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE check_ins (
    team_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    mission TEXT NOT NULL,
    week TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'draft')),
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, user_id, mission, week, kind)
  ) STRICT;
  CREATE INDEX check_ins_by_team_week ON check_ins (team_id, week);
  CREATE INDEX check_ins_by_user ON check_ins (user_id);
  CREATE INDEX check_ins_by_expiry ON check_ins (expires_at);
  CREATE TABLE rollups (
    team_id TEXT NOT NULL,
    mission TEXT NOT NULL,
    week TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (team_id, mission, week)
  ) STRICT;
  CREATE TABLE activities (
    activity_id TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  `,
  // When the app was removed from a conversation, for the sweep that deletes a team's data after the grace period.
  `
  ALTER TABLE installations ADD COLUMN removed_at TEXT;
  CREATE INDEX installations_by_removal ON installations (removed_at) WHERE removed_at IS NOT NULL;
  `,
  // Activity claims, the one write every turn makes, kept in their key's own B-tree (WITHOUT ROWID):
  // a claim then writes one tree instead of a row plus its primary-key index, about a third less work.
  `
  CREATE TABLE activities_by_key (
    activity_id TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  INSERT INTO activities_by_key (activity_id, expires_at) SELECT activity_id, expires_at FROM activities;
  DROP TABLE activities;
  ALTER TABLE activities_by_key RENAME TO activities;
  `,
  // One row the store rewrites to prove the file can be written (at open and on /readyz).
  `
  CREATE TABLE write_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    written_at INTEGER NOT NULL
  ) STRICT;
  `,
  // An activity's claim is "in progress" (a short lease: a resend after it ran out runs the turn
  // again, as the process handling it died) until its turn finishes and it is "done" for longer.
  `
  ALTER TABLE activities ADD COLUMN state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('in progress', 'done'));
  `,
  // The person → teams index: which teams each person was seen in (channel traffic, roster reads).
  `
  CREATE TABLE person_teams (
    user_id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (user_id, team_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX person_teams_by_team ON person_teams (team_id);
  `,
  // Maturity self-assessments (a person's, per team and round; drafts expire) and each team's one
  // maturity record (round roll-ups, targets, action plan), guarded by its version like settings.
  `
  CREATE TABLE assessments (
    team_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    round TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('assessment', 'assessmentDraft')),
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, round, user_id, kind)
  ) STRICT;
  CREATE INDEX assessments_by_user ON assessments (user_id);
  CREATE TABLE team_maturity (
    team_id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    version INTEGER NOT NULL
  ) STRICT;
  `,
  // Time away, per team and person (a new period replaces the old), expiring a year after it ends.
  `
  CREATE TABLE away (
    team_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    from_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, user_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX away_by_user ON away (user_id);
  `,
  // Practice examples a team offers its organisation (per tenant), and the parts each approved one
  // shows, so a part's examples are one range of practice_parts' key.
  // IF NOT EXISTS: a file rebuilt to an earlier layout by hand keeps any tables of this step.
  `
  CREATE TABLE IF NOT EXISTS practice_examples (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    offered_at TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS practice_examples_by_author ON practice_examples (author_id, offered_at);
  CREATE INDEX IF NOT EXISTS practice_examples_by_team ON practice_examples (team_id);
  CREATE TABLE IF NOT EXISTS practice_parts (
    tenant_id TEXT NOT NULL,
    part TEXT NOT NULL,
    listed_at TEXT NOT NULL,
    example_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, part, listed_at, example_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS practice_parts_by_example ON practice_parts (tenant_id, example_id);
  `,
];

/** The layout this version writes (user_version after migrate). */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file up to the current layout (or to `target`, which tests use to write a file of an
 * earlier layout); each step runs in a transaction with its version bump.
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current || version > target) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  });
}
