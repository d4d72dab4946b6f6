-- The data protection officer's role (issue 17). Alone in its migration: a new enum value cannot be
-- used in the transaction that adds it, and the next migration uses it as a column default.
ALTER TYPE "Role" ADD VALUE 'IOD';
