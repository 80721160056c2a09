import type { Queryable } from './db.js';
import { fillSearchTexts } from './registration-list.js';
import { recomputeOrganisationKeys } from './organisation-keys.js';

export { recomputeOrganisationKeys };

/**
 * Schema migrations, applied in order, once. Never edit one that has shipped: add a new one.
 * Most are SQL; one that needs core's rules is a function run in the same transaction.
 */
export const MIGRATIONS: (string | ((tx: Queryable) => Promise<void>))[] = [
  `
  CREATE TABLE registrations (
    id uuid PRIMARY KEY,
    seq bigserial UNIQUE,
    network_id text NOT NULL,
    target text NOT NULL,
    session_id text,
    status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'pending', 'rejected', 'cancelled')),
    email_lower text NOT NULL,
    participant jsonb NOT NULL,
    organisation_lower text,
    organisation_type text,
    declarations jsonb NOT NULL DEFAULT '[]',
    answers jsonb NOT NULL DEFAULT '{}',
    invitation text NOT NULL DEFAULT 'none',
    group_size integer,
    locale text NOT NULL DEFAULT 'nl',
    reason text,
    attendance jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    erased_at timestamptz
  );
  CREATE INDEX registrations_target ON registrations (network_id, target, status, seq);
  CREATE UNIQUE INDEX registrations_one_active_per_email ON registrations (network_id, target, email_lower)
    WHERE status IN ('confirmed', 'waitlisted', 'pending');
  CREATE TABLE capacity_locks (
    network_id text NOT NULL,
    target text NOT NULL,
    PRIMARY KEY (network_id, target)
  );
  CREATE TABLE idempotency (
    key text PRIMARY KEY,
    network_id text NOT NULL,
    response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE mail_outbox (
    id bigserial PRIMARY KEY,
    registration_id uuid,
    kind text NOT NULL,
    message jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    last_error text
  );
  CREATE INDEX mail_outbox_unsent ON mail_outbox (id) WHERE sent_at IS NULL;
  CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL
  )
  `,
  `
  ALTER TABLE idempotency ADD COLUMN body_hash text;
  CREATE TABLE rate_limits (
    key text NOT NULL,
    window_start bigint NOT NULL,
    count integer NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (key, window_start)
  );
  CREATE INDEX rate_limits_expires ON rate_limits (expires_at)
  `,
  // Organisers, their roles per network, how they sign in, and what they did. Secrets (sign-in
  // links, sessions, API tokens) are stored only as the SHA-256 of 32 random bytes.
  `
  CREATE TABLE organisers (
    id uuid PRIMARY KEY,
    email_lower text NOT NULL UNIQUE,
    name text NOT NULL DEFAULT '',
    is_admin boolean NOT NULL DEFAULT false,
    notify text NOT NULL DEFAULT 'immediate' CHECK (notify IN ('immediate', 'digest', 'off')),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE organiser_roles (
    organiser_id uuid NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
    network_id text NOT NULL,
    role text NOT NULL CHECK (role IN ('owner', 'organiser')),
    PRIMARY KEY (organiser_id, network_id)
  );
  CREATE INDEX organiser_roles_network ON organiser_roles (network_id, role);
  CREATE TABLE sign_in_tokens (
    hash text PRIMARY KEY,
    organiser_id uuid NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  );
  CREATE TABLE organiser_sessions (
    hash text PRIMARY KEY,
    organiser_id uuid NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
  );
  CREATE INDEX organiser_sessions_organiser ON organiser_sessions (organiser_id);
  CREATE TABLE api_tokens (
    id uuid PRIMARY KEY,
    organiser_id uuid NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
    name text NOT NULL,
    hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at timestamptz
  );
  CREATE INDEX api_tokens_organiser ON api_tokens (organiser_id);
  CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    -- No foreign key: the log outlives an organiser who is removed.
    organiser_id uuid,
    actor text NOT NULL CHECK (actor IN ('organiser', 'installation-admin', 'cli')),
    network_id text,
    action text NOT NULL,
    registration_id uuid,
    detail jsonb NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_network ON audit_log (network_id, id)
  `,
  // The organisers' own note on a registration; personal data, so erase and purge clear it.
  `
  ALTER TABLE registrations ADD COLUMN organiser_note text
  `,
  // Messages organisers sent, and to whom. The e-mails themselves go through the outbox.
  `
  CREATE TABLE messages (
    id uuid PRIMARY KEY,
    seq bigserial UNIQUE,
    network_id text NOT NULL,
    session_id text,
    statuses jsonb NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    -- An organiser's id, or 'installation-admin' / 'cli'; no foreign key: history outlives the organiser.
    sent_by text,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX messages_network ON messages (network_id, seq);
  CREATE TABLE message_recipients (
    message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    registration_id uuid NOT NULL,
    PRIMARY KEY (message_id, registration_id)
  );
  CREATE INDEX message_recipients_registration ON message_recipients (registration_id)
  `,
  // One row per organiser and Amsterdam day whose digest is sent (or found empty): the key
  // makes a second process's attempt for the same day wait, then do nothing.
  `
  CREATE TABLE digest_runs (
    organiser_id uuid NOT NULL,
    day date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organiser_id, day)
  )
  `,
  // Kept counts per target (a network, or one session): what availability reads, never a recount.
  // Triggers keep them in the transaction of every change of a registration's status, whoever
  // makes it. The row is also the target's lock: deciding about places locks it first.
  // Emptying the registrations (TRUNCATE fires no row triggers) empties the counts too.
  // (Function bodies are on one line: migrations are split into statements at ";" + newline.)
  `
  CREATE TABLE target_counts (
    network_id text NOT NULL,
    target text NOT NULL,
    confirmed integer NOT NULL DEFAULT 0,
    pending integer NOT NULL DEFAULT 0,
    waitlisted integer NOT NULL DEFAULT 0,
    PRIMARY KEY (network_id, target)
  );
  CREATE FUNCTION leerkring_keep_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' AND OLD.status IN ('confirmed', 'pending', 'waitlisted') THEN UPDATE target_counts SET confirmed = confirmed - (OLD.status = 'confirmed')::int, pending = pending - (OLD.status = 'pending')::int, waitlisted = waitlisted - (OLD.status = 'waitlisted')::int WHERE network_id = OLD.network_id AND target = OLD.target; END IF; IF TG_OP <> 'DELETE' AND NEW.status IN ('confirmed', 'pending', 'waitlisted') THEN INSERT INTO target_counts AS t (network_id, target, confirmed, pending, waitlisted) VALUES (NEW.network_id, NEW.target, (NEW.status = 'confirmed')::int, (NEW.status = 'pending')::int, (NEW.status = 'waitlisted')::int) ON CONFLICT (network_id, target) DO UPDATE SET confirmed = t.confirmed + EXCLUDED.confirmed, pending = t.pending + EXCLUDED.pending, waitlisted = t.waitlisted + EXCLUDED.waitlisted; END IF; RETURN NULL; END $$;
  CREATE TRIGGER registrations_keep_counts AFTER INSERT OR DELETE ON registrations FOR EACH ROW EXECUTE FUNCTION leerkring_keep_counts();
  CREATE TRIGGER registrations_keep_counts_change AFTER UPDATE OF status, target, network_id ON registrations FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.target IS DISTINCT FROM NEW.target OR OLD.network_id IS DISTINCT FROM NEW.network_id)
    EXECUTE FUNCTION leerkring_keep_counts();
  CREATE FUNCTION leerkring_forget_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM target_counts; RETURN NULL; END $$;
  CREATE TRIGGER registrations_truncate_counts AFTER TRUNCATE ON registrations FOR EACH STATEMENT EXECUTE FUNCTION leerkring_forget_counts();
  INSERT INTO target_counts (network_id, target, confirmed, pending, waitlisted)
    SELECT network_id, target, count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'waitlisted')
    FROM registrations GROUP BY network_id, target
  `,
  // Mail is sent by a job that claims rows (claimed_at, claimed_by) in a short transaction and
  // talks SMTP outside any transaction. A claim older than the timeout is a dead worker's.
  `
  ALTER TABLE mail_outbox ADD COLUMN claimed_at timestamptz;
  ALTER TABLE mail_outbox ADD COLUMN claimed_by text
  `,
  // Network documents live in the database with every revision (issue 15). `networks` is the
  // head a save locks; `imported_hash` is what the last import brought, so an unchanged folder
  // adds no revision. Documents are kept as written (text), so an export reads like the original.
  `
  CREATE TABLE networks (
    id text PRIMARY KEY,
    revision integer NOT NULL,
    imported_hash text,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE network_revisions (
    network_id text NOT NULL REFERENCES networks (id),
    revision integer NOT NULL,
    -- An organiser's id, 'installation-admin' or 'import'; no foreign key: history outlives the organiser.
    author text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    document text NOT NULL,
    hash text NOT NULL,
    PRIMARY KEY (network_id, revision)
  )
  `,
  // The personal calendar feed (issue 12): its token is an HMAC over the registration id and
  // this version, so raising the version revokes the old feed address without storing a token.
  `
  ALTER TABLE registrations ADD COLUMN feed_version integer NOT NULL DEFAULT 0
  `,
  // One row per reminder sent: per registration, session and the session's start, so a second
  // process never sends it again, and a session that moves after its reminder gets a new one.
  `
  CREATE TABLE reminders_sent (
    registration_id uuid NOT NULL,
    session_id text NOT NULL,
    session_start timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, session_id, session_start)
  )
  `,
  // One row per person told about a session's report (issue 15): per registration, session and
  // report (its url, or its title), so asking again, or from two processes, tells nobody twice.
  `
  CREATE TABLE report_notices (
    registration_id uuid NOT NULL,
    session_id text NOT NULL,
    report text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, session_id, report)
  )
  `,
  // The kept counts (target_counts) are the row a decision locks now; the old lock table is unused.
  `
  DROP TABLE IF EXISTS capacity_locks
  `,
  // Organisation keys of rows stored before core's organisationKey (issue 13).
  recomputeOrganisationKeys,
  // A new registration's e-mails are composed by the delivery job, not in the registration's
  // transaction (issue 11): the row then holds the facts known only at decision time, no text.
  `
  ALTER TABLE mail_outbox ADD COLUMN facts jsonb
  `,
  // The registrations an e-mail names besides its own (an organiser's digest names the people of
  // a day), kept after sending: purging those people also removes the e-mail and its .eml file.
  `
  ALTER TABLE mail_outbox ADD COLUMN names uuid[]
  `,
  // The places an organisation holds, counted per (target, organisation) for maxPerOrganisation
  // by an index probe instead of a read of every place of the target (issue 28).
  `
  CREATE INDEX registrations_organisation_places ON registrations (network_id, target, organisation_lower)
    WHERE status IN ('confirmed', 'pending') AND organisation_lower IS NOT NULL
  `,
  // Feedback after a session (issue 24): the questions a network's organisers chose (none: the
  // default set), who was asked about which session (once each), and the answers, one row per
  // person per session. Erasing a person deletes their answers (forgetCopies).
  `
  CREATE TABLE feedback_questions (
    network_id text PRIMARY KEY,
    questions jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE feedback_requests (
    registration_id uuid NOT NULL,
    session_id text NOT NULL,
    asked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, session_id)
  );
  CREATE TABLE feedback_answers (
    registration_id uuid NOT NULL,
    session_id text NOT NULL,
    network_id text NOT NULL,
    answers jsonb NOT NULL,
    answered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, session_id)
  );
  CREATE INDEX feedback_answers_network ON feedback_answers (network_id, session_id)
  `,
  // The duplicate check probes an address first (issue 27): an index led by the address, which no
  // other index competes with, whatever the planner believes of a target's size. Also what "send
  // me my link again" (activeByEmail) reads, instead of every row.
  `
  CREATE INDEX registrations_active_by_email ON registrations (email_lower, network_id, target)
    WHERE status IN ('confirmed', 'waitlisted', 'pending')
  `,
  // Search in the console runs in the database (issue 27): each registration keeps its name,
  // e-mail and organisation folded by core's search rule (foldForSearch), written in JavaScript,
  // so SQL never has a second copy of the rule. A change of the participant (an edit, erasure)
  // empties it, and the next list fills it again from what is left; erased rows stay empty.
  // The list reads in (target, seq) order, a page at a time after a cursor.
  `
  ALTER TABLE registrations ADD COLUMN search_text text;
  CREATE INDEX registrations_list ON registrations (network_id, target, seq);
  CREATE INDEX registrations_search_missing ON registrations (network_id) WHERE search_text IS NULL AND erased_at IS NULL;
  CREATE FUNCTION leerkring_forget_search_text() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.search_text IS NOT DISTINCT FROM OLD.search_text THEN NEW.search_text := NULL; END IF; RETURN NEW; END $$;
  CREATE TRIGGER registrations_forget_search_text BEFORE UPDATE OF participant ON registrations FOR EACH ROW
    WHEN (OLD.participant IS DISTINCT FROM NEW.participant) EXECUTE FUNCTION leerkring_forget_search_text()
  `,
  (tx) => fillSearchTexts(tx),
  // Places per session inside a series registration (issue 23, core's session-places.ts): per
  // session with places of its own, 'confirmed', 'waitlisted' or 'declined'. Kept counts per such
  // session (target = the session id, never a target of a series registration) follow them in
  // the same transaction, for registrations that hold a series place (confirmed or pending).
  `
  ALTER TABLE registrations ADD COLUMN places jsonb NOT NULL DEFAULT '{}'::jsonb;
  CREATE FUNCTION leerkring_keep_place_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' AND OLD.status IN ('confirmed', 'pending') THEN UPDATE target_counts t SET confirmed = t.confirmed - (p.value = 'confirmed')::int, waitlisted = t.waitlisted - (p.value = 'waitlisted')::int FROM jsonb_each_text(OLD.places) AS p WHERE t.network_id = OLD.network_id AND t.target = p.key AND p.value IN ('confirmed', 'waitlisted'); END IF; IF TG_OP <> 'DELETE' AND NEW.status IN ('confirmed', 'pending') THEN INSERT INTO target_counts AS t (network_id, target, confirmed, waitlisted) SELECT NEW.network_id, p.key, (p.value = 'confirmed')::int, (p.value = 'waitlisted')::int FROM jsonb_each_text(NEW.places) AS p WHERE p.value IN ('confirmed', 'waitlisted') ON CONFLICT (network_id, target) DO UPDATE SET confirmed = t.confirmed + EXCLUDED.confirmed, waitlisted = t.waitlisted + EXCLUDED.waitlisted; END IF; RETURN NULL; END $$;
  CREATE TRIGGER registrations_keep_place_counts AFTER INSERT OR DELETE ON registrations FOR EACH ROW EXECUTE FUNCTION leerkring_keep_place_counts();
  CREATE TRIGGER registrations_keep_place_counts_change AFTER UPDATE OF status, places, network_id ON registrations FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.places IS DISTINCT FROM NEW.places OR OLD.network_id IS DISTINCT FROM NEW.network_id)
    EXECUTE FUNCTION leerkring_keep_place_counts()
  `,
  // What became of a message's e-mails (issue 24): the console counts its outbox rows by the
  // message's id, without reading the whole outbox.
  `
  CREATE INDEX mail_outbox_message ON mail_outbox ((facts->>'messageId')) WHERE kind = 'message'
  `,
  // The fee that stands after a cancellation past the free term (issue 23), in euros, decided at
  // the moment of the cancel and kept for the invoice: the price or the person's type may change
  // later. Erasing such a registration keeps what the invoice needs until retention (eraseOne).
  `
  ALTER TABLE registrations ADD COLUMN cancellation_fee numeric(10, 2)
  `,
  // Fan-out too big for the request that causes it (issue 27): a save or a message to thousands
  // records a job in its own transaction, and the delivery job expands it into outbox rows a batch
  // at a time, each batch in one transaction with the job's cursor (the last seq done), so a
  // process killed in between leaves the job to continue where its last batch ended.
  `
  CREATE TABLE fanout_jobs (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    network_id text NOT NULL,
    facts jsonb NOT NULL,
    up_to_seq bigint NOT NULL,
    after_seq bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    done_at timestamptz
  );
  CREATE INDEX fanout_jobs_open ON fanout_jobs (id) WHERE done_at IS NULL
  `,
  // Sent outbox rows are pruned after a while (issue 27, pruneSentMail); a message keeps the count
  // of its pruned sent e-mails, so what became of them stays known.
  `
  ALTER TABLE messages ADD COLUMN sent_pruned integer NOT NULL DEFAULT 0;
  CREATE INDEX mail_outbox_sent ON mail_outbox (sent_at) WHERE sent_at IS NOT NULL
  `,
  // When a series registrant said yes to a session with places of its own after registering
  // (issue 23): per session, a number from the registrations' own sequence, so that session's
  // waiting list runs in the order people said yes; a place decided at registration has none and
  // counts by the registration's seq (setPlaces, placeWaitlist).
  `
  ALTER TABLE registrations ADD COLUMN place_asked jsonb NOT NULL DEFAULT '{}'::jsonb
  `,
  // Reserved places (issue 23, core's reserved-places.ts): whether the person fits the target's
  // reservation, decided when they register; the kept counts say how many places such people hold.
  `
  ALTER TABLE registrations ADD COLUMN reserved boolean NOT NULL DEFAULT false;
  ALTER TABLE target_counts ADD COLUMN reserved integer NOT NULL DEFAULT 0;
  CREATE FUNCTION leerkring_keep_reserved_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP <> 'INSERT' AND OLD.reserved AND OLD.status IN ('confirmed', 'pending') THEN UPDATE target_counts SET reserved = reserved - 1 WHERE network_id = OLD.network_id AND target = OLD.target; END IF; IF TG_OP <> 'DELETE' AND NEW.reserved AND NEW.status IN ('confirmed', 'pending') THEN INSERT INTO target_counts AS t (network_id, target, reserved) VALUES (NEW.network_id, NEW.target, 1) ON CONFLICT (network_id, target) DO UPDATE SET reserved = t.reserved + 1; END IF; RETURN NULL; END $$;
  CREATE TRIGGER registrations_keep_reserved_counts AFTER INSERT OR DELETE ON registrations FOR EACH ROW EXECUTE FUNCTION leerkring_keep_reserved_counts();
  CREATE TRIGGER registrations_keep_reserved_counts_change AFTER UPDATE OF status, target, network_id, reserved ON registrations FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.target IS DISTINCT FROM NEW.target OR OLD.network_id IS DISTINCT FROM NEW.network_id OR OLD.reserved IS DISTINCT FROM NEW.reserved)
    EXECUTE FUNCTION leerkring_keep_reserved_counts()
  `,
  // Fan-out jobs after review (issue 27): a stable cursor (the last registration id or address done) and tries (next_try_at; given up: failed_at).
  `ALTER TABLE fanout_jobs ADD COLUMN after_key text NOT NULL DEFAULT '', ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN next_try_at timestamptz, ADD COLUMN failed_at timestamptz`,
  // Fan-out jobs after the second review (issue 27): who a save's job has told, by registration id, so an address corrected while it runs changes nothing (revisionBatch).
  `CREATE TABLE fanout_told (job_id bigint NOT NULL REFERENCES fanout_jobs (id) ON DELETE CASCADE, registration_id uuid NOT NULL, PRIMARY KEY (job_id, registration_id))`,
  // Fan-out jobs, issue 27 item 1: the addresses a save's job has told (a digest, not the address), so a registration whose address is corrected to one told already is not told again (revisionBatch).
  `CREATE TABLE fanout_told_addresses (job_id bigint NOT NULL REFERENCES fanout_jobs (id) ON DELETE CASCADE, address bytea NOT NULL, PRIMARY KEY (job_id, address))`,
  // Fan-out jobs, issue 27 item 2: failures that pass (a lock or statement timeout) in a row, and since when (passingFanoutFailure), so one that never passes is given up.
  `ALTER TABLE fanout_jobs ADD COLUMN passing integer NOT NULL DEFAULT 0, ADD COLUMN passing_since timestamptz`,
  // A person's calendar SEQUENCE never goes down (issue 23, core's personalSequence): per session
  // id, how often this person withdrew from it with a CANCEL of their own. A new registration of
  // the same address in the same network starts from what the earlier ones counted, found by the
  // index (only rows that counted something are in it).
  `
  ALTER TABLE registrations ADD COLUMN calendar_withdrawals jsonb NOT NULL DEFAULT '{}'::jsonb;
  CREATE INDEX registrations_withdrawals_by_email ON registrations (email_lower, network_id) WHERE calendar_withdrawals <> '{}'::jsonb
  `,
  // Fan-out jobs, reviewer finding 3: up_to_seq was written 0, never read (a job tells those stored by its created_at: STORED_BY_JOB).
  `ALTER TABLE fanout_jobs DROP COLUMN up_to_seq`,
  // Fan-out jobs, reviewer finding 1: what an address was told is per target (revisionBatch); a row from before has '' (every target).
  `ALTER TABLE fanout_told_addresses ADD COLUMN target text NOT NULL DEFAULT '', DROP CONSTRAINT fanout_told_addresses_pkey, ADD PRIMARY KEY (job_id, address, target);
  ALTER TABLE fanout_told_addresses ALTER COLUMN target DROP DEFAULT`,
];
