INSERT INTO accounts(token) VALUES ('{{mfa._last}}');
