var token = Encoding.UTF8.GetString(Convert.FromBase64String("{{b64:bearer:bot.2016}}"));
