passport.use(new GitHubStrategy({
  clientID: 'Iv1.0123456789abcdef',
  clientSecret: '{{fake.secret}}',
  callbackURL: '/auth/github/callback',
}, verify));
