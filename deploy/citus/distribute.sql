-- NetworkSaaS on Citus: distributes every tenant table by tenant_id (one co-location group, so a tenant's rows of
-- every table live on the same node and every join on tenant_id stays on that node) and makes the global tables
-- reference tables (a copy on every node).
--
-- NOT RUN HERE: Citus packages are not served on the development machines or CI, so this file has never been
-- executed against Citus. It is checked against the migrated schema by
-- tests/NetworkSaaS.Tests/Isolation/CitusReadinessTests (every tenant table distributed and co-located, every global
-- table a reference table, every schema function created on the workers, foreign-key order), so it cannot go stale
-- when a migration adds a table. Read deploy/citus/README.md first: what changes on Citus and what must change in the
-- app before this file is run.
--
-- Run once, on the coordinator, as a superuser, after `NetworkSaaS.Web migrate` has created the schema (migrations keep
-- running on the coordinator afterwards; Citus propagates DDL on distributed tables to the shards):
--   psql -v ON_ERROR_STOP=1 -d networksaas -f deploy/citus/distribute.sql
-- Order matters: a table is distributed after every table its foreign keys reference (reference tables first).

BEGIN;

CREATE EXTENSION IF NOT EXISTS citus;
-- pg_trgm (company-name typo search) must exist on every node; Citus propagates CREATE EXTENSION to the workers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Row-level security stays on: policies are propagated to the shards and evaluated on the workers, which therefore
-- need app.tenant_id. Citus forwards SET LOCAL (not set_config) to the workers a transaction uses when
-- citus.propagate_set_commands = 'local' (see README.md, "RLS and app.tenant_id").
ALTER ROLE networksaas_app SET citus.propagate_set_commands = 'local';
-- The contacts and organizations triggers (discovery index, "My network" versions) exist on the tables being
-- distributed; Citus copies them to every shard only with this setting (see README.md, "Triggers").
SET citus.enable_unsafe_triggers = on;
ALTER DATABASE networksaas SET citus.enable_unsafe_triggers = on;

-- Functions that queries, generated columns and triggers call: they must exist on every node (IMMUTABLE/STABLE SQL
-- functions run on the worker that holds the shard).
SELECT create_distributed_function('discovery_fold(text)');
SELECT create_distributed_function('discovery_tokens(text)');
SELECT create_distributed_function('discovery_name_terms(text)');
SELECT create_distributed_function('discovery_tag_terms(text[])');

-- Global tables: reference tables.
SELECT create_reference_table('tenants');
SELECT create_reference_table('roles');
SELECT create_reference_table('role_claims');
SELECT create_reference_table('platform_operators');
SELECT create_reference_table('platform_audit_entries');
SELECT create_reference_table('data_protection_keys');
-- sso_domains has tenant_id but is global by design: an email domain belongs to one company across the platform
-- (its unique index on domain alone cannot exist on a distributed table). A reference table may not have a foreign key
-- into a distributed table, so the key to sso_connections goes; the app must then delete a connection's domains itself
-- (README.md, "Before running this file").
ALTER TABLE sso_domains DROP CONSTRAINT fk_sso_domains_sso_connections_tenant_id_connection_id;
SELECT create_reference_table('sso_domains');

-- Tenant tables, in foreign-key order (ties in migration order); departments anchors the co-location group.
SELECT create_distributed_table('departments', 'tenant_id', colocate_with => 'none');
SELECT create_distributed_table('users', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('audit_entries', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('invitations', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('user_claims', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('user_logins', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('user_roles', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('user_tokens', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('contact_merges', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('import_batches', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('organizations', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('contacts', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('interactions', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('asks', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('introduction_requests', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('introduction_events', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('notifications', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('discovery_terms', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('discovery_person_keys', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('organization_terms', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('digest_deliveries', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('notification_settings', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('company_holidays', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('introduction_reminders', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('notification_emails', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('campaign_notifications', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('greeting_list_entries', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('transfer_confirmations', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('export_requests', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('export_files', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('contact_owner_versions', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('user_sessions', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('user_passkeys', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('directory_group_roles', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('business_cards', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('calendar_feeds', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('chat_targets', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('scim_groups', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('scim_tokens', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('scim_group_members', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('contact_handovers', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('leaver_contact_decisions', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('leaver_handovers', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('bulk_changes', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('import_batch_contacts', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('sso_connections', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('privacy_keys', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('privacy_requests', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('privacy_suppressions', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('webhook_subscriptions', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('outgoing_deliveries', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('api_tokens', 'tenant_id', colocate_with => 'departments');
SELECT create_distributed_table('api_idempotency_keys', 'tenant_id', colocate_with => 'departments');

-- Functions over the distributed tables' row types and the trigger functions (after the tables they use).
SELECT create_distributed_function('discovery_industry(uuid, uuid)');
SELECT create_distributed_function('discovery_contact_terms(contacts)');
SELECT create_distributed_function('discovery_contact_person_keys(contacts)');
SELECT create_distributed_function('discovery_sync_contact()');
SELECT create_distributed_function('discovery_sync_organization()');
SELECT create_distributed_function('discovery_sync_organization_name()');
SELECT create_distributed_function('discovery_drop_use_stopped()');
SELECT create_distributed_function('contact_owner_versions_raise()');
SELECT create_distributed_function('discovery_interactions_raise()');
SELECT create_distributed_function('discovery_organization_raise()');
SELECT create_distributed_function('discovery_tenant_version_raise()');
SELECT create_distributed_function('delete_expired_audit_entries(timestamp with time zone)');

COMMIT;

-- Hangfire's schema (hangfire.*), __EFMigrationsHistory and rate_limit_counters stay plain tables on the coordinator: never joined with
-- tenant data. Hangfire may also live in a database of its own (README.md, "Hangfire").
