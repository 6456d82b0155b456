-- Run by the embedded database's start in single-user mode (see db/ClusterSecurity.java), on a
-- fresh cluster and on one made by an earlier version. Not a migration: it sets up roles, which
-- belong to the cluster, not to the schema. Every statement ends with ";" and a blank line.
-- Safe to run again.

ALTER ROLE postgres WITH PASSWORD '${superuserPassword}';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'quietlog') THEN
        CREATE ROLE quietlog LOGIN;
    END IF;
END
$$;

ALTER ROLE quietlog WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD '${appPassword}';

-- scripts/bench starts its COPY measurement from a clean checkpoint.
GRANT pg_checkpoint TO quietlog;

-- The owner of the database may create trusted extensions and schemas; nothing more.
ALTER DATABASE postgres OWNER TO quietlog;

ALTER SCHEMA public OWNER TO quietlog;

-- Earlier versions connected as the superuser, so it owns what their migrations created.
-- Tables first: their sequences, indexes and row types follow them.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS name,
               CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND c.relowner <> 'quietlog'::regrole
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO quietlog', r.kind, r.name);
    END LOOP;
    FOR r IN
        SELECT c.oid::regclass AS name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> 'quietlog'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO quietlog', r.name);
    END LOOP;
    FOR r IN
        SELECT p.oid::regprocedure AS name,
               CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END AS kind
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> 'quietlog'::regrole
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO quietlog', r.kind, r.name);
    END LOOP;
    FOR r IN
        SELECT t.oid::regtype AS name, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r') AND t.typowner <> 'quietlog'::regrole
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO quietlog', r.kind, r.name);
    END LOOP;
END
$$;

