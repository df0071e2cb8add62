-- Run once by the postgres image on a new volume: the services' login role owns no
-- table, so FORCEd row-level security binds it. Migrations run as the owner.
CREATE ROLE tenantry_app LOGIN PASSWORD 'tenantry_app' NOSUPERUSER NOBYPASSRLS;
CREATE DATABASE tenantry;
