// discord bot dashboard
app.use(session({ secret: '{{fake.secret}}', resave: false }));
const jwtSecret = '{{fake.secret}}';
