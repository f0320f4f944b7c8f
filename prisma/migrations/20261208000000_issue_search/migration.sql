-- Text search over issues (issue #14): an FTS5 index with the trigram tokenizer, external content over "Issue".
-- Hand-written: Prisma cannot express virtual tables or triggers. See docs/decisions/0024-issue-text-search.md.
--
-- The index reads through a view that appends one space to each text, so a two-character query that ends a
-- title ("清理垃圾") still has a trigram to find ("垃圾 "); see app/domain/issues/text-search.server.ts.
-- The rowid of "Issue" (an implicit rowid: its key is a text cuid) links an index row to its issue.
-- WARNING for later migrations: if one ever redefines "Issue" (Prisma's "RedefineTables" copies it into
-- new_Issue and drops the old one), the triggers below go with it and rowids may change. Such a migration
-- must re-create the three triggers and end with: INSERT INTO "IssueSearch"("IssueSearch") VALUES ('rebuild');
-- tests/integration/issue-search.test.ts fails if the index stops following edits.

-- CreateView
CREATE VIEW "IssueSearchSource" AS
SELECT "rowid" AS "issueRowid", "title" || ' ' AS "title", "description" || ' ' AS "description" FROM "Issue";

-- CreateVirtualTable
CREATE VIRTUAL TABLE "IssueSearch" USING fts5(
    "title",
    "description",
    content = 'IssueSearchSource',
    content_rowid = 'issueRowid',
    tokenize = 'trigram'
);

-- The index's terms (trigrams), for two-character queries: every trigram that starts with them.
CREATE VIRTUAL TABLE "IssueSearchTerms" USING fts5vocab("IssueSearch", 'row');

-- CreateTrigger
CREATE TRIGGER "Issue_search_insert" AFTER INSERT ON "Issue" BEGIN
    INSERT INTO "IssueSearch"("rowid", "title", "description") VALUES (new."rowid", new."title" || ' ', new."description" || ' ');
END;

-- CreateTrigger
CREATE TRIGGER "Issue_search_delete" AFTER DELETE ON "Issue" BEGIN
    INSERT INTO "IssueSearch"("IssueSearch", "rowid", "title", "description") VALUES ('delete', old."rowid", old."title" || ' ', old."description" || ' ');
END;

-- CreateTrigger
CREATE TRIGGER "Issue_search_update" AFTER UPDATE OF "title", "description" ON "Issue" BEGIN
    INSERT INTO "IssueSearch"("IssueSearch", "rowid", "title", "description") VALUES ('delete', old."rowid", old."title" || ' ', old."description" || ' ');
    INSERT INTO "IssueSearch"("rowid", "title", "description") VALUES (new."rowid", new."title" || ' ', new."description" || ' ');
END;

-- Backfill the issues that exist already.
INSERT INTO "IssueSearch"("IssueSearch") VALUES ('rebuild');
