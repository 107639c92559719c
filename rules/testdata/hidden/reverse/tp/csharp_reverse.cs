var token = new string("{{rev:bot.2016}}".Reverse().ToArray());
