-- Knowledge-base versions and the Chinese search index.
-- Valid on PostgreSQL 15+ and PGlite. Never edit once landed: add a new migration.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A draft is the KB as loaded or edited; publishing gives it a number and freezes it.
CREATE TABLE kb_versions (
  id            bigserial PRIMARY KEY,
  number        integer UNIQUE,
  status        text NOT NULL CHECK (status IN ('draft', 'published', 'discarded')),
  content       jsonb NOT NULL,
  content_hash  text NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  note          text NOT NULL DEFAULT '',
  published_by  text,
  published_at  timestamptz,
  CHECK ((status = 'published') = (number IS NOT NULL))
);

-- At most one open draft at a time.
CREATE UNIQUE INDEX kb_versions_single_draft ON kb_versions ((status)) WHERE status = 'draft';

-- Published versions are immutable: what a citizen was told must stay reproducible.
CREATE FUNCTION kb_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.status = 'published' THEN
    RAISE EXCEPTION 'published KB version % cannot be deleted', OLD.number;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
    RAISE EXCEPTION 'published KB version % is immutable', OLD.number;
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;

CREATE TRIGGER kb_versions_guard BEFORE UPDATE OR DELETE ON kb_versions
  FOR EACH ROW EXECUTE FUNCTION kb_versions_guard();

-- One row per searchable thing of a published version. Chinese text is segmented by jieba in
-- the application (PostgreSQL's parsers do not split Chinese words), then indexed as 'simple'.
CREATE TABLE kb_search_docs (
  version_number integer NOT NULL REFERENCES kb_versions (number),
  kind           text NOT NULL CHECK (kind IN ('item', 'event', 'hall', 'faq')),
  code           text NOT NULL,
  seq            integer NOT NULL DEFAULT 0,
  title          text NOT NULL,
  body           text NOT NULL,
  title_seg      text NOT NULL,
  keywords_seg   text NOT NULL,
  body_seg       text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title_seg), 'A') ||
    setweight(to_tsvector('simple', keywords_seg), 'B') ||
    setweight(to_tsvector('simple', body_seg), 'D')
  ) STORED,
  PRIMARY KEY (version_number, kind, code, seq)
);

CREATE INDEX kb_search_docs_tsv ON kb_search_docs USING gin (tsv);
CREATE INDEX kb_search_docs_title_trgm ON kb_search_docs USING gin (title gin_trgm_ops);
