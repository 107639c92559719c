const DiscordStrategy = require('passport-discord').Strategy;

passport.use(new DiscordStrategy({
  clientID: '{{fake.id}}',
  clientSecret: '{{secret.alnum}}',
  callbackURL: 'http://localhost:3000/auth/discord/callback',
  scope: ['identify', 'guilds'],
}, verify));
