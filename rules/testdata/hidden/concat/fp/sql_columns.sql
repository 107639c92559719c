SELECT first_name || ' ' || last_name || ' <' || email || '>' FROM users WHERE guild_id = '{{fake.id}}';
