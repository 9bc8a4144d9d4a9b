-- test_db.person as the seed's connectors capture it.
CREATE TABLE test_db.person (
  id INT NOT NULL AUTO_INCREMENT,
  first_name VARCHAR(255) NOT NULL,
  last_name VARCHAR(255) NOT NULL,
  email VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY person_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
