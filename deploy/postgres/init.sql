-- Run once by the postgres image on a new volume: the services' login role owns no
-- table, so FORCEd row-level security binds it. Migrations run as the owner.
-- Each service owns a database.
CREATE ROLE tenantry_app LOGIN PASSWORD 'tenantry_app' NOSUPERUSER NOBYPASSRLS;
CREATE DATABASE tenantry_metering;
CREATE DATABASE tenantry_drift;
