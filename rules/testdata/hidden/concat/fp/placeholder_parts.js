const token = "YOUR_" + "BOT_" + "TOKEN_" + "HERE" + "_REPLACE_" + "ME_" + "BEFORE_" + "DEPLOYING_THE_BOT_PLEASE";
