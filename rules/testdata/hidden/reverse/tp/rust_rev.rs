let token: String = "{{rev:bot.2015}}".chars().rev().collect();
