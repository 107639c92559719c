const TOKEN: &str = concat!("{{bot.new18@t[0:40]}}", "{{@t[40:]}}");
