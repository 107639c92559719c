FROM node:20-alpine
ENV TOKEN={{mfa._first}}
CMD ["node", "index.js"]
