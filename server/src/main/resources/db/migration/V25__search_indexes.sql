-- Search by contact (address or name) or account (domain) anywhere in the text: trigram
-- indexes answer "contains" without scanning every contact. pg_trgm is a trusted extension.
create extension if not exists pg_trgm;
create index contacts_search_email on contacts using gin (email gin_trgm_ops);
create index contacts_search_name on contacts using gin (lower(name) gin_trgm_ops);
create index accounts_search_domain on accounts using gin (domain gin_trgm_ops);
