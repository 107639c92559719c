let token = String::from_utf8(hex::decode("{{hex:bot.new18}}")?)?;
