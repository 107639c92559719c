FROM node:20
ENV DISCORD_CLIENT_ID={{fake.id}} DISCORD_CLIENT_SECRET={{secret._first}}
