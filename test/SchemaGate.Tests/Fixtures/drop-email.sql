ALTER TABLE test_db.person DROP COLUMN email;
