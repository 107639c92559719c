INSERT INTO bots (name, token) VALUES ('helper', '{{bot.legacy.seg2_first}}');
