INSERT INTO settings (k, v) VALUES ('token', '{{bot@t[0:40]}}' || '{{@t[40:]}}');
