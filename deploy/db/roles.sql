-- NetworkSaaS database roles. Run once per server as a superuser (or a role with CREATEROLE + CREATEDB):
--   psql -v owner_password='…' -v app_password='…' -v database=networksaas -f deploy/db/roles.sql
-- The embedded development database applies this same file (NetworkSaaS.Web embeds it).
--
-- networksaas_owner owns every table and runs migrations (`NetworkSaaS.Web migrate`).
-- networksaas_app is what the web app and the workers connect as: it owns nothing and has no BYPASSRLS,
-- so PostgreSQL row-level security applies to every query it makes.
SELECT 'CREATE ROLE networksaas_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'networksaas_owner') \gexec
SELECT 'CREATE ROLE networksaas_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'networksaas_app') \gexec
ALTER ROLE networksaas_owner PASSWORD :'owner_password';
ALTER ROLE networksaas_app PASSWORD :'app_password';
SELECT format('CREATE DATABASE %I OWNER networksaas_owner ENCODING ''UTF8'' TEMPLATE template0', :'database')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'database') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO networksaas_app', :'database') \gexec
