/** Schema migrations, applied in order, once. Never edit one that has shipped: add a new one. */
export const MIGRATIONS: string[] = [
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
];
