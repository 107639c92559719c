const token = Buffer.from("{{HEX:bot.legacy}}", "hex").toString();
