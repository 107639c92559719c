String token = new String(HexFormat.of().parseHex("{{hex:bot.2015cur}}"), UTF_8);
