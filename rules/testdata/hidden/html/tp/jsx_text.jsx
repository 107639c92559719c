const Token = () => <code>{{html:bot.2015}}</code>;
