-- Journal entries belong to the person, not to a couple's space: detach their documents from spaces,
-- so that closing or deleting a space can never take a person's journal with it.
UPDATE "documents" SET "space_id" = NULL WHERE "kind" = 'journal';
